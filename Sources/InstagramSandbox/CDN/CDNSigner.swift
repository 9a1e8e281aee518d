import Crypto
import Foundation
import Synchronization

/// Signs and checks CDN URLs: `oh` is `00_` + an HMAC of the path and the `oe` expiry, `oe` is the expiry
/// in unix seconds as 8 upper-case hex digits (facts §9).
public struct CDNSigner: Sendable {
    /// Why a CDN URL was refused (each answers 403 with a short text body, as the CDN does).
    public enum Refusal: String, Sendable, Equatable {
        case expired = "URL signature expired"
        case badDate = "Bad URL date param"
    }

    /// The secret's bytes; a `SymmetricKey` is made per call because it is not `Sendable`.
    let secret: [UInt8]

    public init(secret: String) {
        self.secret = Array(secret.utf8)
        secretTag = String(CDNPaths.fnv1a(secret), radix: 36)
    }

    /// Distinguishes signers with different secrets in the shared memo.
    let secretTag: String

    /// The `oh` value for a path and expiry (memoised: a page of 200 followers signs one avatar URL once).
    public func signature(path: String, expiry: Int) -> String {
        let key = "\(secretTag)|\(path)|\(expiry)"
        if let known = CDNSigner.memo.withLock({ $0[key] }) { return known }
        let value = computeSignature(path: path, expiry: expiry)
        CDNSigner.memo.withLock { memo in
            if memo.count > 50_000 { memo.removeAll() }
            memo[key] = value
        }
        return value
    }

    static let memo = Mutex<[String: String]>([:])

    func computeSignature(path: String, expiry: Int) -> String {
        let message = Array("\(path)|\(CDNSigner.hex(expiry))".utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: secret))
        return "00_AY" + String(Base64URL.encode(Array(mac)).prefix(41))
    }

    /// Checks `oh`/`oe` of a request. Nil when the URL is good. A tampered signature answers the same
    /// "URL signature expired" as an expired one (issue 4; the current format's tamper text is not established).
    public func check(path: String, oh: String?, oe: String?, now: Int) -> Refusal? {
        guard let oe, oe.utf8.count == 8, let expiry = Int(oe, radix: 16) else { return .badDate }
        guard let oh, oh == signature(path: path, expiry: expiry) else { return .expired }
        return expiry < now ? .expired : nil
    }

    /// 8 upper-case hex digits.
    public static func hex(_ value: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 8 - text.count)) + text
    }
}
