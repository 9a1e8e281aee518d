/// Instagram shortcodes: a media pk written in base 64 (`A–Z a–z 0–9 - _`), most significant digit first.
///
/// Facts §2.1: no padding, no leading `A`; a private-share code is an 11-character shortcode plus 28 extra
/// characters, which are cut before decoding (yt-dlp and gallery-dl cut them when a code is longer than 28).
public enum Shortcode {
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    /// Extra characters a private-share code carries after the shortcode.
    public static let shareSuffixLength = 28

    /// The shortcode of a media pk (`2913440072144448240` → `Chunk8-jurw`).
    public static func encode(_ pk: UInt64) -> String {
        guard pk > 0 else { return "A" }
        var digits: [UInt8] = []
        var rest = pk
        while rest > 0 {
            digits.append(alphabet[Int(rest % 64)])
            rest /= 64
        }
        return String(decoding: digits.reversed(), as: UTF8.self)
    }

    /// The media pk of a shortcode or of a 39-character share code; nil for an empty code, a character
    /// outside the alphabet, or a value above 64 bits.
    public static func decode(_ code: String) -> UInt64? {
        var bytes = Array(code.utf8)
        if bytes.count > shareSuffixLength { bytes.removeLast(shareSuffixLength) }
        guard !bytes.isEmpty, bytes.count <= 11 else { return nil }
        var value: UInt64 = 0
        for byte in bytes {
            guard let digit = digitValue(byte) else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 64)
            guard !overflow else { return nil }
            let (sum, carry) = shifted.addingReportingOverflow(UInt64(digit))
            guard !carry else { return nil }
            value = sum
        }
        return value
    }

    /// The shortcode part of a code: the code itself, or the first 11 characters of a share code.
    public static func canonical(_ code: String) -> String {
        code.utf8.count > shareSuffixLength ? String(code.dropLast(shareSuffixLength)) : code
    }

    /// True when every character is in the shortcode alphabet.
    public static func isInAlphabet(_ code: String) -> Bool {
        code.utf8.allSatisfy { digitValue($0) != nil }
    }

    static func digitValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 65...90: return byte - 65
        case 97...122: return byte - 97 + 26
        case 48...57: return byte - 48 + 52
        case 45: return 62
        case 95: return 63
        default: return nil
        }
    }
}

/// A media id as the API writes it: `pk` alone or `"<pk>_<owner pk>"` (facts §2.1).
public struct MediaID: Sendable, Hashable, CustomStringConvertible {
    /// The media's primary key (the shortcode's value).
    public var pk: UInt64
    /// The owner's pk, when the id carried one.
    public var ownerPK: UInt64?

    public init(pk: UInt64, ownerPK: UInt64? = nil) {
        self.pk = pk
        self.ownerPK = ownerPK
    }

    /// Parses `"2913440072144448240"` or `"2913440072144448240_25025320"`; nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "_", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let pk = UInt64(parts[0]), pk > 0 else { return nil }
        self.pk = pk
        if parts.count == 2 {
            guard let owner = UInt64(parts[1]), owner > 0 else { return nil }
            ownerPK = owner
        }
    }

    /// The id of a shortcode (or share code); nil when it is not a valid code.
    public init?(shortcode: String) {
        guard let pk = Shortcode.decode(shortcode), pk > 0 else { return nil }
        self.pk = pk
    }

    /// The shortcode of this media.
    public var shortcode: String { Shortcode.encode(pk) }

    public var description: String { ownerPK.map { "\(pk)_\($0)" } ?? "\(pk)" }
}
