import Foundation
import HTTPClient
import Testing

/// Insights through nginx → responder → PostgreSQL → the sandbox's Graph API, and the collection `instagate
/// insights-collect` runs now (the worker's `insights_collect` job): a post's figures read live and stored as a
/// history across sandbox days, a metric Meta refuses named without failing the others, another user's post, an
/// account's daily figures across sandbox days, and Meta's rate limits pausing collection with nothing lost. In the
/// serialized `ConnectedAccountTests` suite (the Graph clock, forced codes and refusals are shared).
extension ConnectedAccountTests {
    @Test func insightsOfAPostGrowAcrossSandboxDaysIntoAHistory() throws { try InsightsKit().aPostsInsightsGrowIntoAHistory() }
    @Test func insightsARefusedMetricIsNamedWithoutFailingTheOthers() throws { try InsightsKit().aRefusedMetricIsNamedWithoutFailingTheOthers() }
    @Test func insightsOfAnotherUsersPostAre404AndBadInputIsNamed() throws { try InsightsKit().anotherUsersPostIs404AndBadInputIsNamed() }
    @Test func insightsAccountDaysAcrossSandboxDaysAndRateLimitsLoseNothing() throws { try InsightsKit().accountDaysSurviveRateLimits() }

    /// The collection within Meta's usage budget: once the sandbox's usage headers say 90 % of the account's allowance
    /// is used, the run stops part-way (state `budget`), the next run asks Meta nothing for the account until the
    /// pause (INSTAGATE_GRAPH_USAGE_PAUSE, 10 s under deploy/test) ends, and then reads the days it had not read.
    @Test func insightsCollectionPausesAtTheUsageBudgetAndResumes() throws {
        let kit = try InsightsKit()
        let flow = kit.flow, id = kit.publishing.accountID
        _ = try flow.sandbox.admin("POST", "/__sandbox/graph/usage/reset", "{}")
        _ = try flow.sandbox.admin("POST", "/__sandbox/graph/limits", #"{"account_calls_per_day": 10}"#)
        defer {
            _ = try? flow.sandbox.admin("POST", "/__sandbox/graph/limits", #"{"account_calls_per_day": 48000}"#)
            _ = try? flow.sandbox.admin("POST", "/__sandbox/graph/usage/reset", "{}")
            try? flow.clearAllGraphPauses()
        }
        // Half the account's allowance used by requests: the collection's 4th call reports 90 %.
        for _ in 0..<5 { #expect(try flow.get("/api/sns/instagram/media?account_id=\(id)&limit=1").status == 200) }
        let first = try kit.collect([])
        #expect((first["paused"] as? [String: String])?[String(id)] == "budget", "\(first)")
        let partial = first["days"] as? Int ?? 0
        #expect((1...6).contains(partial), "stopped part-way through the first 7 days: \(first)")
        let (stored, collection) = try kit.days()
        #expect(stored.count == partial && collection["state"] as? String == "budget", "\(collection)")
        #expect((collection["message"] as? String ?? "").contains("90 %"), "\(collection)")
        let until = try #require((collection["paused_until"] as? String).flatMap(Self.time), "\(collection)")
        #expect(until.timeIntervalSinceNow < 15, "the usage pause, not the next hour: \(until)")
        let held = try lastGraphSequence(flow)
        #expect(try kit.collect([])["accounts"] as? Int == 0, "a paused account waits")
        let asked = try graphCalls(flow, after: held).filter { $0.path.hasPrefix("/\(kit.publishing.igUserID)") }
        #expect(asked.isEmpty, "nothing is asked of Meta while the account is paused: \(asked)")
        _ = try flow.sandbox.admin("POST", "/__sandbox/graph/usage/reset", "{}")   // Meta's window moved on
        Thread.sleep(forTimeInterval: max(0, until.timeIntervalSinceNow) + 1.1)   // paused_until is written to the second
        let resumed = try kit.collect([])
        #expect(resumed["days"] as? Int == 7 - partial && (resumed["paused"] as? [String: String] ?? [:]).isEmpty, "\(resumed)")
        let after = try kit.days()
        #expect(after.days.count == 7 && after.collection["state"] as? String == "ok", "nothing lost: \(after.collection)")
    }

    /// An ISO 8601 time as the API writes it (with or without a fraction).
    static func time(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return plain.date(from: text) ?? fractional.date(from: text)
    }
}

/// A published post of @bigstar (through `PublishingKit`) and the insights calls the tests repeat.
struct InsightsKit {
    let publishing: PublishingKit
    var flow: ConnectedAccountFlow { publishing.flow }

    init() throws { publishing = try PublishingKit() }

    /// Publishes a photo and waits until it is published: its post id.
    func publishedPost() throws -> Int {
        let answer = try publishing.publish(caption: "Insights \(UUID().uuidString.prefix(8))")
        #expect(answer.status == 202, "\(answer.text)")
        let id = try #require(answer.json["id"] as? Int)
        #expect(try publishing.wait(id)["state"] as? String == "published")
        return id
    }

    func insights(_ id: Int, _ query: String = "", key: String? = nil) throws -> HTTPClientResponse {
        try flow.http.get("/api/sns/instagram/\(id)/insights" + query, key: key ?? flow.key)
    }

    func collect(_ extra: [String] = ["--all"]) throws -> [String: Any] {
        let run = try TestStack.cli(["insights-collect", "--account", String(publishing.accountID)] + extra)
        #expect(run.status == 0, "\(run.err)")
        #expect(!run.out.contains("IGAA") && !run.err.contains("IGAA"), "no token in the output")
        return (try? JSONSerialization.jsonObject(with: Data(run.out.utf8))) as? [String: Any] ?? [:]
    }

    func aPostsInsightsGrowIntoAHistory() throws {
        defer { try? flow.resetGraphClock() }
        let started = Date().addingTimeInterval(-5)
        let id = try publishedPost()
        let first = try insights(id)
        #expect(first.status == 200, "\(first.text)")
        for field in ["likes", "comments", "shares", "saved", "reach", "impressions", "views", "engagement_rate"] {
            #expect(first.json.keys.contains(field), "the earlier service's \(field)")
        }
        #expect((first.json["missing"] as? [String: Any])?.isEmpty == true, "no retired metric is asked for: \(first.text)")
        try flow.advanceGraphClock(days: 1)
        let second = try insights(id)
        let reach = try #require(second.json["reach"] as? Int)
        #expect(reach > (first.json["reach"] as? Int ?? 0) && second.json["impressions"] as? Int == second.json["views"] as? Int, "\(second.text)")
        let interactions = ["likes", "comments", "shares", "saved"].compactMap { second.json[$0] as? Int }.reduce(0, +)
        #expect(second.json["engagement_rate"] as? Double == (Double(interactions) * 10_000 / Double(reach)).rounded() / 100)
        #expect((try collect()["posts"] as? Int ?? 0) >= 1)
        try flow.advanceGraphClock(days: 1)
        #expect((try collect()["posts"] as? Int ?? 0) >= 1)
        let to = Int(Date().timeIntervalSince1970) + 60
        let history = try insights(id, "?from=\(Int(started.timeIntervalSince1970))&to=\(to)")
        #expect(history.status == 200, "\(history.text)")
        let points = history.json["points"] as? [[String: Any]] ?? []
        #expect(points.count >= 4 && Set(points.compactMap { $0["source"] as? String }) == ["request", "collector"], "\(history.text)")
        let reaches = points.compactMap { $0["reach"] as? Int }
        #expect(reaches == reaches.sorted() && reaches.last! > reaches.first!, "lifetime reach grows across sandbox days: \(reaches)")
        let csv = try insights(id, "?from=\(Int(started.timeIntervalSince1970))&to=\(to)&format=csv")
        #expect(csv.status == 200 && csv.header("Content-Type")?.hasPrefix("text/csv") == true)
        let lines = csv.text.split(separator: "\r\n")
        #expect(lines.count == points.count + 1 && lines[0].hasPrefix("collected_at,post_id,media_id,media_product_type,source,likes"), "\(csv.text)")
    }

    func aRefusedMetricIsNamedWithoutFailingTheOthers() throws {
        defer { _ = try? flow.sandbox.admin("DELETE", "/__sandbox/graph/insights") }
        let id = try publishedPost()
        try flow.advanceGraphClock(days: 1)
        defer { try? flow.resetGraphClock() }
        _ = try flow.sandbox.admin("POST", "/__sandbox/graph/insights", #"{"refuse":["shares"]}"#)
        let answer = try insights(id)
        #expect(answer.status == 200, "one refused metric does not fail the request: \(answer.text)")
        #expect(answer.json["shares"] is NSNull && (answer.json["reach"] as? Int ?? 0) > 0 && answer.json["likes"] as? Int != nil, "\(answer.text)")
        let why = (answer.json["missing"] as? [String: String])?["shares"] ?? ""
        #expect(why.contains("The metric shares is not supported for this media type") && why.contains("code 100"), "\(answer.text)")
        #expect((answer.json["missing"] as? [String: String])?.count == 1)
        let interactions = ["likes", "comments", "saved"].compactMap { answer.json[$0] as? Int }.reduce(0, +)
        #expect(answer.json["interactions"] as? Int == interactions)
        try aRetiredVersionIsNamedAsDocumented(id)
    }

    /// Meta no longer serving the configured version: 503 `GRAPH_API_VERSION_RETIRED`, which the operation's 503 names.
    func aRetiredVersionIsNamedAsDocumented(_ id: Int) throws {
        _ = try flow.sandbox.admin("POST", "/__sandbox/graph/limits", #"{"oldest_version": "v25.0"}"#)
        defer { _ = try? flow.sandbox.admin("POST", "/__sandbox/graph/limits", #"{"oldest_version": "v21.0"}"#) }
        let retired = try insights(id)
        #expect(retired.status == 503 && retired.json["error_code"] as? String == "GRAPH_API_VERSION_RETIRED", "\(retired.text)")
        let document = try flow.http.get("/openapi.json", key: nil).json
        let operation = ((document["paths"] as? [String: Any])?["/api/sns/instagram/{post_id}/insights"] as? [String: Any])?["get"] as? [String: Any]
        let described = ((operation?["responses"] as? [String: Any])?["503"] as? [String: Any])?["description"] as? String ?? ""
        #expect(described.contains("GRAPH_API_VERSION_RETIRED"), "\(described)")
    }

    func anotherUsersPostIs404AndBadInputIsNamed() throws {
        let id = try publishedPost()
        let other = try TestStack.newKey()
        let foreign = try insights(id, key: other)
        #expect(foreign.status == 404 && foreign.json["error_code"] as? String == "NOT_FOUND", "\(foreign.text)")
        #expect(try insights(id, "?from=\(Int(Date().timeIntervalSince1970) - 3600)", key: other).status == 404, "nor its history")
        let account = try flow.http.get("/api/sns/instagram/account/insights?account_id=\(publishing.accountID)", key: other)
        #expect(account.status == 404 && account.json["error_code"] as? String == "NOT_FOUND")
        let bad = try insights(id, "?from=yesterday&format=xml")
        #expect(bad.status == 422 && Set((bad.json["errors"] as? [String: Any] ?? [:]).keys) == ["from", "format"], "\(bad.text)")
        let noAccount = try flow.get("/api/sns/instagram/account/insights?to=nope")
        #expect(noAccount.status == 422 && Set((noAccount.json["errors"] as? [String: Any] ?? [:]).keys) == ["account_id", "to"], "\(noAccount.text)")
        #expect(try insights(999_999_999).status == 404)
    }

    /// The account's days as instagate answers them.
    func days() throws -> (days: [[String: Any]], collection: [String: Any]) {
        let answer = try flow.get("/api/sns/instagram/account/insights?account_id=\(publishing.accountID)&from=2000-01-01&to=2100-01-01")
        #expect(answer.status == 200, "\(answer.text)")
        return (answer.json["days"] as? [[String: Any]] ?? [], answer.json["collection"] as? [String: Any] ?? [:])
    }

    func accountDaysSurviveRateLimits() throws {
        defer {
            try? flow.resetGraphClock()
            _ = try? flow.sandbox.admin("POST", "/__sandbox/graph/usage/reset")
            try? flow.clearAllGraphPauses()
        }
        let first = try collect()
        #expect(first["days"] as? Int == 7, "a new account's last 7 days: \(first)")
        let week = try days().days
        #expect(week.count == 7 && week.allSatisfy { $0["reach"] as? Int != nil && $0["views"] as? Int != nil && $0["profile_activity"] as? Int != nil }, "\(week)")
        try flow.advanceGraphClock(days: 2)
        for code in [4, 17, 32, 613] {
            try flow.clearAllGraphPauses()   // the previous refusal paused the app or account for every caller (10 s)
            _ = try flow.sandbox.admin("PUT", "/__sandbox/graph/limits", #"{"force_code": \#(code), "force_count": 1}"#)
            let run = try collect()
            #expect((run["paused"] as? [String: String])?[String(publishing.accountID)] == "rate_limited", "code \(code): \(run)")
            let (stored, collection) = try days()
            #expect(stored.count == 7, "nothing half-written")
            #expect(collection["state"] as? String == "rate_limited" && collection["error_code"] as? Int == code, "\(collection)")
            #expect((collection["message"] as? String ?? "").contains("code \(code)") && collection["paused_until"] is String)
            #expect(try collect([])["accounts"] as? Int == 0, "a paused account waits")
        }
        try flow.clearAllGraphPauses()
        let resumed = try collect()
        #expect(resumed["days"] as? Int == 2, "\(resumed)")
        let (all, collection) = try days()
        #expect(all.count == 9 && collection["state"] as? String == "ok", "\(collection)")
        let dates = all.compactMap { $0["date"] as? String }
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        let gaps = zip(dates, dates.dropFirst()).filter { pair in
            guard let a = formatter.date(from: pair.0), let b = formatter.date(from: pair.1) else { return true }
            return b.timeIntervalSince(a) != 86_400
        }
        #expect(gaps.isEmpty && dates.count == 9, "nine consecutive Meta days, none lost: \(dates)")
        let csv = try flow.get("/api/sns/instagram/account/insights?account_id=\(publishing.accountID)&from=2000-01-01&to=2100-01-01&format=csv")
        #expect(csv.status == 200 && csv.text.hasPrefix("date,reach,views,follower_count,profile_activity,accounts_engaged,total_interactions,missing"))
        #expect(csv.text.split(separator: "\r\n").count == 10)
    }
}
