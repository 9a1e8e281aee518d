import Crypto
import Foundation

/// `X-Instagate-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`: the receiver recomputes it
/// with its secret and refuses a `t` older than a few minutes (replay). Pure.
enum WebhookSignature {
    static let header = "X-Instagate-Signature"

    static func value(secret: String, timestamp: Int, body: [UInt8]) -> String {
        "t=\(timestamp),v1=\(hex(secret: secret, timestamp: timestamp, body: body))"
    }

    static func hex(secret: String, timestamp: Int, body: [UInt8]) -> String {
        let key = SymmetricKey(data: Array(secret.utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\(timestamp).".utf8) + body, using: key)
        return mac.map { String(format: "%02x", $0) }.joined()
    }
}
