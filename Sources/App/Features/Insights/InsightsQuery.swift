import Foundation
import Web

/// The query of an insights history: `from` and `to` (ISO 8601, a date `2026-12-06`, or unix seconds; default the
/// last 30 days up to now) and `format` (`json` or `csv`). Every bad one is named in one 422.
struct InsightsQuery {
    var from: Date
    var to: Date
    var csv: Bool
    /// Whether `from`, `to` or `format` was given (a post's insights are then its stored history, not a live reading).
    var asksHistory: Bool

    static let window = 30.0 * 86_400

    static func parse(_ request: HTTPRequest, errors: inout [String: String]) -> InsightsQuery {
        let now = Date()
        let to = time(request.query("to"), field: "to", endOfDay: true, errors: &errors) ?? now
        let from = time(request.query("from"), field: "from", endOfDay: false, errors: &errors) ?? to.addingTimeInterval(-window)
        if errors["from"] == nil, errors["to"] == nil, from > to { errors["from"] = "must not be after to" }
        let format = request.query("format") ?? "json"
        if format != "json" && format != "csv" { errors["format"] = "must be json or csv" }
        let csv = format == "csv" || (request.query("format") == nil && (request.headers["Accept"] ?? "").contains("text/csv"))
        let asks = request.query("from") != nil || request.query("to") != nil || request.query("format") != nil || csv
        return InsightsQuery(from: from, to: to, csv: csv, asksHistory: asks)
    }

    /// A `YYYY-MM-DD` date is its start (`from`) or its last second (`to`), in UTC; otherwise `TimeParameter`.
    static func time(_ text: String?, field: String, endOfDay: Bool, errors: inout [String: String]) -> Date? {
        guard let text else { return nil }
        if text.count == 10, let day = TimeParameter.parse(text + "T00:00:00Z") {
            return endOfDay ? day.addingTimeInterval(86_399) : day
        }
        if let date = TimeParameter.parse(text) { return date }
        errors[field] = "must be an ISO 8601 time (2026-12-06T10:00:00Z), a date (2026-12-06) or unix seconds"
        return nil
    }
}
