import Foundation

/// A request body type that rejects fields it does not know.
public protocol StrictDecodable: Decodable {
    /// Every top-level field the body may carry.
    static var allowedFields: Set<String> { get }
}

extension HTTPRequest {
    /// Decodes a JSON body: 415 for another content type, 400 for invalid UTF-8 or malformed JSON,
    /// 422 `VALIDATION_ERROR` naming the field for a missing/mistyped field or (`StrictDecodable`) an unknown one.
    public func decodeJSON<T: Decodable>(_ type: T.Type) throws(APIError) -> T {
        let contentType = headers["Content-Type"]?.split(separator: ";").first?.trimmingSpaces.lowercased() ?? ""
        guard contentType == "application/json" || contentType.hasSuffix("+json") else {
            throw APIError(.unsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json.",
                           errors: ["Content-Type": "must be application/json"])
        }
        guard !body.isEmpty else {
            throw APIError.badRequest("MALFORMED_JSON", "The request body is empty; a JSON object is expected.")
        }
        guard String(validating: body, as: UTF8.self) != nil else {
            throw APIError.badRequest("INVALID_UTF8", "The request body is not valid UTF-8.")
        }
        let data = Data(body)
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            throw APIError.badRequest("MALFORMED_JSON", "The request body is not valid JSON.")
        }
        if let strict = type as? any StrictDecodable.Type {
            guard let dictionary = object as? [String: Any] else {
                throw APIError.validation(["body": "must be a JSON object"])
            }
            let unknown = dictionary.keys.filter { !strict.allowedFields.contains($0) }.sorted()
            if !unknown.isEmpty {
                throw APIError.validation(Dictionary(uniqueKeysWithValues: unknown.map { ($0, "unknown field") }),
                                          message: "The request has fields this endpoint does not accept.")
            }
        }
        do {
            return try JSONCoding.decoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            throw APIError.validation(HTTPRequest.describe(error))
        } catch {
            throw APIError.badRequest("MALFORMED_JSON", "The request body is not valid JSON.")
        }
    }

    static func describe(_ error: DecodingError) -> [String: String] {
        func field(_ path: [any CodingKey], _ key: (any CodingKey)? = nil) -> String {
            let keys = path + (key.map { [$0] } ?? [])
            let name = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return name.isEmpty ? "body" : name
        }
        switch error {
        case .keyNotFound(let key, let context): return [field(context.codingPath, key): "is required"]
        case .typeMismatch(let type, let context): return [field(context.codingPath): "must be \(describe(type))"]
        case .valueNotFound(let type, let context): return [field(context.codingPath): "must be \(describe(type)), not null"]
        case .dataCorrupted(let context): return [field(context.codingPath): "is not valid"]
        @unknown default: return ["body": "is not valid"]
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "a boolean"
        case is Int.Type, is Int64.Type, is Int32.Type: return "an integer"
        case is Double.Type: return "a number"
        default: return "of type \(type)"
        }
    }
}
