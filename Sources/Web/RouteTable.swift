/// Where routes are registered at start-up: groups (`group(_:)`) add their routes here, wrapped in their
/// middleware, and `router` is the finished, immutable table the responder threads match against.
public final class RouteTable<Context> {
    /// The routes registered so far, each with its responder (middleware included).
    public private(set) var router = Router<Responder<Context>>()

    public init() {}

    /// A group for routes under `prefix` (`""`: the root), without middleware yet.
    public func group(_ prefix: String = "") -> RouterGroup<Context, Context> {
        RouterGroup(table: self, prefix: prefix, compose: { $0 })
    }

    func add(_ method: String, _ pattern: String, _ responder: @escaping Responder<Context>) {
        router.on(method, pattern, responder)
    }
}
