import Foundation
import HTTPClient
import Testing

/// Publishing state a user can see and act on, through nginx → responder → PostgreSQL → worker → the Graph
/// sandbox (issue 14): the list by account and state, a page at a time; a failed post carrying Meta's code and a
/// sentence, then retried and published once; a scheduled post moved, cancelled (nothing sent to Meta) and
/// published when due; the calendar by day; the Idempotency-Key (one post, even for requests at once; another body refused).
extension ConnectedAccountTests {
    @Test func publishingListsPostsByAccountAndStateAPageAtATime() throws { try PublishingKit().postsAreListedByAccountAndState() }
    @Test func publishingAFailedPostIsRetriedAndPublishedOnce() throws { try PublishingKit().aFailedPostIsRetriedAndPublishedOnce() }
    @Test func publishingAScheduledPostIsMovedOrCancelled() throws { try PublishingKit().aScheduledPostIsMovedOrCancelled() }
    @Test func publishingAScheduledPostIsPublishedWhenDue() throws { try PublishingKit().aScheduledPostIsPublishedWhenDue() }
    @Test func publishingTheSameIdempotencyKeyPublishesOnce() throws { try PublishingKit().theSameIdempotencyKeyPublishesOnce() }
}

extension PublishingKit {
    /// POST /api/sns/instagram/posts with extra JSON fields and an optional Idempotency-Key.
    func publish(caption: String, extra: String, idempotencyKey: String? = nil, key: String? = nil) throws -> HTTPClientResponse {
        var headers = [("Content-Type", "application/json")]
        if let idempotencyKey { headers.append(("Idempotency-Key", idempotencyKey)) }
        let body = #"{"account_id":\#(accountID),"image_url":"\#(try imageURL())","caption":"\#(caption)"\#(extra)}"#
        return try flow.http.send("POST", "/api/sns/instagram/posts", key: key ?? flow.key, headers: headers, body: Array(body.utf8))
    }

    func send(_ method: String, _ path: String, json: String? = nil) throws -> HTTPClientResponse {
        try flow.http.send(method, path, key: flow.key, headers: json == nil ? [] : [("Content-Type", "application/json")],
                           body: json.map { Array($0.utf8) })
    }

