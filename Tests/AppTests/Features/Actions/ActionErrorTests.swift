import Foundation
import Instagram
import Testing
import Web
@testable import App

/// How Instagram's refusals of an action answer (issue 15): the earlier service's codes and the new ones.
@Suite struct ActionErrorTests {
    func answer(_ code: InstagramError.Code, blocked: Date? = nil, retryAfter: Double? = nil) -> APIError {
        ActionError(kind: .instagram(InstagramError(code, "x", retryAfter: retryAfter), blockedUntil: blocked)).apiError
    }

    @Test func instagramRefusalsMapToTheDocumentedCodes() {
        #expect(answer(.feedbackRequired, blocked: Date().addingTimeInterval(3600)).code == "ACTION_BLOCKED")
        #expect(answer(.feedbackRequired, blocked: Date().addingTimeInterval(3600)).status.code == 429)
        #expect(answer(.challengeRequired).code == "CHALLENGE_REQUIRED" && answer(.challengeRequired).status.code == 403)
        #expect(answer(.invalidSession).code == "INVALID_SESSION" && answer(.invalidSession).status.code == 403)
        #expect(answer(.rateLimited, retryAfter: 42).code == "RATE_LIMIT_EXCEEDED")
        #expect(answer(.rateLimited, retryAfter: 42).headers.contains { $0.0 == "Retry-After" && $0.1 == "42" })
        #expect(answer(.notFound).code == "REQUEST_FAILED" && answer(.notFound).status.code == 404)
        #expect(answer(.badRequest).code == "REQUEST_FAILED" && answer(.badRequest).status.code == 502)
        #expect(answer(.upstreamError).message.contains("x"), "Instagram's message is passed on")
    }

    @Test func aBlockSaysUntilWhen() {
        let until = Date().addingTimeInterval(7200)
        let error = answer(.feedbackRequired, blocked: until)
        #expect(error.errors["blocked_until"] == ActionError.iso(until))
        let wait = Int(error.headers.first { $0.0 == "Retry-After" }?.1 ?? "") ?? 0
        #expect((7190...7201).contains(wait))
    }

    @Test func refusalsBeforeSendingUseTheEarlierCodes() {
        #expect(ActionError(kind: .sessionNotFound("me")).apiError.status.code == 404)
        #expect(ActionError(kind: .sessionNotFound("me")).errorCode == "INVALID_SESSION")
        let status = QuotaStatus(limit: 20, used: 20, resetSeconds: 90)
        let limited = ActionError(kind: .limitExceeded(.follow, status)).apiError
        #expect(limited.code == "RATE_LIMIT_EXCEEDED" && limited.headers.contains { $0 == ("Retry-After", "90") })
        #expect(ActionError(kind: .sessionMarked(state: "challenge")).errorCode == "CHALLENGE_REQUIRED")
        #expect(ActionError(kind: .alreadyDone(.like)).apiError.status.code == 409)
    }
}
