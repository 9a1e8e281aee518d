import Foundation
import Testing
import Web
@testable import InstagramSandbox

/// Insights on the Graph API (graph-api.md §5): metrics checked per media product type, a retired or refused metric
/// failing the whole call with Meta's message, account metrics with their period, metric_type and window rules,
/// figures that grow as the Graph clock advances, and the usage headers on every answer.
struct GraphInsightsTests {
    let graph = GraphTestClient()
    let seoul = "17841400820017301"

    /// The newest media of @seoul.traveler: its id and when it was posted.
    func newestMedia(_ token: String) throws -> (id: String, takenAt: Date) {
        let page = graph.send(host: "graph.instagram.com", "/v24.0/\(seoul)/media?fields=id,timestamp", token: token)
        let first = try #require((page.object["data"] as? [[String: Any]])?.first)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ssZ"
        return (try #require(first["id"] as? String), try #require(formatter.date(from: first["timestamp"] as? String ?? "")))
    }

    func values(_ answer: HTTPResponse) -> [String: Int] {
        var result: [String: Int] = [:]
        for entry in answer.object["data"] as? [[String: Any]] ?? [] {
            let value = ((entry["values"] as? [[String: Any]])?.first?["value"] as? NSNumber)?.intValue
                ?? ((entry["total_value"] as? [String: Any])?["value"] as? NSNumber)?.intValue
            if let name = entry["name"] as? String, let value { result[name] = value }
        }
        return result
    }

    @Test func mediaMetricsAreCheckedAndARetiredOneFailsTheWholeCall() throws {
        let token = graph.instagramLongToken(account: "seoul.traveler")
        let media = try newestMedia(token)
        let good = graph.send(host: "graph.instagram.com", "/v24.0/\(media.id)/insights?metric=views,reach,likes,comments,saved,shares,total_interactions", token: token)
        #expect(good.status.code == 200, "\(good.text)")
        let figures = values(good)
        #expect(figures.count == 7 && figures["views"]! >= figures["reach"]!, "\(good.text)")
        #expect(good.headers["x-app-usage"]?.contains("call_count") == true && good.headers["x-business-use-case-usage"]?.contains(seoul) == true)
        let retired = graph.send(host: "graph.instagram.com", "/v24.0/\(media.id)/insights?metric=reach,plays", token: token)
        #expect(retired.status.code == 400 && retired.graphCode == 100, "\(retired.text)")
        #expect(retired.text.contains("metric[1] must be one of the following values: views, reach"), "\(retired.text)")
        let impressions = graph.send(host: "graph.instagram.com", "/v24.0/\(media.id)/insights?metric=impressions", token: token)
        #expect((impressions.status.code == 200) == (media.takenAt.timeIntervalSince1970 < 1_719_878_400), "impressions only for media before 2024-07-02")
        _ = graph.admin("POST", "/__sandbox/graph/insights", #"{"refuse":["shares"]}"#)
        let refused = graph.send(host: "graph.instagram.com", "/v24.0/\(media.id)/insights?metric=reach,shares", token: token)
        #expect(refused.graphCode == 100 && refused.text.contains("The metric shares is not supported for this media type"), "\(refused.text)")
        let breakdown = graph.send(host: "graph.instagram.com", "/v24.0/\(media.id)/insights?metric=reach&breakdown=action_type", token: token)
        #expect(breakdown.graphCode == 1 && breakdown.text.contains("An unknown error has occurred."))
        let other = graph.send(host: "graph.instagram.com", "/v24.0/17841400000000017/insights?metric=reach&period=day", token: token)
        #expect(other.graphCode == 100, "another account's insights: \(other.text)")
    }

    @Test func aFreshPostsFiguresGrowAsTheGraphClockAdvances() throws {
        let token = graph.instagramLongToken(account: "seoul.traveler")
        let image = graph.admin("GET", "/__sandbox/cdn/url?post=photo-gyeongbokgung&item=0", "")["url"] as? String ?? ""
        let container = try #require(graph.send("POST", host: "graph.instagram.com", "/v24.0/\(seoul)/media", token: token, form: [("image_url", image)]).object["id"] as? String)
        let media = try #require(graph.send("POST", host: "graph.instagram.com", "/v24.0/\(seoul)/media_publish", token: token, form: [("creation_id", container)]).object["id"] as? String)
        let ask = { values(graph.send(host: "graph.instagram.com", "/v24.0/\(media)/insights?metric=views,reach,likes", token: token)) }
        let first = ask()
        graph.advance(86_400)
        let second = ask()
        graph.advance(86_400)
        let third = ask()
        #expect(first["reach"]! < second["reach"]! && second["reach"]! < third["reach"]!, "\(first) \(second) \(third)")
        #expect(third["views"]! > third["reach"]!)
        let impressions = graph.send(host: "graph.instagram.com", "/v24.0/\(media)/insights?metric=impressions", token: token)
        #expect(impressions.graphCode == 100 && impressions.text.contains("metric[0] must be one of the following values"), "a new post has no impressions")
    }

    @Test func accountInsightsFollowPeriodMetricTypeAndWindowRules() {
        let token = graph.instagramLongToken(account: "seoul.traveler")
        let base = "/v24.0/\(seoul)/insights"
        let now = (graph.admin("GET", "/__sandbox/graph/clock", "")["now"] as? NSNumber)?.intValue ?? 0
        let series = graph.send(host: "graph.instagram.com", base + "?metric=reach&period=day&since=\(now - 5 * 86_400)&until=\(now)", token: token)
        #expect(series.status.code == 200, "\(series.text)")
        let points = ((series.object["data"] as? [[String: Any]])?.first?["values"] as? [[String: Any]]) ?? []
        #expect(points.count == 5 && points.allSatisfy { ($0["end_time"] as? String)?.hasSuffix("T07:00:00+0000") == true }, "\(series.text)")
        #expect(series.object["paging"] != nil)
        let totals = graph.send(host: "graph.instagram.com", base + "?metric=views,profile_links_taps&period=day&metric_type=total_value", token: token)
        #expect(values(totals).count == 2, "\(totals.text)")
        let needsTotal = graph.send(host: "graph.instagram.com", base + "?metric=views&period=day", token: token)
        #expect(needsTotal.graphCode == 100 && needsTotal.text.contains("metric_type=total_value"), "\(needsTotal.text)")
        let removed = graph.send(host: "graph.instagram.com", base + "?metric=impressions&period=day", token: token)
        #expect(removed.text.contains("Starting from version 22 and above, the impressions metric is no longer supported"), "\(removed.text)")
        let long = graph.send(host: "graph.instagram.com", base + "?metric=reach&period=day&since=\(now - 31 * 86_400)&until=\(now)", token: token)
        #expect(long.graphCode == 100 && long.text.contains("30 days"), "\(long.text)")
        #expect(graph.send(host: "graph.instagram.com", base + "?metric=reach", token: token).graphCode == 100, "period is required")
        let before = values(graph.send(host: "graph.instagram.com", base + "?metric=reach&period=day", token: token))["reach"]
        graph.advance(86_400)
        let after = values(graph.send(host: "graph.instagram.com", base + "?metric=reach&period=day", token: token))["reach"]
        #expect(before != nil && after != nil)
    }
}
