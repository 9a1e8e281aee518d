import Foundation
import Web

/// A post's insights history written byte by byte: the bytes `JSONCoding.encode` gives for `InsightsHandlers.History`
/// (keys sorted, ISO 8601 dates in whole seconds, every figure named, `null` where Meta gave none), without
/// Foundation's encoder, which took most of the answer's time (`deploy/bench insights`: 48 points, ~6 ms of the
/// responder's time per answer). `InsightsHistoryJSONTests` holds both to the same bytes.
extension InsightsHandlers.History {
    /// The answer: `application/json`, the bytes written by `write(to:)`.
    var json: HTTPResponse {
        var out = JSONByteWriter(capacity: 256 + 560 * points.count)
        write(to: &out)
        return .bytes(out.bytes, contentType: "application/json; charset=utf-8")
    }

    /// The object, keys in `JSONCoding`'s sorted order.
    func write(to out: inout JSONByteWriter) {
        out.open()
        out.field("account_id", accountID)
        out.field("count", Int64(count))
        out.field("from", from)
        out.field("media_id", mediaID)
        out.key("points")
        out.array(points) { $1.write(to: &$0) }
        out.field("post_id", postID)
        out.field("success", success)
        out.field("to", to)
        out.close()
    }
}

extension MediaInsightJSON {
    /// The object, keys in `JSONCoding`'s sorted order; a figure Meta did not give is `null`, as `encode(to:)` writes it.
    func write(to out: inout JSONByteWriter) {
        out.open()
        out.field("account_id", accountID)
        out.field("collected_at", collectedAt)
        out.figure("comments", comments)
        out.key("engagement_rate")
        out.numberOrNull(engagementRate)
        out.figure("follows", follows)
        out.figure("impressions", impressions)
        out.figure("interactions", interactions)
        out.figure("likes", likes)
        out.field("media_id", mediaID)
        out.field("media_product_type", mediaProductType)
        out.key("missing")
        out.open()
        for (metric, reason) in missing.sorted(by: { $0.key < $1.key }) {
            out.key(metric)
            out.string(reason)
        }
        out.close()
        out.field("post_id", postID)
        out.figure("profile_visits", profileVisits)
        out.figure("reach", reach)
        out.figure("saved", saved)
        out.figure("shares", shares)
        out.field("source", source)
        out.field("success", success)
        out.figure("total_interactions", totalInteractions)
        out.figure("views", views)
        out.close()
    }
}

extension JSONByteWriter {
    /// `"key":` and the figure, `null` for nil (a field the answer always names).
    mutating func figure(_ name: StaticString, _ value: Int64?) {
        key(name)
        integerOrNull(value)
    }
}
