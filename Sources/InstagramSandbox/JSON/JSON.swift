/// A JSON value with ordered object keys, written straight to bytes.
///
/// Instagram's answers are built from these rather than `Encodable` types: the shapes are large, mostly
/// optional and key order is kept as Instagram sends it, and writing bytes directly keeps a post's JSON
/// well above 5,000 answers per second.
public indirect enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])
    /// Bytes already serialized (a cached rendering).
    case raw([UInt8])

    public static func == (lhs: JSON, rhs: JSON) -> Bool {
        lhs.bytes == rhs.bytes
    }

    /// The serialized value, compact, UTF-8 as is, `/` unescaped.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(to: &out)
        return out
    }

    /// The serialized value as a string.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends the serialized value.
    public func write(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: [110, 117, 108, 108])
        case .bool(let value): out.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
        case .int(let value): out.append(contentsOf: String(value).utf8)
        case .double(let value): JSON.writeDouble(value, to: &out)
        case .string(let value): JSON.writeString(value, to: &out)
        case .array(let values):
            out.append(91)
            for (index, value) in values.enumerated() {
                if index > 0 { out.append(44) }
                value.write(to: &out)
            }
            out.append(93)
        case .raw(let bytes):
            out.append(contentsOf: bytes)
        case .object(let pairs):
            out.append(123)
            for (index, pair) in pairs.enumerated() {
                if index > 0 { out.append(44) }
                JSON.writeString(pair.0, to: &out)
                out.append(58)
                pair.1.write(to: &out)
            }
            out.append(125)
        }
    }

    static func writeDouble(_ value: Double, to out: inout [UInt8]) {
        guard value.isFinite else { out.append(contentsOf: "null".utf8); return }
        if value == value.rounded(), abs(value) < 1e15 {
            out.append(contentsOf: String(Int64(value)).utf8)
            out.append(contentsOf: ".0".utf8)
        } else {
            out.append(contentsOf: String(value).utf8)
        }
    }

    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    static func writeString(_ value: String, to out: inout [UInt8]) {
        out.append(34)
        for byte in value.utf8 {
            switch byte {
            case 34: out.append(contentsOf: [92, 34])
            case 92: out.append(contentsOf: [92, 92])
            case 10: out.append(contentsOf: [92, 110])
            case 13: out.append(contentsOf: [92, 114])
            case 9: out.append(contentsOf: [92, 116])
            case 0..<32:
                out.append(contentsOf: [92, 117, 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: out.append(byte)
            }
        }
        out.append(34)
    }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral, ExpressibleByFloatLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(Int64(value)) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSON)...) { self = .object(elements) }
    public init(nilLiteral: ()) { self = .null }
}

extension JSON {
    /// A number as Instagram often sends ids: a string.
    public static func id(_ value: UInt64) -> JSON { .string(String(value)) }
    /// An integer from any integer type.
    public static func number<T: BinaryInteger>(_ value: T) -> JSON { .int(Int64(value)) }
    /// A string or null.
    public static func optional(_ value: String?) -> JSON { value.map { .string($0) } ?? .null }

    /// Looks a key up in an object (first match).
    public subscript(key: String) -> JSON? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.0 == key }?.1
    }

    /// The object with one more key (or the value replaced).
    public func setting(_ key: String, _ value: JSON) -> JSON {
        guard case .object(var pairs) = self else { return self }
        if let index = pairs.firstIndex(where: { $0.0 == key }) { pairs[index].1 = value } else { pairs.append((key, value)) }
        return .object(pairs)
    }
}
