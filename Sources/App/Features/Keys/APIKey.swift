import Crypto
import Foundation

/// API keys: `igk_` followed by 43 URL-safe base64 characters (32 random bytes). Only the SHA-256 of a
/// key is stored; the key itself is shown once, when created.
public enum APIKey {
    public static let prefix = "igk_"

    /// A new random key.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return prefix + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// SHA-256 of the key's UTF-8 bytes.
    public static func hash(_ key: String) -> [UInt8] {
        Array(SHA256.hash(data: Data(key.utf8)))
    }

    /// The part of a key shown in listings (`igk_AbCd`), enough to recognise it, useless to use.
    public static func displayPrefix(_ key: String) -> String {
        String(key.prefix(prefix.count + 6))
    }

    /// Whether text is shaped like a key (cheap check before touching the database).
    public static func isWellFormed(_ key: String) -> Bool {
        key.hasPrefix(prefix) && key.utf8.count == prefix.utf8.count + 43
            && key.utf8.dropFirst(prefix.utf8.count).allSatisfy { byte in
                (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 45 || byte == 95
            }
    }
}
