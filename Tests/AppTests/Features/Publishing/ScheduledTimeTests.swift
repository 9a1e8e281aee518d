import Foundation
import Testing
@testable import App

/// `scheduled_at` is RFC 3339 with its offset, in the future, at most 75 days ahead; a request's fingerprint
/// changes with anything that changes the post.
struct ScheduledTimeTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000) // 2027-01-15T08:00:00Z

    @Test func anOffsetTimeInTheFutureIsTaken() throws {
        #expect(try ScheduledTime.parse("2027-01-15T18:00:00+09:00", now: now).get() == now.addingTimeInterval(3600))
        #expect(try ScheduledTime.parse("2027-01-15T09:00:00.5Z", now: now).get() == now.addingTimeInterval(3600.5))
        #expect(try ScheduledTime.parse("2027-01-15T03:30:00-05:00", now: now).get() == now.addingTimeInterval(1800))
    }

    @Test func everyOtherTimeIsRefusedWithItsReason() {
        func problem(_ text: String) -> String? {
            if case .failure(let problem) = ScheduledTime.parse(text, now: now) { return problem.message }
            return nil
        }
        #expect(problem("2027-01-15T18:00:00")?.contains("offset") == true, "no offset")
        #expect(problem("2027-01-15 18:00:00Z")?.contains("RFC 3339") == true)
        #expect(problem("1800003600")?.contains("RFC 3339") == true, "unix seconds are not RFC 3339")
        #expect(problem("2027-01-15T08:00:00Z")?.contains("future") == true, "now is not the future")
        #expect(problem("2027-03-31T08:00:01Z")?.contains("75 days") == true)
        #expect(problem("2027-03-31T07:59:59Z") == nil)
    }

    @Test func theFingerprintFollowsThePost() {
        let post = PostRequest(accountID: 1, imageURL: "https://x.test/a.jpg", caption: "hi", hashtags: [], scheduledAt: nil)
        var other = post
        #expect(post.fingerprint == other.fingerprint && post.fingerprint.count == 64)
        other.caption = "hi!"
        #expect(post.fingerprint != other.fingerprint)
        other = post
        other.scheduledAt = now
        #expect(post.fingerprint != other.fingerprint)
        other = post
        other.accountID = 2
        #expect(post.fingerprint != other.fingerprint)
        // Field boundaries count: "ab" + "c" is not "a" + "bc".
        let left = PostRequest(accountID: 1, imageURL: "ab", caption: "c", hashtags: [], scheduledAt: nil)
        let right = PostRequest(accountID: 1, imageURL: "a", caption: "bc", hashtags: [], scheduledAt: nil)
        #expect(left.fingerprint != right.fingerprint)
    }
}
