import Web

/// A rolling-window quota on a group of routes, per API key: every answer carries the IETF `RateLimit-Limit`,
/// `RateLimit-Remaining` and `RateLimit-Reset` headers; past the limit the answer is 429 `QUOTA_EXCEEDED` with
/// `Retry-After`. A request the API refuses as invalid (400, 413, 415, 422) gives its use back: only
/// requests that were understood count.
struct QuotaMiddleware: Middleware {
    /// The limiter scope (`download`).
    let scope: String
    /// What the quota is called in the 429's message.
    let noun: String
    let window: @Sendable (AppConfiguration) -> RollingWindow

    func handle(_ request: HTTPRequest, context: UserContext, next: Responder<UserContext>) throws -> HTTPResponse {
        let limiter = UsageLimiter(db: try context.database())
        let subject = "key:\(context.user.keyID)"
        let window = window(context.configuration)
        let (allowed, status) = try limiter.consume(scope, subject: subject, window: window)
        guard allowed else {
            throw APIError(.tooManyRequests, "QUOTA_EXCEEDED",
                           "This API key used its \(status.limit) \(noun) of the last \(window.seconds / 3600) hours; the next one is free in \(status.resetSeconds) s.",
                           headers: status.headers + [("Retry-After", "\(status.resetSeconds)")])
        }
        do {
            var response = try next(request, context)
            var shown = status
            if Self.refusedAsInvalid(response.status) {
                try limiter.giveBack(scope, subject: subject)
                shown = Self.returned(status)
            }
            for (name, value) in shown.headers { response.headers[name] = value }
            return response
        } catch {
            if let known = error as? any HTTPResponseError, Self.refusedAsInvalid(known.responseStatus) {
                try? limiter.giveBack(scope, subject: subject)
                throw EditedHTTPError(error, adding: Self.returned(status).headers)
            }
            throw EditedHTTPError(error, adding: status.headers)
        }
    }

    /// The statuses of requests the API did not accept as meant: they use nothing.
    static func refusedAsInvalid(_ status: HTTPStatus) -> Bool {
        [400, 413, 415, 422].contains(status.code)
    }

    /// The status after a use was given back.
    static func returned(_ status: QuotaStatus) -> QuotaStatus {
        var back = status
        back.used = max(0, status.used - 1)
        return back
    }
}
