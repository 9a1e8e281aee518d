import Foundation

/// Writes the accounts list and account info answers byte by byte: the same bytes `JSONCoding.encode` gives
/// (keys sorted, `/` unescaped, ISO 8601 dates in whole seconds, nil fields left out), without Foundation's
/// encoder, which cost the accounts list and account info a third of their speed (`deploy/bench graph`; issue 13's
/// target is 0.7× `/health`). `AccountJSONWriterTests` holds both to the same bytes.
struct AccountJSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the object being written has no field yet.
    private var empty = true

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    mutating func open() {
        bytes.append(UInt8(ascii: "{"))
        empty = true
    }

    mutating func close() {
        bytes.append(UInt8(ascii: "}"))
        empty = false
    }

    /// `"key":` after a comma when the object has fields already.
    mutating func key(_ name: StaticString) {
        if !empty { bytes.append(UInt8(ascii: ",")) }
        empty = false
        bytes.append(UInt8(ascii: "\""))
        literal(name)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// Bytes of a literal as they are.
    mutating func literal(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func field(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    mutating func field(_ name: StaticString, _ value: Int64?) {
        guard let value else { return }
        key(name)
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        literal(value ? "true" : "false")
    }

    mutating func field(_ name: StaticString, _ value: Date?) {
        guard let value else { return }
        key(name)
        date(value)
    }

    /// `null` for nil (fields the answer always names).
    mutating func field(_ name: StaticString, dateOrNull value: Date?) {
        key(name)
        if let value { date(value) } else { literal("null") }
    }

    /// `["a","b"]`.
    mutating func strings(_ values: [String]) {
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            string(value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    /// A `Double` as Foundation's encoder writes it: its shortest form, without a trailing `.0`.
    mutating func number(_ value: Double) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// A JSON string: `"` and `\` escaped, control characters as Foundation writes them, everything else as is.
    mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): escape(byte)
            case 0x0A: escape(UInt8(ascii: "n"))
            case 0x0D: escape(UInt8(ascii: "r"))
            case 0x09: escape(UInt8(ascii: "t"))
            case 0x08: escape(UInt8(ascii: "b"))
            case 0x0C: escape(UInt8(ascii: "f"))
            case 0..<0x20:
                literal("\\u00")
                bytes.append(AccountJSONWriter.hex(byte >> 4))
                bytes.append(AccountJSONWriter.hex(byte & 15))
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        bytes.append(byte)
    }

    static func hex(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 48 + nibble : UInt8(ascii: "a") + nibble - 10 }

    /// `"2026-12-06T12:30:05Z"`: UTC, whole seconds (the fraction dropped, as Foundation's `.iso8601` does).
    mutating func date(_ date: Date) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let second = seconds - days * 86_400
        let (year, month, day) = AccountJSONWriter.civil(days: days)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: String(year).utf8)
        two(UInt8(ascii: "-"), month)
        two(UInt8(ascii: "-"), day)
        two(UInt8(ascii: "T"), second / 3600)
        two(UInt8(ascii: ":"), second / 60 % 60)
        two(UInt8(ascii: ":"), second % 60)
        bytes.append(UInt8(ascii: "Z"))
        bytes.append(UInt8(ascii: "\""))
    }

    /// A separator and a two-digit number.
    private mutating func two(_ separator: UInt8, _ value: Int64) {
        bytes.append(separator)
        bytes.append(48 + UInt8(value / 10))
        bytes.append(48 + UInt8(value % 10))
    }

    /// Year, month, day of a count of days since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    static func civil(days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
