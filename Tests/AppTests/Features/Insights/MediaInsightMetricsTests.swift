import Instagram
import Testing
@testable import App

/// Which metrics instagate asks for (never a retired one), which metric a refusal of Meta names, and the
/// engagement rate.
struct MediaInsightMetricsTests {
    func refusal(_ message: String, code: Int = 100) -> GraphAPIError {
        GraphAPIError(kind: .invalidRequest, status: 400, code: code, message: message)
    }

    @Test func noRetiredMetricIsEverRequested() {
        for type in ["FEED", "REELS", "STORY", "AD"] {
            #expect(MediaInsightMetrics.requested(productType: type).allSatisfy { !MediaInsightMetrics.retired.contains($0) })
        }
    }

    @Test func theRefusedMetricIsFoundInMetasMessage() {
        let asked = ["views", "reach", "likes", "shares"]
        #expect(MediaInsightMetrics.refused(by: refusal("(#100) The metric shares is not supported for this media type"), asked: asked) == ["shares"])
        #expect(MediaInsightMetrics.refused(by: refusal("(#100) The Media Insights API does not support the views metric for this media product type."), asked: asked) == ["views"])
        #expect(MediaInsightMetrics.refused(by: refusal("(#100) metric[2] must be one of the following values: views, reach, shares"), asked: asked) == ["likes"])
        #expect(MediaInsightMetrics.refused(by: refusal("(#10) Not enough viewers for the media to show insights", code: 10), asked: asked) == asked)
        #expect(MediaInsightMetrics.refused(by: refusal("(#100) Unsupported get request."), asked: asked).isEmpty, "not about a metric: thrown")
        #expect(MediaInsightMetrics.reason(refusal("(#100) The metric shares is not supported for this media type"))
                == "Meta refused this metric for this post (code 100): The metric shares is not supported for this media type")
    }

    @Test func engagementRateIsInteractionsPerReachInPercent() {
        #expect(MediaInsightJSON.rate(57, 1204) == 4.73)
        #expect(MediaInsightJSON.rate(5, 0) == nil && MediaInsightJSON.rate(nil, 10) == nil)
    }
}
