/// The body of every error answer.
public struct ErrorEnvelope: Codable, Sendable, Equatable {
    public var success: Bool
    public var errorCode: String
    public var message: String
    public var errors: [String: String]
    public var requestID: String?
    /// `APIError.extraFields`, encoded at the top level (the standard keys win).
    public var extraFields: [String: String] = [:]

    public init(_ error: APIError, requestID: String?) {
        success = false
        errorCode = error.code
        message = error.message
        errors = error.errors
        self.requestID = requestID
        extraFields = error.extraFields
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        for (name, value) in extraFields where CodingKeys(rawValue: name) == nil {
            try container.encode(value, forKey: AnyKey(name))
        }
        try container.encode(success, forKey: AnyKey(CodingKeys.success.rawValue))
        try container.encode(errorCode, forKey: AnyKey(CodingKeys.errorCode.rawValue))
        try container.encode(message, forKey: AnyKey(CodingKeys.message.rawValue))
        try container.encode(errors, forKey: AnyKey(CodingKeys.errors.rawValue))
        try container.encodeIfPresent(requestID, forKey: AnyKey(CodingKeys.requestID.rawValue))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        success = try container.decode(Bool.self, forKey: .success)
        errorCode = try container.decode(String.self, forKey: .errorCode)
        message = try container.decode(String.self, forKey: .message)
        errors = try container.decode([String: String].self, forKey: .errors)
        requestID = try container.decodeIfPresent(String.self, forKey: .requestID)
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    enum CodingKeys: String, CodingKey {
        case success
        case errorCode = "error_code"
        case message
        case errors
        case requestID = "request_id"
    }
}
