/// Answers one request with a context: a route's handler, or a handler wrapped in middleware.
public typealias Responder<Context> = @Sendable (HTTPRequest, Context) throws -> HTTPResponse

/// Behaviour around a group of routes (authentication, limits, logging, metrics), after Hummingbird's
/// `MiddlewareProtocol`: it sees the request before the handler and the answer (or error) after it.
///
/// `Output` is the context the rest of the chain receives. Most middleware pass their context on
/// (`Output == Input`); an authenticating one hands on a richer context that carries the user, so the
/// handlers behind it get the user as a value instead of checking for one.
public protocol Middleware<Input, Output>: Sendable {
    associatedtype Input
    associatedtype Output = Input

    /// Handles `request`, calling `next` (at most once) to go on to the handler.
    func handle(_ request: HTTPRequest, context: Input, next: Responder<Output>) throws -> HTTPResponse
}
