import Foundation

/// Insights (graph-api.md §5): a media's lifetime metrics and an account's daily ones.
extension GraphAPIClient {
    /// One figure of an insights answer: the metric, its value, and for a daily time series the end of its day.
    public struct InsightValue: Sendable, Equatable {
        public var metric: String
        public var value: Int
        public var endTime: Date?

        public init(metric: String, value: Int, endTime: Date? = nil) {
            self.metric = metric
            self.value = value
            self.endTime = endTime
        }
    }

    /// `GET /{media-id}/insights?metric=…`: each metric's lifetime value. A metric Meta answers without a value
    /// (empty `data` while it is not available) is absent. Meta refuses the whole call for one bad metric.
    public func mediaInsights(mediaID: String, metrics: [String], token: String) throws(GraphAPIError) -> [String: Int] {
        let object = try call("GET", app.apiURL + "/" + mediaID + "/insights", query: [("metric", metrics.joined(separator: ","))], token: token)
        var values: [String: Int] = [:]
        for figure in GraphAPIClient.insightValues(object) where values[figure.metric] == nil { values[figure.metric] = figure.value }
        return values
    }

    /// `GET /{media-id}?fields=media_product_type`: `FEED`, `REELS`, `STORY` or `AD`.
    public func mediaProductType(mediaID: String, token: String) throws(GraphAPIError) -> String {
        let object = try call("GET", app.apiURL + "/" + mediaID, query: [("fields", "media_product_type")], token: token)
        return object["media_product_type"] as? String ?? "FEED"
    }

    /// `GET /{ig-user-id}/insights?metric=…&period=day`: a time series (`reach`, `follower_count`: one value per day
    /// with its `end_time`) or, with `totalValue`, one total per metric over `(since, until]` (Meta's default window
    /// is the last 24 hours).
    public func accountInsights(igUserID: String, metrics: [String], totalValue: Bool, since: Date? = nil, until: Date? = nil,
                                token: String) throws(GraphAPIError) -> [InsightValue] {
        var query = [("metric", metrics.joined(separator: ",")), ("period", "day")]
        if totalValue { query.append(("metric_type", "total_value")) }
        if let since { query.append(("since", String(Int(since.timeIntervalSince1970)))) }
        if let until { query.append(("until", String(Int(until.timeIntervalSince1970)))) }
        let object = try call("GET", app.apiURL + "/" + igUserID + "/insights", query: query, token: token)
        return GraphAPIClient.insightValues(object)
    }

    /// The figures of an insights answer's `data`: each entry's `values` (with `end_time` when given) and its `total_value`.
    static func insightValues(_ object: [String: Any]) -> [InsightValue] {
        var figures: [InsightValue] = []
        for entry in object["data"] as? [[String: Any]] ?? [] {
            guard let name = entry["name"] as? String else { continue }
            if let total = (entry["total_value"] as? [String: Any])?["value"] as? NSNumber {
                figures.append(InsightValue(metric: name, value: total.intValue))
            }
            for value in entry["values"] as? [[String: Any]] ?? [] {
                guard let number = value["value"] as? NSNumber else { continue }
                figures.append(InsightValue(metric: name, value: number.intValue, endTime: (value["end_time"] as? String).flatMap(graphDate)))
            }
        }
        return figures
    }

    /// `2026-05-04T09:12:33+0000`.
    static func graphDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ssZ"
        return formatter.date(from: text)
    }
}
