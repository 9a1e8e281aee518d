import Foundation
import Postgres

/// One reading of a published post's lifetime figures (`instagram_media_insights`); nil where Meta gave none.
struct MediaInsightPoint: Sendable, PostgresRecord {
    var id: Int64
    var publicationID: Int64
    var accountID: Int64
    var mediaID: String
    var mediaProductType: String
    var source: String
    var values: [String: Int64]
    var missing: [String: String]
    var collectedAt: Date

    /// The figure columns, in the order of the CSV.
    static let metrics = ["views", "reach", "likes", "comments", "shares", "saved", "total_interactions", "profile_visits", "follows"]

    static let columns = """
        id, publication_id, account_id, media_id, media_product_type, source, views, reach, likes, comments, shares, saved,
        total_interactions, profile_visits, follows, missing::text AS missing, collected_at
        """

    init(row: PostgresRow) throws(PostgresError) {
        id = try row.decode("id")
        publicationID = try row.decode("publication_id")
        accountID = try row.decode("account_id")
        mediaID = try row.decode("media_id")
        mediaProductType = try row.decode("media_product_type")
        source = try row.decode("source")
        values = [:]
        for metric in MediaInsightPoint.metrics {
            if let value: Int64 = try row.decodeIfPresent(metric) { values[metric] = value }
        }
        let text: String = try row.decode("missing")
        // Most points miss nothing: no decoder for `{}` (a history answer reads many points).
        missing = text == "{}" ? [:] : (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
        collectedAt = try row.decode("collected_at")
    }
}

/// The earlier service's insight fields (`likes`, `comments`, `shares`, `reach`, `impressions`, `engagement_rate`)
/// and the current ones beside them; `impressions` is Meta's `views` (impressions were retired in 2025).
struct MediaInsightJSON: Encodable {
    var success = true
    var postID: Int64
    var accountID: Int64
    var mediaID: String
    var likes: Int64?
    var comments: Int64?
    var shares: Int64?
    var saved: Int64?
    var reach: Int64?
    var impressions: Int64?
    var views: Int64?
    var totalInteractions: Int64?
    var profileVisits: Int64?
    var follows: Int64?
    var interactions: Int64?
    var engagementRate: Double?
    var missing: [String: String]
    var mediaProductType: String
    var source: String
    var collectedAt: Date

    enum CodingKeys: String, CodingKey {
        case success, likes, comments, shares, saved, reach, impressions, views, follows, interactions, missing, source
        case totalInteractions = "total_interactions", profileVisits = "profile_visits", engagementRate = "engagement_rate"
        case mediaProductType = "media_product_type", collectedAt = "collected_at"
        case postID = "post_id", accountID = "account_id", mediaID = "media_id"
    }

    init(_ point: MediaInsightPoint) {
        let v = point.values
        postID = point.publicationID
        accountID = point.accountID
        mediaID = point.mediaID
        likes = v["likes"]
        comments = v["comments"]
        shares = v["shares"]
        saved = v["saved"]
        reach = v["reach"]
        views = v["views"]
        impressions = v["views"]
        totalInteractions = v["total_interactions"]
        profileVisits = v["profile_visits"]
        follows = v["follows"]
        let parts = ["likes", "comments", "shares", "saved"].compactMap { v[$0] }
        interactions = parts.isEmpty ? nil : parts.reduce(0, +)
        engagementRate = MediaInsightJSON.rate(interactions, reach)
        missing = point.missing
        mediaProductType = point.mediaProductType
        source = point.source
        collectedAt = point.collectedAt
    }

    /// Every field, a figure Meta did not give as `null` (the earlier service's fields are always there).
    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(success, forKey: .success)
        try container.encode(postID, forKey: .postID)
        try container.encode(accountID, forKey: .accountID)
        try container.encode(mediaID, forKey: .mediaID)
        let figures: [(CodingKeys, Int64?)] = [(.likes, likes), (.comments, comments), (.shares, shares), (.saved, saved), (.reach, reach),
                                               (.impressions, impressions), (.views, views), (.totalInteractions, totalInteractions),
                                               (.profileVisits, profileVisits), (.follows, follows), (.interactions, interactions)]
        for (key, value) in figures { try container.encode(value, forKey: key) }
        try container.encode(engagementRate, forKey: .engagementRate)
        try container.encode(missing, forKey: .missing)
        try container.encode(mediaProductType, forKey: .mediaProductType)
        try container.encode(source, forKey: .source)
        try container.encode(collectedAt, forKey: .collectedAt)
    }

    /// Interactions (likes + comments + shares + saved, those Meta gave) per account reached, in percent with two
    /// decimals; nil without a reach.
    static func rate(_ interactions: Int64?, _ reach: Int64?) -> Double? {
        guard let interactions, let reach, reach > 0 else { return nil }
        return (Double(interactions) * 10_000 / Double(reach)).rounded() / 100
    }
}
