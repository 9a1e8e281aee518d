import Foundation

/// Meta's insight metrics (graph-api.md §5): which metrics each media product type takes, the retired ones that
/// fail a whole request, the account's metrics and which of them take a time series, and their titles.
enum GraphInsightMetrics {
    /// Current media metrics by `media_product_type` (MI, 2026-06), in Meta's order.
    static let media: [String: [String]] = [
        "FEED": ["views", "reach", "likes", "comments", "saved", "shares", "total_interactions", "reposts", "follows",
                 "profile_visits", "profile_activity"],
        "REELS": ["views", "reach", "likes", "comments", "saved", "shares", "total_interactions", "reposts",
                  "ig_reels_avg_watch_time", "ig_reels_video_view_total_time", "reels_skip_rate"],
        "STORY": ["views", "reach", "shares", "total_interactions", "reposts", "follows", "profile_visits", "profile_activity",
                  "replies", "link_clicks", "navigation"],
    ]

    /// `impressions` still answers for FEED and STORY media created on or before 2024-07-01 (CL, MI).
    static let impressionsCutoff = 1_719_878_400.0

    /// Metrics with a breakdown; asking a breakdown of any other is `An unknown error has occurred.` (MI).
    static let withBreakdown: Set<String> = ["profile_activity", "navigation"]

    /// The metrics a media may be asked for (its product type's, plus `impressions` when it is old enough).
    static func allowed(productType: String, takenAt: Double) -> [String] {
        var list = media[productType] ?? media["FEED"]!
        if productType != "REELS" && takenAt < impressionsCutoff { list.append("impressions") }
        return list
    }

    /// Account metrics (AI); demographics are not modelled.
    static let account = ["reach", "views", "accounts_engaged", "total_interactions", "likes", "comments", "shares", "saves",
                          "replies", "reposts", "profile_links_taps", "follows_and_unfollows", "follower_count"]
    /// The account metrics that take `metric_type=time_series` (the others need `total_value`).
    static let timeSeries: Set<String> = ["reach", "follower_count"]
    /// Account metrics removed from every version (CL).
    static let removedAccount: Set<String> = ["impressions", "audience_gender_age", "audience_locale", "audience_country", "audience_city",
                                              "email_contacts", "get_direction_clicks", "profile_views", "text_message_clicks",
                                              "website_clicks", "phone_call_clicks"]

    static let titles: [String: String] = [
        "views": "Views", "reach": "Accounts reached", "likes": "Likes", "comments": "Comments", "saved": "Saved", "saves": "Saves",
        "shares": "Shares", "total_interactions": "Interactions", "reposts": "Reposts", "follows": "Follows",
        "profile_visits": "Profile visits", "profile_activity": "Profile activity", "impressions": "Impressions",
        "follower_count": "Follower count", "accounts_engaged": "Accounts engaged", "profile_links_taps": "Profile links taps",
    ]

    static func title(_ name: String) -> String { titles[name] ?? name.replacingOccurrences(of: "_", with: " ").capitalized }

    /// Meta's refusal of the `index`th metric: the whole request fails, naming what is allowed.
    static func notOneOf(_ index: Int, allowed: [String]) -> GraphError {
        .graph("bad_metric", "(#100) metric[\(index)] must be one of the following values: \(allowed.joined(separator: ", "))", code: 100)
    }
}
