import Foundation
import Web

/// `GET /{media-id}/insights` and `GET /{ig-user-id}/insights` (graph-api.md §5): metrics checked against Meta's
/// tables (a retired or unsupported one fails the whole call, naming what is allowed), figures from the Graph clock.
enum GraphInsightHandlers {
    static let maxSpan = 30.0 * 86_400

    static func insights(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        let token = try call.requireToken()
        let id = call.request.parameter("id") ?? ""
        let visible = GraphNodeHandlers.managed(by: token, call)
        for account in visible {
            if let user = call.world.user(username: account.username), user.fbid == id { return try accountInsights(call, user: user) }
        }
        if let pk = UInt64(id), let post = call.world.post(pk: pk), !post.deleted,
           visible.contains(where: { call.world.user(username: $0.username)?.pk == post.ownerPK }) {
            return try mediaInsights(call, post: post)
        }
        throw GraphError.unsupportedGet(id)
    }

    /// `metric=a,b,c`.
    static func metrics(_ call: GraphCall) throws(GraphError) -> [String] {
        let list = try call.require("metric").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !list.isEmpty else { throw GraphError.missingParameter("metric") }
        return list
    }

    static func mediaInsights(_ call: GraphCall, post: SandboxPost) throws(GraphError) -> HTTPResponse {
        let names = try metrics(call)
        let type = post.kind == .reel ? "REELS" : "FEED"
        let allowed = GraphInsightMetrics.allowed(productType: type, takenAt: Double(post.takenAt))
        let refused = call.store.insightRefusals.metrics
        for (index, name) in names.enumerated() {
            guard allowed.contains(name) else { throw GraphInsightMetrics.notOneOf(index, allowed: allowed) }
            if refused.contains(name) {
                throw GraphError.graph("metric_refused", "(#100) The metric \(name) is not supported for this media type", code: 100)
            }
        }
        if call.parameter("breakdown") != nil, names.contains(where: { !GraphInsightMetrics.withBreakdown.contains($0) }) {
            throw GraphError.graph("unknown_error", "An unknown error has occurred.", code: 1, transient: false)
        }
        let postedAt = GraphInsightValues.postedAt(post, store: call.store)
        let data: [JSON] = names.map { name in
            let value = GraphInsightValues.media(name, post: post, postedAt: postedAt, world: call.world, now: call.now)
            return .object([("name", .string(name)), ("period", "lifetime"), ("values", .array([.object([("value", .int(Int64(value)))])])),
                            ("title", .string(GraphInsightMetrics.title(name))), ("description", .string(GraphInsightMetrics.title(name) + " of this media.")),
                            ("id", .string("\(post.pk)/insights/\(name)/lifetime"))])
        }
        return GraphResponse.json(.object([("data", .array(data))]))
    }

    static func accountInsights(_ call: GraphCall, user: SandboxUser) throws(GraphError) -> HTTPResponse {
        let names = try metrics(call)
        for (index, name) in names.enumerated() where !GraphInsightMetrics.account.contains(name) {
            if name == "impressions" {
                throw GraphError.graph("metric_removed", "(#100) Starting from version 22 and above, the impressions metric is no longer supported for the queried user. Please refer to the documentation at https://developers.facebook.com/docs/instagram-api/reference/ig-user/insights for a list of supported metrics.",
                                       code: 100)
            }
            throw GraphInsightMetrics.notOneOf(index, allowed: GraphInsightMetrics.account)
        }
        guard try call.require("period") == "day" else {
            throw GraphError.graph("bad_period", "(#100) period must be one of the following values: day", code: 100)
        }
        let type = call.parameter("metric_type") ?? "time_series"
        try check(type: type, names)
        let (since, until) = try window(call)
        let ends = GraphInsightValues.dayEnds(since: since, until: until, now: call.now)
        let followers = call.world.followerCount(user.pk)
        let data: [JSON] = names.map { name in
            var fields: [(String, JSON)] = [("name", .string(name)), ("period", "day")]
            if type == "total_value" {
                let total = ends.reduce(0) { $0 + GraphInsightValues.accountDay(name, user: user, dayEnd: $1) }
                fields.append(("total_value", .object([("value", .int(Int64(total)))])))
            } else {
                let shown = name == "follower_count" ? ends.filter { $0 > call.now - maxSpan && followers >= 100 } : ends
                fields.append(("values", .array(shown.map { end in
                    .object([("value", .int(Int64(GraphInsightValues.accountDay(name, user: user, dayEnd: end)))),
                             ("end_time", .string(GraphRenderer.timestamp(end)))])
                })))
            }
            fields += [("title", .string(GraphInsightMetrics.title(name))), ("description", .string(GraphInsightMetrics.title(name) + " per day.")),
                       ("id", .string("\(user.fbid)/insights/\(name)/day"))]
            return .object(fields)
        }
        let link = { (from: Double, to: Double) -> JSON in
            .string("\(call.target.base)/\(call.target.version ?? "v24.0")/\(user.fbid)/insights?metric=\(names.joined(separator: ","))&period=day&since=\(Int(from))&until=\(Int(to))")
        }
        let span = until - since
        return GraphResponse.json(.object([("data", .array(data)),
                                           ("paging", .object([("previous", link(since - span, since)), ("next", link(until, until + span))]))]))
    }

    /// Only `reach` and `follower_count` take a time series; `follower_count` takes no `metric_type=total_value`.
    static func check(type: String, _ names: [String]) throws(GraphError) {
        switch type {
        case "time_series":
            let others = names.filter { !GraphInsightMetrics.timeSeries.contains($0) }
            guard others.isEmpty else {
                throw GraphError.graph("needs_total_value", "(#100) The following metrics (\(others.joined(separator: ", "))) should be specified with parameter metric_type=total_value",
                                       code: 100)
            }
        case "total_value":
            guard !names.contains("follower_count") else {
                throw GraphError.graph("no_metric_type", "(#100) The metric follower_count does not support the metric_type parameter", code: 100)
            }
        default:
            throw GraphError.graph("bad_metric_type", "(#100) metric_type must be one of the following values: time_series, total_value", code: 100)
        }
    }

    /// `since`/`until` (unix seconds; default the last 24 h), at most 30 days apart.
    static func window(_ call: GraphCall) throws(GraphError) -> (Double, Double) {
        func time(_ name: String) throws(GraphError) -> Double? {
            guard let text = call.parameter(name) else { return nil }
            guard let value = Double(text), value.isFinite else {
                throw GraphError.graph("bad_time", "(#100) Param \(name) must be a valid unix timestamp", code: 100)
            }
            return value
        }
        let until = try time("until") ?? call.now
        let since = try time("since") ?? until - 86_400
        guard since < until else { throw GraphError.graph("bad_range", "(#100) since must be before until", code: 100) }
        guard until - since <= maxSpan else {
            throw GraphError.graph("range_too_long", "(#100) There cannot be more than 30 days (2592000 s) between since and until", code: 100)
        }
        return (since, until)
    }
}
