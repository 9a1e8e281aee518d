import Foundation

/// A value that can be sent as a bound parameter (text format).
public protocol PostgresEncodable: Sendable {
    /// The parameter's text form, or nil for SQL NULL.
    var postgresText: String? { get }
}

extension String: PostgresEncodable { public var postgresText: String? { self } }
extension Int: PostgresEncodable { public var postgresText: String? { String(self) } }
extension Int64: PostgresEncodable { public var postgresText: String? { String(self) } }
extension Int32: PostgresEncodable { public var postgresText: String? { String(self) } }
extension Double: PostgresEncodable { public var postgresText: String? { String(self) } }
extension Bool: PostgresEncodable { public var postgresText: String? { self ? "t" : "f" } }
extension UUID: PostgresEncodable { public var postgresText: String? { uuidString.lowercased() } }

extension Date: PostgresEncodable {
    public var postgresText: String? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: self)
    }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public var postgresText: String? { self?.postgresText }
}

/// Bytes sent as `bytea` (hex form).
public struct PostgresBytes: PostgresEncodable, Equatable {
    public var bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    public var postgresText: String? {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = [92, 120] // \x
        out.reserveCapacity(2 + bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A value sent as JSON text (for `jsonb` columns).
public struct PostgresJSON<Value: Encodable & Sendable>: PostgresEncodable {
    public var value: Value
    public init(_ value: Value) { self.value = value }
    public var postgresText: String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) }
    }
}
