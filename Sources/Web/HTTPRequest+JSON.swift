import Foundation

/// A request body type that rejects fields it does not know.
public protocol StrictDecodable: Decodable {
    /// Every top-level field the body may carry.
    static var allowedFields: Set<String> { get }
}

extension HTTPRequest {
    /// Decodes a JSON body: 415 for another content type, 400 for invalid UTF-8 or malformed JSON, 422
    /// `VALIDATION_ERROR` naming every missing, mistyped or null field and (`StrictDecodable`) every unknown one.
    public func decodeJSON<T: Decodable>(_ type: T.Type) throws(APIError) -> T {
        try decodeJSON(type) { value throws(APIError) in value }
    }

    /// Decodes a JSON body as `decodeJSON(_:)` does, then runs the endpoint's own checks, `validate`, which throws
    /// `APIError.validation` naming its bad fields. One 422 names them all: when some fields did not decode,
    /// `validate` still runs on the rest (those fields absent, or a stand-in where required) and its fields join
    /// theirs, a field the decoder named keeping the decoder's message. `validate` must change nothing.
    public func decodeJSON<T: Decodable, R>(_ type: T.Type, validate: (T) throws(APIError) -> R) throws(APIError) -> R {
        // The untyped twin below does the work; everything it can throw here is an APIError.
        do {
            return try decodeJSON(type) { (value: T) throws -> R in try validate(value) }
        } catch let error as APIError {
            throw error
        } catch {
            throw .internalError
        }
    }

    /// `decodeJSON(_:validate:)` for checks that may throw other errors too (a lookup, a media inspection): those are
    /// thrown as they are when the body decoded whole, and ignored when the 422 of its bad fields is answered anyway.
    public func decodeJSON<T: Decodable, R>(_ type: T.Type, validate: (T) throws -> R) throws -> R {
        let (value, outcome) = try decodeCollecting(type)
        if outcome.problems.isEmpty, let value { return try validate(value) }
        var problems = outcome.problems
        if let value {
            do { _ = try validate(value) } catch { problems = HTTPRequest.merging(outcome, error) }
        }
        throw HTTPRequest.invalid(problems)
    }

    /// The body decoded as far as it goes, each bad field's problem added to `errors` (a field already named there
    /// keeps its message): for a part of a body read beside another (`validate` of the other adds these to its own).
    /// Nil when nothing decodable remained. 415 and 400 are thrown as `decodeJSON(_:)` throws them.
    public func decodeJSON<T: Decodable>(_ type: T.Type, into errors: inout [String: String]) throws(APIError) -> T? {
        let (value, outcome) = try decodeCollecting(type)
        errors.merge(outcome.problems) { first, _ in first }
        return value
    }

    /// The body decoded by `FieldCollectingDecoder`, a `StrictDecodable`'s unknown fields among the problems.
    private func decodeCollecting<T: Decodable>(_ type: T.Type) throws(APIError) -> (T?, FieldCollectingDecoder.Outcome<T>) {
        let (data, object) = try jsonObject()
        var unknown: [String: String] = [:]
        if let strict = type as? any StrictDecodable.Type {
            guard let dictionary = object as? [String: Any] else {
                throw APIError.validation(["body": "must be a JSON object"])
            }
            for field in dictionary.keys where !strict.allowedFields.contains(field) { unknown[field] = HTTPRequest.unknownField }
        }
        var outcome: FieldCollectingDecoder.Outcome<T>
        do {
            outcome = try FieldCollectingDecoder.decode(T.self, data: data, object: object)
        } catch {
            throw APIError.badRequest("MALFORMED_JSON", "The request body is not valid JSON.")
        }
        outcome.problems.merge(unknown) { first, _ in first }
        return (outcome.value, outcome)
    }

    /// The body as JSON (its bytes and its parsed value), after the content type, emptiness and UTF-8 checks.
    private func jsonObject() throws(APIError) -> (Data, Any) {
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
        do {
            return (data, try JSONSerialization.jsonObject(with: data, options: []))
        } catch {
            throw APIError.badRequest("MALFORMED_JSON", "The request body is not valid JSON.")
        }
    }

    static let unknownField = "unknown field"

    /// The decoder's problems with the fields of a validation error added, less those the decoder named, took out
    /// or stood in for, and the fields inside them (`items.[2].video_url` and `items[2].video_url` are one field):
    /// a field absent because it was taken out is not also "required". Any other error adds nothing.
    static func merging<T>(_ outcome: FieldCollectingDecoder.Outcome<T>, _ error: any Error) -> [String: String] {
        var merged = outcome.problems
        guard let error = error as? APIError, error.code == "VALIDATION_ERROR" else { return merged }
        let named = Set(outcome.problems.keys).union(outcome.settled).map(sameField)
        for (field, problem) in error.errors {
            let name = sameField(field)
            if named.contains(where: { name == $0 || name.hasPrefix($0 + ".") || name.hasPrefix($0 + "[") }) { continue }
            merged[field] = problem
        }
        return merged
    }

    private static func sameField(_ name: String) -> String { name.replacingOccurrences(of: ".[", with: "[") }

    /// The 422 of `problems`: worded for unknown fields when they are all it names.
    static func invalid(_ problems: [String: String]) -> APIError {
        if !problems.isEmpty, problems.values.allSatisfy({ $0 == unknownField }) {
            return APIError.validation(problems, message: "The request has fields this endpoint does not accept.")
        }
        return APIError.validation(problems)
    }
}
