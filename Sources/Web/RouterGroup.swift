/// Routes under one path prefix that run through the same middleware (Hummingbird's `RouterGroup`).
///
/// `add(middleware:)` applies to the routes added after it, outermost first; middleware that hands on a
/// richer context (`Middleware.Output`) gives a group whose handlers receive that context.
///
///     let api = table.group("/api").add(middleware: Authentication())   // RouterGroup<RequestContext, UserContext>
///     api.get("/me", AccountHandler.me)                                  // (HTTPRequest, UserContext) throws -> HTTPResponse
public struct RouterGroup<Root, Context> {
    let table: RouteTable<Root>
    let prefix: String
    /// Wraps a handler of this group in the group's middleware, down to a responder of the table.
    let compose: @Sendable (@escaping Responder<Context>) -> Responder<Root>

    /// The same group with `middleware` around every route added to it from now on.
    public func add<M: Middleware>(middleware: M) -> RouterGroup<Root, M.Output> where M.Input == Context {
        let outer = compose
        return RouterGroup<Root, M.Output>(table: table, prefix: prefix, compose: { handler in
            outer { request, context in try middleware.handle(request, context: context, next: handler) }
        })
    }

    /// A group under `path` (relative to this one) with this group's middleware.
    public func group(_ path: String) -> RouterGroup<Root, Context> {
        RouterGroup(table: table, prefix: prefix + path, compose: compose)
    }

    /// Registers `handler` for `method` at `path` (relative to the group's prefix).
    @discardableResult
    public func on(_ method: String, _ path: String, use handler: @escaping Responder<Context>) -> Self {
        table.add(method, prefix + path, compose(handler))
        return self
    }

    @discardableResult public func get(_ path: String, _ handler: @escaping Responder<Context>) -> Self { on("GET", path, use: handler) }
    @discardableResult public func post(_ path: String, _ handler: @escaping Responder<Context>) -> Self { on("POST", path, use: handler) }
    @discardableResult public func put(_ path: String, _ handler: @escaping Responder<Context>) -> Self { on("PUT", path, use: handler) }
    @discardableResult public func patch(_ path: String, _ handler: @escaping Responder<Context>) -> Self { on("PATCH", path, use: handler) }
    @discardableResult public func delete(_ path: String, _ handler: @escaping Responder<Context>) -> Self { on("DELETE", path, use: handler) }
}
