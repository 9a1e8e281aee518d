/// Insights answers that are not Meta's. Its `HTTPResponseError` conformance is in `App/Errors`.
enum InsightsError: Error, Equatable {
    /// The post is not published (yet): its state.
    case notPublished(String)
}
