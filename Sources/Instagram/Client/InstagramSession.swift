/// A logged-in Instagram session: the browser cookies that make up a login (facts §1.4).
/// Never log it: `description` is redacted.
public struct InstagramSession: Sendable, Equatable, CustomStringConvertible {
    /// The `sessionid` cookie, as the browser stores it (`<ds_user_id>%3A…`).
    public var sessionID: String
    /// The `csrftoken` cookie, sent back as `X-CSRFToken` (double submit).
    public var csrfToken: String
    /// The `ds_user_id` cookie: the numeric id of the session's owner.
    public var dsUserID: String
    /// The browser's user agent the session was made with: sent with every web call made with it, since
    /// Instagram ties a session to its device (nil: the client's own).
    public var userAgent: String?

    /// A session from its cookies; `dsUserID` defaults to the leading digits of `sessionID`.
    public init(sessionID: String, csrfToken: String, dsUserID: String? = nil, userAgent: String? = nil) {
        self.sessionID = sessionID
        self.csrfToken = csrfToken
        self.dsUserID = dsUserID ?? InstagramSession.userID(fromSessionID: sessionID) ?? ""
        self.userAgent = userAgent
    }

    /// The owner's id as the leading digits of a `sessionid` (`7419826350%3A…` → `7419826350`), as instagrapi does.
    public static func userID(fromSessionID sessionID: String) -> String? {
        let digits = sessionID.prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : String(digits)
    }

    /// The `Cookie` header value for web requests.
    public var cookieHeader: String {
        var parts = ["sessionid=\(sessionID)", "csrftoken=\(csrfToken)"]
        if !dsUserID.isEmpty { parts.append("ds_user_id=\(dsUserID)") }
        return parts.joined(separator: "; ")
    }

    /// The mobile API's `Authorization: Bearer IGT:2:<base64 JSON>` value (facts §1.3).
    public var bearerToken: String {
        let json = "{\"ds_user_id\":\"\(dsUserID)\",\"sessionid\":\"\(sessionID.removingPercentEncodingLossy)\"}"
        return "Bearer IGT:2:" + Base64.encode(Array(json.utf8))
    }

    public var description: String { "InstagramSession(ds_user_id: \(dsUserID), cookies: <redacted>)" }
}

extension String {
    /// `%3A` → `:` and friends; invalid escapes are kept as they are.
    var removingPercentEncodingLossy: String {
        var bytes: [UInt8] = []
        var iterator = Array(utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "%"), iterator.count >= 2,
               let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// Standard base64 with padding (no Foundation needed for this one use).
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let value = chunk.enumerated().reduce(0) { $0 | (Int($1.element) << (16 - 8 * $1.offset)) }
            for position in 0..<4 {
                output.append(position <= chunk.count ? alphabet[(value >> (18 - 6 * position)) & 63] : UInt8(ascii: "="))
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
}
