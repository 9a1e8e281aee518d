import Foundation

/// Turns an Instagram answer into an `InstagramError`, or nil when it is a success (facts §7, §8).
/// Pure: tested from fixtures without I/O.
public enum InstagramAnswerClassifier {
    /// The fields of a `"status":"fail"` body that decide the class.
    struct FailBody: Decodable {
        var status: String?
        var message: String?
        var error_type: String?
        var error_title: String?
        var feedback_message: String?
        var comments_disabled: Bool?
    }

    /// Classifies one answer. `location` is the `Location` of a redirect, `finalURL` the URL that answered.
    public static func classify(status: Int, body: [UInt8], location: String? = nil, finalURL: String = "",
                                retryAfter: Double? = nil, hasSession: Bool = true) -> InstagramError? {
        if let redirect = classifyRedirect(status: status, location: location ?? finalURL, hasSession: hasSession) {
            return redirect
        }
        // The common cases, without parsing 60-200 KB: a v1 answer's `"status":"ok"`, a web-app GraphQL answer's
        // `extensions` (it has no `status`; its failures end with `"status":"fail"`).
        if (200..<300).contains(status), endsWithStatusOK(body) || endsAsFinalGraphQL(body) { return nil }
        let fail = try? JSONDecoder().decode(FailBody.self, from: Data(body))
        let message = fail?.message ?? ""
        if message.localizedCaseInsensitiveContains("please wait a few minutes") || status == 429 {
            return InstagramError(.rateLimited, message.isEmpty ? "rate limited" : message,
                                  retryAfter: retryAfter, httpStatus: status)
        }
        if message == "feedback_required", fail?.comments_disabled == true {
            // Comments are off on this one post (facts §6.3): not a block of the account.
            return InstagramError(.badRequest, "comments are off on this post (feedback_required, comments_disabled)", httpStatus: status)
        }
        if let known = classifyMessage(message, errorType: fail?.error_type, status: status, hasSession: hasSession) {
            return known
        }
        return classifyStatus(status, body: body, fail: fail)
    }

    /// Redirects to the login or challenge page: the session is not usable (facts §7).
    static func classifyRedirect(status: Int, location: String, hasSession: Bool) -> InstagramError? {
        let path = pathOf(location)
        if path.hasPrefix("/accounts/login") {
            return hasSession ? InstagramError(.invalidSession, "the session is logged out (redirect to the login page)", httpStatus: status)
                              : InstagramError(.loginRequired, "this call needs a logged-in session", httpStatus: status)
        }
        if path.hasPrefix("/challenge") {
            return InstagramError(.challengeRequired, "the account must pass a challenge", httpStatus: status)
        }
        if (300..<400).contains(status) {
            return InstagramError(.upstreamError, "unexpected redirect to \(path)", httpStatus: status)
        }
        return nil
    }

    /// Errors named by Instagram's `message` / `error_type` (facts §8.1).
    static func classifyMessage(_ message: String, errorType: String?, status: Int, hasSession: Bool) -> InstagramError? {
        switch message {
        case "login_required":
            return hasSession ? InstagramError(.invalidSession, "the session is logged out (login_required)", httpStatus: status)
                              : InstagramError(.loginRequired, "this call needs a logged-in session", httpStatus: status)
        case "checkpoint_required", "challenge_required":
            return InstagramError(.challengeRequired, "the account must pass a challenge (\(message))", httpStatus: status)
        case "feedback_required":
            return InstagramError(.feedbackRequired, "action blocked by Instagram (feedback_required)", httpStatus: status)
        case "Not authorized to view user":
            return InstagramError(.privateAccount, "the account is private", httpStatus: status)
        default: break
        }
        let lower = message.lowercased()
        if lower.contains("user not found") || lower.contains("unable to fetch") || lower.contains("media not found") {
            return InstagramError(.notFound, message, httpStatus: status)
        }
        if errorType == "checkpoint_challenge_required" {
            return InstagramError(.challengeRequired, "the account must pass a challenge", httpStatus: status)
        }
        return nil
    }

    /// Whatever the message did not decide: by HTTP status, then by the body's `status`.
    static func classifyStatus(_ status: Int, body: [UInt8], fail: FailBody?) -> InstagramError? {
        let message = fail?.message ?? "HTTP \(status)"
        switch status {
        case 200..<300:
            guard let fail else { return InstagramError(.badResponse, "the answer is not JSON", httpStatus: status) }
            if let state = fail.status, state != "ok" {
                return InstagramError(.upstreamError, "status \(state): \(message)", httpStatus: status)
            }
            return nil
        case 404: return InstagramError(.notFound, "not found", httpStatus: status)
        case 401, 403: return InstagramError(.invalidSession, "refused: \(message)", httpStatus: status)
        case 500...: return InstagramError(.upstreamError, "Instagram failed: \(message)", httpStatus: status)
        default: return InstagramError(.badRequest, "refused: \(message)", httpStatus: status)
        }
    }

    /// Whether a JSON object ends with `"status":"ok"}` (where Instagram puts it), ignoring trailing whitespace.
    static func endsWithStatusOK(_ body: [UInt8]) -> Bool {
        objectEnds(body, with: #""status":"ok"}"#)
    }

    /// Whether a JSON object ends with `"extensions":{"is_final":true}}`, as `/api/graphql` answers its data (facts
    /// §1: the web-app Relay endpoint), ignoring whitespace.
    static func endsAsFinalGraphQL(_ body: [UInt8]) -> Bool {
        objectEnds(body, with: #""extensions":{"is_final":true}}"#)
    }

    /// Whether `body` starts as a JSON object and its last 64 bytes, whitespace left out, end with `suffix`.
    private static func objectEnds(_ body: [UInt8], with suffix: String) -> Bool {
        guard body.first == UInt8(ascii: "{") else { return false }
        let tail = body.suffix(64).filter { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        return String(decoding: tail, as: UTF8.self).hasSuffix(suffix)
    }

    static func pathOf(_ url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        guard let slash = rest.firstIndex(of: "/") else { return "/" }
        return String(rest[slash...])
    }
}
