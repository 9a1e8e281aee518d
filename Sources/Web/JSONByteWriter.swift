import Foundation

/// Writes JSON byte by byte: the same bytes `JSONCoding`'s encoder gives (keys in the order the caller writes them,
/// which must be sorted; `/` unescaped; ISO 8601 dates in whole seconds), compact or, with `pretty`, indented as
/// Foundation's `.prettyPrinted` indents (two spaces a level, `"key" : value`, an empty collection as `[` `\n\n` `]`).
/// Foundation's encoder cost the accounts list and account info a third of their speed (`deploy/bench graph`;
/// issue 13's target is 0.7× `/health`) and each download's metadata file an eighth of a profile download's CPU
/// (issue 16). `AccountJSONBytesTests`, `JSONByteWriterTests` and `DownloadMetadataJSONTests` hold the writers to
/// Foundation's bytes.
public struct JSONByteWriter: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// Indented output (files people read), else compact (answers).
    public let pretty: Bool
    /// Whether the object or array being written has no member yet.
    private var empty = true
    /// Open objects and arrays.
    private var depth = 0

    /// A writer with room for `capacity` bytes.
    public init(capacity: Int = 1024, pretty: Bool = false) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    /// `{`: members follow with `key`.
    public mutating func open() { opening(UInt8(ascii: "{")) }

    /// `}`.
    public mutating func close() { closing(UInt8(ascii: "}")) }

    /// `[`: each element follows `element()`.
    public mutating func openArray() { opening(UInt8(ascii: "[")) }

    /// `]`.
    public mutating func closeArray() { closing(UInt8(ascii: "]")) }

    /// Before each element of an array: the separator (and, pretty, the new line and indentation).
    public mutating func element() { separator() }

    private mutating func opening(_ byte: UInt8) {
        bytes.append(byte)
        depth += 1
        empty = true
    }

    private mutating func closing(_ byte: UInt8) {
        depth -= 1
        if pretty {
            bytes.append(0x0A)
            if empty { bytes.append(0x0A) }
            indent()
        }
        bytes.append(byte)
        empty = false
    }

    /// A comma after the first member; pretty, each member on a line of its own.
    private mutating func separator() {
        if !empty { bytes.append(UInt8(ascii: ",")) }
        empty = false
        if pretty {
            bytes.append(0x0A)
            indent()
        }
    }

    private mutating func indent() {
        for _ in 0..<depth { bytes.append(0x20); bytes.append(0x20) }
    }

    /// `"key":` (pretty: `"key" : `), after the separator the object needs.
    public mutating func key(_ name: StaticString) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        literal(name)
        bytes.append(UInt8(ascii: "\""))
        colon()
    }

    /// A key known only at run time (a dictionary's), escaped as any string.
    public mutating func key(_ name: String) {
        separator()
        string(name)
        colon()
    }

    /// Between a key and its value: `:`, pretty `" : "`.
    private mutating func colon() {
        if pretty { literal(" : ") } else { bytes.append(UInt8(ascii: ":")) }
    }

    /// Bytes of a literal as they are.
    public mutating func literal(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// `"key":"value"`; nothing for nil (a field the encoder leaves out when absent), as for the other `field`s.
    public mutating func field(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    /// `"key":123`.
    public mutating func field(_ name: StaticString, _ value: Int64?) {
        guard let value else { return }
        key(name)
        integer(value)
    }

    /// `"key":true`.
    public mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        literal(value ? "true" : "false")
    }

    /// `"key":"2026-12-06T12:30:05Z"`.
    public mutating func field(_ name: StaticString, _ value: Date?) {
        guard let value else { return }
        key(name)
        date(value)
    }

    /// `null` for nil (fields the answer always names).
    public mutating func field(_ name: StaticString, dateOrNull value: Date?) {
        key(name)
        if let value { date(value) } else { null() }
    }

    /// An array of `values`, each written by `write`.
    public mutating func array<Values: Sequence>(_ values: Values, _ write: (inout JSONByteWriter, Values.Element) -> Void) {
        openArray()
        for value in values {
            element()
            write(&self, value)
        }
        closeArray()
    }

    /// `["a","b"]`.
    public mutating func strings(_ values: [String]) {
        array(values) { $0.string($1) }
    }

    /// An integer as it is.
    public mutating func integer<Value: BinaryInteger>(_ value: Value) {
        bytes.append(contentsOf: String(value).utf8)
    }

    /// `null`.
    public mutating func null() { literal("null") }

    /// A string, or `null` (a field the encoder always names).
    public mutating func stringOrNull(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// An integer, or `null`.
    public mutating func integerOrNull<Value: BinaryInteger>(_ value: Value?) {
        if let value { integer(value) } else { null() }
    }

    /// A number, or `null`.
    public mutating func numberOrNull(_ value: Double?) {
        if let value { number(value) } else { null() }
    }

    /// A `Double` as Foundation's encoder writes it: its shortest form, without a trailing `.0`.
    public mutating func number(_ value: Double) {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    /// A JSON string: `"` and `\` escaped, control characters as Foundation writes them, everything else as is.
    public mutating func string(_ text: String) {
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
                bytes.append(JSONByteWriter.hex(byte >> 4))
                bytes.append(JSONByteWriter.hex(byte & 15))
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
    public mutating func date(_ date: Date) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let second = seconds - days * 86_400
        let (year, month, day) = JSONByteWriter.civil(days: days)
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
    public static func civil(days: Int64) -> (Int64, Int64, Int64) {
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
