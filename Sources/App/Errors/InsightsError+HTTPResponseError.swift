import Web

/// A post that is not published yet has no insights: 409 `NOT_PUBLISHED` (ask again once its state is `published`).
extension InsightsError: HTTPResponseError {
    public var responseStatus: HTTPStatus { .conflict }

    public var errorCode: String {
        switch self {
        case .notPublished: "NOT_PUBLISHED"
        }
    }

    public var errorMessage: String {
        switch self {
        case .notPublished(let state): "The post is \(state), not published yet: it has no insights until it is published."
        }
    }

    public var isRetryable: Bool { true }
}
