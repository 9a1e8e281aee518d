import Foundation
import TestSupport
import Testing
import Web
@testable import App

/// The list, retry, move and cancel routes in-process: every bad query parameter named at once, an unknown or
/// another user's post a 404 on each route, a malformed Idempotency-Key or scheduled_at named before anything is
/// stored.
@Suite(.needsStack)
struct PublicationActionHandlerTests {
    let app = TestApplication(.router)

    @Test func badListParametersAreNamedTogether() throws {
        let key = try app.newKey()
        let answer = try app.execute("GET", "/api/sns/instagram/posts?account_id=0&state=done&limit=101&cursor=abc", key: key)
        answer.expectEnvelope(422, "VALIDATION_ERROR")
        #expect(Set((answer.json["errors"] as? [String: String] ?? [:]).keys) == ["account_id", "state", "limit", "cursor"])
        try app.execute("GET", "/api/sns/instagram/posts?account_id=999999999", key: key).expectEnvelope(404, "NOT_FOUND")
        let empty = try app.execute("GET", "/api/sns/instagram/posts?state=failed", key: key)
        #expect(empty.status == 200 && empty.json["count"] as? Int == 0 && empty.json["has_more"] as? Bool == false)
    }

    @Test func badCalendarRangesAreNamed() throws {
        let key = try app.newKey()
        let answer = try app.execute("GET", "/api/sns/instagram/calendar?from=yesterday&to=soon&account_id=-1", key: key)
        answer.expectEnvelope(422, "VALIDATION_ERROR")
        #expect(Set((answer.json["errors"] as? [String: String] ?? [:]).keys) == ["from", "to", "account_id"])
        let tooLong = try app.execute("GET", "/api/sns/instagram/calendar?from=2026-01-01&to=2026-06-01", key: key)
        tooLong.expectEnvelope(422, "VALIDATION_ERROR")
        #expect((tooLong.json["errors"] as? [String: String])?["to"]?.contains("93 days") == true)
        // One day asked as from=to: the answer says that to is excluded and what to give instead.
        let oneDay = try app.execute("GET", "/api/sns/instagram/calendar?from=2026-12-24&to=2026-12-24", key: key)
        oneDay.expectEnvelope(422, "VALIDATION_ERROR")
        #expect((oneDay.json["errors"] as? [String: String])?["to"]?.contains("to=2026-12-25") == true, "\(oneDay.json)")
        let empty = try app.execute("GET", "/api/sns/instagram/calendar?from=2026-12-01T00:00:00%2B09:00", key: key)
        #expect(empty.status == 200 && empty.json["count"] as? Int == 0 && (empty.json["days"] as? [Any])?.isEmpty == true, "\(empty.json)")
    }

    @Test func anUnknownPostIsNotFoundOnEveryRoute() throws {
        let key = try app.newKey()
        try app.execute("POST", "/api/sns/instagram/posts/999999999/retry", key: key).expectEnvelope(404, "NOT_FOUND")
        try app.execute("DELETE", "/api/sns/instagram/posts/999999999", key: key).expectEnvelope(404, "NOT_FOUND")
        let inAnHour = ISO8601DateFormatter().string(from: Date().addingTimeInterval(3600))
        try app.execute("PATCH", "/api/sns/instagram/posts/999999999", key: key, json: #"{"scheduled_at":"\#(inAnHour)"}"#)
            .expectEnvelope(404, "NOT_FOUND")
        let unknownField = try app.execute("PATCH", "/api/sns/instagram/posts/1", key: key, json: #"{"caption":"x"}"#)
        unknownField.expectEnvelope(422, "VALIDATION_ERROR")
        #expect((unknownField.json["errors"] as? [String: String])?["caption"] != nil, "only scheduled_at can be changed")
    }

    @Test func aMalformedIdempotencyKeyOrScheduleIsNamedBeforeAnythingIsStored() throws {
        let key = try app.newKey()
        let badKey = try app.execute("POST", "/api/sns/instagram/posts", key: key, headers: [("Idempotency-Key", String(repeating: "k", count: 256))],
                                     json: #"{"account_id":999999999,"image_url":"https://x.test/a.jpg"}"#)
        badKey.expectEnvelope(422, "VALIDATION_ERROR")
        #expect((badKey.json["errors"] as? [String: String])?["Idempotency-Key"] != nil)
        let badTime = try app.execute("POST", "/api/sns/instagram/posts", key: key,
                                      json: #"{"account_id":999999999,"image_url":"https://x.test/a.jpg","scheduled_at":"tomorrow"}"#)
        badTime.expectEnvelope(422, "VALIDATION_ERROR")
        #expect((badTime.json["errors"] as? [String: String])?["scheduled_at"]?.contains("RFC 3339") == true)
        #expect(try app.execute("GET", "/api/sns/instagram/posts", key: key).json["count"] as? Int == 0)
    }
}
