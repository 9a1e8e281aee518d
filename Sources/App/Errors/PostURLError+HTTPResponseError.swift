import Instagram
import Web

/// A post URL that does not parse is a validation error naming the field it came from.
extension PostURLError: HTTPResponseError {
    public var responseStatus: HTTPStatus { .unprocessableEntity }
    public var errorCode: String { "VALIDATION_ERROR" }
    public var errorMessage: String { "The request is invalid." }
    public var fieldErrors: [String: String] { [field: message] }
    public var isRetryable: Bool { false }
}
