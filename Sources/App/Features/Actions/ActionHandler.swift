import Instagram
import Web

/// `POST /api/instagram/follow|unfollow|like|unlike|comment` (the earlier service's API, issue 15): an action
/// with a saved session, through Instagram's web endpoints, within the account's daily limits.
enum ActionHandler {
    @Sendable static func follow(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        try perform(.follow, request, context)
    }

    @Sendable static func unfollow(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        try perform(.unfollow, request, context)
    }

    @Sendable static func like(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        try perform(.like, request, context)
    }

    @Sendable static func unlike(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        try perform(.unlike, request, context)
    }

    @Sendable static func comment(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        try perform(.comment, request, context)
    }

    static func perform(_ endpoint: InstagramAction, _ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let parsed = try ActionRequest.parse(request, endpoint: endpoint)
        return try ActionPerformer(context: context, request: parsed).perform()
    }
}
