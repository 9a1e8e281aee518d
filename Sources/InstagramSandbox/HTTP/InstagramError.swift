import Web

/// An answer Instagram gives instead of data: the error bodies of facts §8.1, login redirects, 404 pages.
/// Thrown by handlers; `response` is what the client gets.
public struct InstagramError: Error, Sendable, CustomStringConvertible {
    /// A stable name for logs and the request log (`login_required`, `media_not_found`, ...).
    public var code: String
    public var response: HTTPResponse

    public init(code: String, response: HTTPResponse) {
        self.code = code
        self.response = response
    }

    public var description: String { "\(response.status.code) \(code)" }

    /// `{"message": ..., "status": "fail"}` with extra fields.
    static func fail(_ code: String, _ status: HTTPStatus, _ message: String, _ extra: [(String, JSON)] = []) -> InstagramError {
        InstagramError(code: code, response: InstagramResponse.json(.object([("message", .string(message))] + extra + [("status", "fail")]),
                                                                    status: status))
    }

    /// Mobile API, logged out: 403 `login_required`.
    static let loginRequired = fail("login_required", .forbidden, "login_required", [
        ("error_title", "You've Been Logged Out"), ("error_body", "Please log back in."), ("logout_reason", 8)])

    /// Web: 302 to the login page (absolute, as IL requires).
    static func loginRedirect(next: String, links: LinkStyle) -> InstagramError {
        InstagramError(code: "login_redirect",
                       response: InstagramResponse.redirect(links.web + "/accounts/login/?next=" + PercentDecoding.encode(next)))
    }

    /// Web: a flagged session.
    static func checkpoint(userPK: UInt64) -> InstagramError {
        fail("checkpoint_required", .badRequest, "checkpoint_required", [
            ("checkpoint_url", .string("/challenge/\(userPK)/atwWXYmeVP/")), ("lock", false), ("flow_render_type", 0)])
    }

    /// Mobile: a flagged session.
    static func challenge(userPK: UInt64, links: LinkStyle) -> InstagramError {
        fail("challenge_required", .badRequest, "challenge_required", [
            ("challenge", ["url": .string("https://i.instagram.com/challenge/\(userPK)/pEQkAbHw3Z/"),
                           "api_path": .string("/challenge/\(userPK)/pEQkAbHw3Z/"), "hide_webview_header": true,
                           "lock": true, "logout": false, "native_flow": true]),
            ("error_type", "checkpoint_challenge_required")])
    }

    /// An action past its daily threshold or by a blocked session.
    static func feedbackRequired(action: ActionKind) -> InstagramError {
        fail("feedback_required", .badRequest, "feedback_required", [
            ("spam", true), ("feedback_title", .string(action.feedbackTitle)),
            ("feedback_message", "This action was blocked. Please try again later. We restrict certain content and actions to protect our community. Tell us if you think we made a mistake."),
            ("feedback_url", .string("repute/report_problem/\(action.feedbackPath)/")),
            ("feedback_appeal_label", "Report problem"), ("feedback_ignore_label", "OK"), ("feedback_action", "report_problem")])
    }

    /// A comment on a post whose comments are off (facts §6.3).
    static var commentsOff: InstagramError {
        var error = feedbackRequired(action: .comment)
        error.response = fail("feedback_required", .badRequest, "feedback_required", [
            ("spam", false), ("feedback_title", "Commenting is Off"), ("comments_disabled", true),
            ("feedback_message", "Comments on this post have been limited.")]).response
        return error
    }

    /// Pacing: "Please wait a few minutes before you try again."
    static func pleaseWait(status: HTTPStatus = .tooManyRequests) -> InstagramError {
        fail("please_wait", status, "Please wait a few minutes before you try again.")
    }

    static let mediaNotFound = fail("media_not_found", .badRequest, "Media not found or unavailable")
    static let notAuthorized = fail("not_authorized", .badRequest, "Not authorized to view user")
    static let useragentMismatch = fail("useragent_mismatch", .badRequest, "useragent mismatch")
    static let csrf = fail("csrf_failed", .forbidden, "CSRF token missing or incorrect")
    static let userNotFound = fail("user_not_found", .notFound, "User not found")
    static let invalidTargetUser = fail("invalid_target_user", .badRequest, "Invalid target user")
    static let invalidMediaID = fail("invalid_media_id", .badRequest, "Invalid media_id")
    static func badRequest(_ message: String) -> InstagramError { fail("bad_request", .badRequest, message) }

    /// An HTML page's 404.
    static let pageNotFound = InstagramError(code: "page_not_found", response: InstagramResponse.html(
        HTMLPages.notFound, status: .notFound))

    /// Mobile API unknown endpoint: plain `Not Found`.
    static let plainNotFound = InstagramError(code: "not_found", response: .text("Not Found", status: .notFound))
}