    static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 9 * 3600)
        return formatter.string(from: date)
    }

    /// `2026-12-24`: the UTC day of a time.
    static func day(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }

    func ids(_ answer: HTTPClientResponse) -> [Int] {
        (answer.json["posts"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
    }

    func postsAreListedByAccountAndState() throws {
        let later = PublishingKit.rfc3339(Date().addingTimeInterval(3 * 86_400))
        let scheduled = try #require(try publish(caption: "Listed later", extra: #","scheduled_at":"\#(later)""#).json["id"] as? Int)
        let now = try #require(try publish(caption: "Listed now \(UUID().uuidString.prefix(8))", extra: "").json["id"] as? Int)
        #expect(try wait(now)["state"] as? String == "published")
        let all = try flow.get("/api/sns/instagram/posts?account_id=\(accountID)")
        #expect(all.status == 200 && ids(all) == [now, scheduled], "newest first: \(all.text.prefix(400))")
        #expect(ids(try flow.get("/api/sns/instagram/posts?account_id=\(accountID)&state=scheduled")) == [scheduled])
        #expect(ids(try flow.get("/api/sns/instagram/posts?state=published")) == [now])
        let first = try flow.get("/api/sns/instagram/posts?limit=1")
        let cursor = try #require(first.json["next_cursor"] as? String)
        #expect(ids(first) == [now] && first.json["has_more"] as? Bool == true)
        let second = try flow.get("/api/sns/instagram/posts?limit=1&cursor=\(cursor)")
        #expect(ids(second) == [scheduled] && second.json["has_more"] as? Bool == false && second.json["next_cursor"] as? String == nil)
        let bad = try flow.get("/api/sns/instagram/posts?account_id=x&state=live&limit=0&cursor=-3")
        bad.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect(Set((bad.json["errors"] as? [String: String] ?? [:]).keys) == ["account_id", "state", "limit", "cursor"], "\(bad.text)")
        // The calendar: the published post on today's UTC day, the scheduled one three days on.
        let calendar = try flow.get("/api/sns/instagram/calendar?account_id=\(accountID)&from=\(PublishingKit.day(Date()))")
        #expect(calendar.status == 200, "\(calendar.text.prefix(300))")
        let days = (calendar.json["days"] as? [[String: Any]] ?? []).map { day in
            (day["date"] as? String ?? "", (day["posts"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int })
        }
        #expect(days.map(\.0) == [PublishingKit.day(Date()), PublishingKit.day(Date().addingTimeInterval(3 * 86_400))], "\(days)")
        #expect(days.map(\.1) == [[now], [scheduled]])
        let badRange = try flow.get("/api/sns/instagram/calendar?from=2026-12-24&to=2026-12-01")
        badRange.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect((badRange.json["errors"] as? [String: String])?["to"] != nil)
        let other = try TestStack.newKey()
        #expect(try flow.http.get("/api/sns/instagram/posts", key: other).json["count"] as? Int == 0, "another user sees none of them")
        #expect(try flow.http.get("/api/sns/instagram/calendar", key: other).json["count"] as? Int == 0)
        try flow.http.get("/api/sns/instagram/posts?account_id=\(accountID)", key: other).expectEnvelope(status: 404, code: "NOT_FOUND")
        try flow.http.send("DELETE", "/api/sns/instagram/posts/\(scheduled)", key: other).expectEnvelope(status: 404, code: "NOT_FOUND")
        #expect(try send("DELETE", "/api/sns/instagram/posts/\(scheduled)").json["state"] as? String == "cancelled")
    }

    func aFailedPostIsRetriedAndPublishedOnce() throws {
        // Meta refuses the container once with a permission error (code 10): not retryable, so the post fails.
        _ = try flow.sandbox.admin("POST", "/__sandbox/graph/limits", #"{"force_code": 10, "force_count": 1}"#)
        defer { _ = try? flow.sandbox.admin("POST", "/__sandbox/graph/limits", #"{"force_code": 10, "force_count": 0}"#) }
        let caption = "Failed then retried \(UUID().uuidString.prefix(8))"
        let id = try #require(try publish(caption: caption, extra: "").json["id"] as? Int)
        let failed = try wait(id)
        #expect(failed["state"] as? String == "failed", "\(failed)")
        let error = failed["error"] as? [String: Any] ?? [:]
        #expect(error["code"] as? Int == 10 && (error["message"] as? String)?.contains("grant content publishing") == true, "\(error)")
        #expect(ids(try flow.get("/api/sns/instagram/posts?state=failed")) == [id])
        let retried = try send("POST", "/api/sns/instagram/posts/\(id)/retry")
        #expect(retried.status == 202 && retried.json["state"] as? String == "queued" && retried.json["error"] == nil, "\(retried.text)")
        #expect(retried.json["job_id"] as? Int != failed["job_id"] as? Int, "a new job")
        let published = try wait(id)
        #expect(published["state"] as? String == "published", "\(published)")
        #expect(try media(captioned: caption).count == 1)
        let again = try send("POST", "/api/sns/instagram/posts/\(id)/retry")
        again.expectEnvelope(status: 409, code: "POST_NOT_FAILED")
        try send("DELETE", "/api/sns/instagram/posts/\(id)").expectEnvelope(status: 409, code: "POST_NOT_CANCELLABLE")
        #expect(try media(captioned: caption).count == 1, "a retry of a published post publishes nothing")
    }

    func aScheduledPostIsMovedOrCancelled() throws {
        let before = try kit.lastRequestSequence()
        let inAnHour = Date().addingTimeInterval(3600)
        let caption = "Scheduled then cancelled \(UUID().uuidString.prefix(8))"
        let created = try publish(caption: caption, extra: #","scheduled_at":"\#(PublishingKit.rfc3339(inAnHour))""#)
        #expect(created.status == 202 && created.json["state"] as? String == "scheduled", "\(created.text)")
        let id = try #require(created.json["id"] as? Int)
        let moved = try send("PATCH", "/api/sns/instagram/posts/\(id)", json: #"{"scheduled_at":"\#(PublishingKit.rfc3339(inAnHour.addingTimeInterval(3600)))"}"#)
        #expect(moved.status == 200 && moved.json["state"] as? String == "scheduled", "\(moved.text)")
        let movedTo = try #require(moved.json["scheduled_at"] as? String)
        #expect(ISO8601DateFormatter().date(from: movedTo).map { abs($0.timeIntervalSince(inAnHour) - 3600) < 1 } == true, "\(movedTo)")
        let past = try send("PATCH", "/api/sns/instagram/posts/\(id)", json: #"{"scheduled_at":"2020-01-01T00:00:00+09:00"}"#)
        past.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect((past.json["errors"] as? [String: String])?["scheduled_at"]?.contains("future") == true)
        let noOffset = try publish(caption: caption, extra: #","scheduled_at":"2030-01-01T00:00:00""#)
        noOffset.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect((noOffset.json["errors"] as? [String: String])?["scheduled_at"]?.contains("offset") == true)
        let cancelled = try send("DELETE", "/api/sns/instagram/posts/\(id)")
        #expect(cancelled.status == 200 && cancelled.json["state"] as? String == "cancelled", "\(cancelled.text)")
        try send("PATCH", "/api/sns/instagram/posts/\(id)", json: #"{"scheduled_at":"\#(PublishingKit.rfc3339(inAnHour))"}"#)
            .expectEnvelope(status: 409, code: "POST_NOT_SCHEDULED")
        try send("POST", "/api/sns/instagram/posts/\(id)/retry").expectEnvelope(status: 409, code: "POST_NOT_FAILED")
        #expect(try flow.get("/api/sns/instagram/posts/\(id)").json["state"] as? String == "cancelled")
        let sent = try kit.requests(after: before, path: "/\(igUserID)/media").filter { $0["method"] as? String == "POST" }
        #expect(sent.isEmpty, "nothing of a scheduled or cancelled post reached Meta: \(sent)")
    }

    func aScheduledPostIsPublishedWhenDue() throws {
        let caption = "Scheduled and due \(UUID().uuidString.prefix(8))"
        let created = try publish(caption: caption, extra: #","scheduled_at":"\#(PublishingKit.rfc3339(Date().addingTimeInterval(3600)))""#)
        let id = try #require(created.json["id"] as? Int)
        // Moved to a few seconds from now: the first job is cancelled, the new one publishes once when due.
        let due = Date().addingTimeInterval(4)
        let moved = try send("PATCH", "/api/sns/instagram/posts/\(id)", json: #"{"scheduled_at":"\#(PublishingKit.rfc3339(due))"}"#)
        #expect(moved.status == 200, "\(moved.text)")
        #expect(try flow.get("/api/sns/instagram/posts/\(id)").json["state"] as? String == "scheduled")
        let post = try wait(id, seconds: 90)
        #expect(post["state"] as? String == "published", "\(post)")
        let published = try #require((post["published_at"] as? String).flatMap { ISO8601DateFormatter.fractional.date(from: $0) ?? ISO8601DateFormatter().date(from: $0) })
        #expect(published >= due.addingTimeInterval(-1) && published < due.addingTimeInterval(60), "published within a minute of its time: \(published) for \(due)")
        #expect(try media(captioned: caption).count == 1)
    }

    func theSameIdempotencyKeyPublishesOnce() throws {
        let key = UUID().uuidString
        let caption = "Idempotent \(UUID().uuidString.prefix(8))"
        let first = try publish(caption: caption, extra: "", idempotencyKey: key)
        #expect(first.status == 202 && first.header("Idempotent-Replayed") == nil, "\(first.text)")
        let id = try #require(first.json["id"] as? Int)
        let again = try publish(caption: caption, extra: "", idempotencyKey: key)
        #expect(again.status == 202 && again.json["id"] as? Int == id && again.header("Idempotent-Replayed") == "true", "\(again.text)")
        #expect(try wait(id)["state"] as? String == "published")
        let afterPublish = try publish(caption: caption, extra: "", idempotencyKey: key)
        #expect(afterPublish.json["id"] as? Int == id && afterPublish.json["state"] as? String == "published")
        let different = try publish(caption: caption + " changed", extra: "", idempotencyKey: key)
        different.expectEnvelope(status: 422, code: "IDEMPOTENCY_KEY_REUSED")
        #expect((different.json["errors"] as? [String: String])?["Idempotency-Key"] != nil)
        try publish(caption: caption, extra: "", idempotencyKey: "has space").expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        // Eight requests at once with one new key: one post.
        let burstKey = UUID().uuidString
        let burstCaption = "Idempotent burst \(UUID().uuidString.prefix(8))"
        let body = #"{"account_id":\#(accountID),"image_url":"\#(try imageURL())","caption":"\#(burstCaption)"}"#
        let burst = try ParallelRequests.run(8, "/api/sns/instagram/posts", method: "POST", from: "127.0.0.41",
                                             headers: ["Authorization: Bearer \(flow.key)", "Idempotency-Key: \(burstKey)"], body: body)
        let accepted = burst.answers.filter { $0.status == 202 }
        #expect(!accepted.isEmpty && burst.answers.allSatisfy { $0.status == 202 || $0.status == 429 }, "\(burst.answers.map(\.status))")
        let burstIDs = Set(accepted.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.body.utf8)) as? [String: Any])?["id"] as? Int })
        #expect(burstIDs.count == 1, "one post for one key: \(burstIDs)")
        if let burstID = burstIDs.first { #expect(try wait(burstID)["state"] as? String == "published") }
        #expect(try media(captioned: caption).count == 1 && (try media(captioned: burstCaption).count) == 1)
    }
}

extension ISO8601DateFormatter {
    /// RFC 3339 with fractional seconds, as the API writes times.
    static var fractional: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
