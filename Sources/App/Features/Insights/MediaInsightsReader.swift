import Foundation
import Instagram

/// Reads a published post's insights from Meta in one call when it can: Meta fails the whole call for one metric it
/// refuses, so the refused metric is taken out (its reason kept) and the rest asked again, never letting one metric
/// fail the others. A rate limit, a token problem or any other error is thrown.
struct MediaInsightsReader {
    let access: GraphAccountAccess
    let account: ConnectedAccount

    /// What Meta gave: values by metric, and why each missing one is missing.
    struct Reading: Sendable {
        var productType: String
        var values: [String: Int]
        var missing: [String: String]
    }

    /// The post's product type (asked once when not known yet) and its figures.
    func read(mediaID: String, productType known: String?) throws -> Reading {
        let client = access.client
        let productType = try known ?? access.withToken(account) { (token) throws(GraphAPIError) in
            try client.mediaProductType(mediaID: mediaID, token: token)
        }
        var asking = MediaInsightMetrics.requested(productType: productType)
        var missing: [String: String] = [:]
        while !asking.isEmpty {
            let metrics = asking
            do {
                let values = try access.withToken(account) { (token) throws(GraphAPIError) in
                    try client.mediaInsights(mediaID: mediaID, metrics: metrics, token: token)
                }
                for metric in metrics where values[metric] == nil {
                    missing[metric] = "Meta gave no value yet (figures can take up to 48 hours)"
                }
                return Reading(productType: productType, values: values, missing: missing)
            } catch let error as GraphAPIError where error.kind == .invalidRequest || error.kind == .permission {
                let refused = MediaInsightMetrics.refused(by: error, asked: metrics)
                guard !refused.isEmpty else { throw error }
                for metric in refused { missing[metric] = MediaInsightMetrics.reason(error) }
                asking.removeAll { refused.contains($0) }
            }
        }
        return Reading(productType: productType, values: [:], missing: missing)
    }
}
