import Foundation

/// A JSON value read from Instagram's answers, for shapes too loose for `Decodable` structs (numbers as
/// strings, optional everywhere). Lookups never fail; missing keys read as `.null`.
public enum JSONTree: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONTree])
    case object([String: JSONTree])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self) { self = .int(value) }
        else if let value = try? container.decode(Double.self) { self = .double(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONTree].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSONTree].self)) }
    }

    /// Parses a JSON document; nil when it is not JSON (`JSONTreeParser`: one pass, the same tree as decoding it).
    public static func parse(_ bytes: some Collection<UInt8>) -> JSONTree? {
        JSONTreeParser.parse(Array(bytes))
    }

    public subscript(key: String) -> JSONTree {
        if case .object(let object) = self { return object[key] ?? .null }
        return .null
    }

    public subscript(index: Int) -> JSONTree {
        if case .array(let array) = self, array.indices.contains(index) { return array[index] }
        return .null
    }

    public var isNull: Bool { self == .null }
    public var array: [JSONTree] { if case .array(let array) = self { return array }; return [] }

    /// A string, or a number written as text (ids come both ways).
    public var string: String? {
        switch self {
        case .string(let value): return value
        case .int(let value): return String(value)
        default: return nil
        }
    }

    /// An integer, from a number or a numeric string.
    public var int: Int64? {
        switch self {
        case .int(let value): return value
        case .double(let value) where value.rounded() == value && abs(value) < 9e18: return Int64(value)
        case .string(let value): return Int64(value)
        default: return nil
        }
    }

    public var double: Double? {
        switch self {
        case .int(let value): return Double(value)
        case .double(let value): return value
        case .string(let value): return Double(value)
        default: return nil
        }
    }

    public var bool: Bool? { if case .bool(let value) = self { return value }; return nil }

    /// The first of several paths that is not null.
    public func first(_ paths: [String]...) -> JSONTree {
        for path in paths {
            let value = path.reduce(self) { $0[$1] }
            if !value.isNull { return value }
        }
        return .null
    }
}
