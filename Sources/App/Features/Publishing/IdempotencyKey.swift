import Web

/// The `Idempotency-Key` header of a publish request: 1–255 visible ASCII characters, unique per API user. The
/// same key again returns the first post and publishes nothing; with a different request it is refused.
enum IdempotencyKey {
    static let header = "Idempotency-Key"

    /// The key, nil when the header is absent; 422 `VALIDATION_ERROR` naming the header when it is malformed.
    static func parse(_ request: HTTPRequest) throws(APIError) -> String? {
        guard let key = request.headers[header] else { return nil }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) else {
            throw APIError.validation([header: "must be 1 to 255 visible ASCII characters (a UUID is a good key)"])
        }
        return key
    }
}
