import Foundation
import Instagram

/// Which media metrics instagate asks Meta for, by `media_product_type`: only current names (graph-api.md §5.1),
/// never a retired one (`impressions`, `plays`, `video_views`, `engagement`...), whose presence would fail the whole
/// call. The earlier service's `impressions` is answered with `views`, Meta's replacement.
enum MediaInsightMetrics {
    static let byProductType: [String: [String]] = [
        "FEED": ["views", "reach", "likes", "comments", "saved", "shares", "total_interactions", "profile_visits", "follows"],
        "REELS": ["views", "reach", "likes", "comments", "saved", "shares", "total_interactions"],
        "STORY": ["views", "reach", "shares", "total_interactions", "profile_visits", "follows"],
    ]

    /// Metrics Meta retired; never requested (kept here so a test can check none is ever asked for).
    static let retired: Set<String> = ["impressions", "plays", "video_views", "engagement", "clips_replays_count",
                                       "ig_reels_aggregated_all_plays_count", "taps_forward", "taps_back", "exits",
                                       "video_photo_engagement", "carousel_album_engagement", "carousel_album_impressions",
                                       "carousel_album_reach", "carousel_album_saved", "carousel_album_video_views"]

    static func requested(productType: String) -> [String] { byProductType[productType] ?? byProductType["FEED"]! }

    /// The metrics among `asked` that Meta's refusal names: `metric[i] must be one of the following values: a, b`
    /// (the i-th and any other not in the list), `The metric X is not supported…`, `…does not support the X metric…`;
    /// every one for `(#10) Not enough viewers`. Empty when the refusal names none (then it is not about a metric).
    static func refused(by error: GraphAPIError, asked: [String]) -> [String] {
        let message = error.message
        if error.code == 10, message.contains("Not enough viewers") { return asked }
        guard error.code == 100 else { return [] }
        if let range = message.range(of: #"metric\[(\d+)\] must be one of the following values: "#, options: .regularExpression) {
            let index = Int(message[range].filter(\.isNumber)) ?? -1
            let allowed = Set(message[range.upperBound...].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces.union(.punctuationCharacters)) })
            var names = asked.filter { !allowed.contains($0) }
            if asked.indices.contains(index), !names.contains(asked[index]) { names.append(asked[index]) }
            return names
        }
        for pattern in [#"The metric (\w+) is not supported"#, #"does not support the (\w+) metric"#] {
            if let range = message.range(of: pattern, options: .regularExpression) {
                let words = message[range].split(separator: " ")
                let name = String(pattern.hasPrefix("The") ? words[2] : words[4])
                if asked.contains(name) { return [name] }
            }
        }
        return []
    }

    /// Why a metric is missing, in plain words with Meta's reason.
    static func reason(_ error: GraphAPIError) -> String {
        var text = error.message
        if text.hasPrefix("(#"), let end = text.range(of: ") ") {
            text = String(text[end.upperBound...])
        }
        return "Meta refused this metric for this post (code \(error.code ?? 0)): \(text)"
    }
}
