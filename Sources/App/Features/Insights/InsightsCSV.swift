import Foundation
import Web

/// The insights histories as CSV (`Web/CSVText`: RFC 4180, formulas defused); an empty field is a figure Meta did
/// not give, and `missing` says why. Times are written as `ISO8601DateFormatter` writes them and rates as `%.2f`,
/// without either (a formatter per answer and `String(format:)` per row cost more than the rest of the answer).
enum InsightsCSV {
    static func posts(_ points: [MediaInsightPoint]) -> [UInt8] {
        var csv = CSVText(header: ["collected_at", "post_id", "media_id", "media_product_type", "source", "likes", "comments", "shares",
                                   "saved", "reach", "impressions", "views", "total_interactions", "profile_visits", "follows",
                                   "engagement_rate", "missing"], reservingRows: points.count * 2)
        for point in points {
            let json = MediaInsightJSON(point)
            let figures = [json.likes, json.comments, json.shares, json.saved, json.reach, json.impressions, json.views,
                           json.totalInteractions, json.profileVisits, json.follows].map { $0.map(String.init) ?? "" }
            csv.appendRow([time(point.collectedAt), String(point.publicationID), point.mediaID, point.mediaProductType,
                           point.source] + figures + [json.engagementRate.map(twoDecimals) ?? "", missing(point.missing)])
        }
        return csv.bytes
    }

    static func days(_ days: [AccountInsightDay]) -> [UInt8] {
        var csv = CSVText(header: ["date", "reach", "views", "follower_count", "profile_activity", "accounts_engaged",
                                   "total_interactions", "missing"], reservingRows: days.count)
        for day in days {
            let figures = [day.reach, day.views, day.followerCount, day.profileActivity, day.accountsEngaged, day.totalInteractions]
            csv.appendRow([day.date] + figures.map { $0.map(String.init) ?? "" } + [missing(day.missing)])
        }
        return csv.bytes
    }

    /// `metric: reason; metric: reason`.
    static func missing(_ reasons: [String: String]) -> String {
        reasons.isEmpty ? "" : reasons.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
    }

    /// `2026-12-06T10:00:00Z` (UTC, whole seconds), as `ISO8601DateFormatter()` writes it.
    static func time(_ date: Date) -> String {
        var out = JSONByteWriter(capacity: 24)
        out.date(date)
        return String(decoding: out.bytes.dropFirst().dropLast(), as: UTF8.self)
    }

    /// A rate with two decimals, as `String(format: "%.2f")` writes it (rates are already rounded to hundredths).
    static func twoDecimals(_ value: Double) -> String {
        let hundredths = Int64((abs(value) * 100).rounded())
        let cents = hundredths % 100
        return (value < 0 && hundredths > 0 ? "-" : "") + "\(hundredths / 100)." + (cents < 10 ? "0" : "") + "\(cents)"
    }
}
