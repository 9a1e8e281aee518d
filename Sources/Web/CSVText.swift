/// CSV text (RFC 4180: comma separated, CRLF line ends, double quotes doubled) built directly as UTF-8
/// bytes, so a list of 100,000 rows costs one pass over its bytes. A field that starts with `=`, `+`, `-` or
/// `@` is prefixed with `'` and quoted, so a spreadsheet never runs it as a formula.
public struct CSVText: Sendable {
    /// The text so far, ready to be an answer's body.
    public private(set) var bytes: [UInt8] = []

    /// A CSV whose first line is `header`.
    public init(header: [String], reservingRows rows: Int = 0) {
        bytes.reserveCapacity(64 * (rows + 1))
        appendRow(header)
    }

    /// Appends one line.
    public mutating func appendRow(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendField(field)
        }
        bytes.append(UInt8(ascii: "\r"))
        bytes.append(UInt8(ascii: "\n"))
    }

    /// One field, as `appendRow` writes it.
    public static func field(_ value: String) -> String {
        var text = CSVText()
        text.appendField(value)
        return String(decoding: text.bytes, as: UTF8.self)
    }

    private init() {}

    private mutating func appendField(_ value: String) {
        let utf8 = value.utf8
        let defused = utf8.first.map { Self.formulaStarts.contains($0) } ?? false
        guard defused || utf8.contains(where: Self.needsQuotes) else {
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        if defused { bytes.append(UInt8(ascii: "'")) }
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let formulaStarts: Set<UInt8> = [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@")]

    private static func needsQuotes(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }
}
