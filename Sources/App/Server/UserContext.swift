import HTTPClient
import Logging
import Postgres
import Web

/// The context of a request in an authenticated group: the thread's `RequestContext` and the API user the
/// key belongs to. `AuthenticationMiddleware` makes it, so a handler that takes one cannot run without a user.
@dynamicMemberLookup
public struct UserContext {
    /// The responder thread's context (database connection, HTTP client, logger).
    public let thread: RequestContext
    /// Who is asking.
    public let user: APIUser

    public subscript<Value>(dynamicMember keyPath: KeyPath<RequestContext, Value>) -> Value { thread[keyPath: keyPath] }

    /// The thread's database connection (see `RequestContext.database()`).
    public func database() throws(APIError) -> PostgresConnection { try thread.database() }
}
