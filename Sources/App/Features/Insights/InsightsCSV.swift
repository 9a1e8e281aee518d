import Foundation
import Web

/// The insights histories as CSV (`Web/CSVText`: RFC 4180, formulas defused); an empty field is a figure Meta did
/// not give, and `missing` says why.
enum InsightsCSV {
    static func posts(_ points: [MediaInsightPoint]) -> [UInt8] {
        let formatter = ISO8601DateFormatter()
        var csv = CSVText(header: ["collected_at", "post_id", "media_id", "media_product_type", "source", "likes", "comments", "shares",
                                   "saved", "reach", "impressions", "views", "total_interactions", "profile_visits", "follows",
                                   "engagement_rate", "missing"], reservingRows: points.count)
        for point in points {
            let json = MediaInsightJSON(point)
            let figures = [json.likes, json.comments, json.shares, json.saved, json.reach, json.impressions, json.views,
                           json.totalInteractions, json.profileVisits, json.follows].map { $0.map(String.init) ?? "" }
            csv.appendRow([formatter.string(from: point.collectedAt), String(point.publicationID), point.mediaID, point.mediaProductType,
                           point.source] + figures + [json.engagementRate.map { String(format: "%.2f", $0) } ?? "", missing(point.missing)])
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
        reasons.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
    }
}
