import Crypto
import Foundation

/// Meta's signatures, checked on the raw bytes before anything is parsed: `X-Hub-Signature-256: sha256=<hex>` of a
/// webhook body, and `signed_request=<b64url(signature)>.<b64url(payload)>` of the deauthorize and data-deletion
/// callbacks (the HMAC of the encoded payload). Either configured app's secret may have signed.
enum MetaWebhookSignature {
    /// Whether `header` is the HMAC-SHA256 of `body` under one of `secrets`.
    static func verify(body: [UInt8], header: String?, secrets: [String]) -> Bool {
        guard let header, header.hasPrefix("sha256="), let given = hexBytes(String(header.dropFirst(7))), given.count == 32 else { return false }
        return secrets.contains { secret in equal(mac(body, secret), given) }
    }

    /// The payload of a valid signed request; nil when it is malformed or no secret signed it.
    static func signedRequest(_ text: String, secrets: [String]) -> [String: Any]? {
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let signature = Base64URLText.decode(parts[0]), signature.count == 32,
              secrets.contains(where: { equal(mac(Array(parts[1].utf8), $0), signature) }),
              let payload = Base64URLText.decode(parts[1]),
              let object = (try? JSONSerialization.jsonObject(with: Data(payload))) as? [String: Any] else { return nil }
        return object
    }

    static func mac(_ bytes: [UInt8], _ secret: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: bytes, using: SymmetricKey(data: Array(secret.utf8))))
    }

    /// The hex HMAC of `body` (for the sandbox and tests: what Meta sends).
    static func header(body: [UInt8], secret: String) -> String {
        "sha256=" + mac(body, secret).map { String(format: "%02x", $0) }.joined()
    }

    /// Constant time over equal lengths.
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }

    static func hexBytes(_ text: String) -> [UInt8]? {
        guard text.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        return bytes
    }
}
