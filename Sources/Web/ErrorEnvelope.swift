/// The body of every error answer.
public struct ErrorEnvelope: Codable, Sendable, Equatable {
    public var success: Bool
    public var errorCode: String
    public var message: String
    public var errors: [String: String]
    public var requestID: String?

    public init(_ error: APIError, requestID: String?) {
        success = false
        errorCode = error.code
        message = error.message
        errors = error.errors
        self.requestID = requestID
    }

    enum CodingKeys: String, CodingKey {
        case success
        case errorCode = "error_code"
        case message
        case errors
        case requestID = "request_id"
    }
}
