/// Instagram shortcodes: a media pk written in base 64 (`A–Z a–z 0–9 - _`), most significant digit first.
///
/// Facts §2.1: no padding, no leading `A`; private-share codes carry 28 extra characters that are cut
/// before decoding (yt-dlp and gallery-dl cut them when a code is longer than 28 characters).
public enum Shortcode {
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// The shortcode of a media pk.
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

    /// The media pk of a shortcode (or of a 39-character share code); nil for an empty code, a character
    /// outside the alphabet, or a value above 64 bits.
    public static func decode(_ code: String) -> UInt64? {
        var bytes = Array(code.utf8)
        if bytes.count > 28 { bytes.removeLast(28) }
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
