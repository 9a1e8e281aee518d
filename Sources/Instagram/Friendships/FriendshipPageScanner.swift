/// One page of a followers/following list as it came from Instagram, with the two facts the pager needs
/// read off the raw JSON: how many users it holds and the next cursor. The users themselves stay in `body`
/// (a consumer that stores them can let the database parse them; `FriendshipPage` decodes them in Swift).
public struct RawFriendshipPage: Sendable, Equatable {
    /// The answer's JSON, checked to be an object whose `users` is an array of objects.
    public var body: [UInt8]
    public var userCount: Int
    /// `next_max_id` (string or number) as text; nil when absent, null or empty: the last page.
    public var nextMaxID: String?

    public var hasMore: Bool { nextMaxID != nil }
}

/// Reads `users` (counting its elements) and `next_max_id` from the top level of a friendships answer in one
/// pass over the bytes, skipping every other value without building it. Pure; fails on malformed JSON.
public enum FriendshipPageScanner {
    /// Why a body is not a friendships page (`InstagramError.badResponse` carries the text).
    public struct Malformed: Error, Equatable {
        public var reason: String
    }

    public static func scan(_ body: [UInt8]) throws(Malformed) -> RawFriendshipPage {
        var reader = JSONByteReader(bytes: body)
        var users: Int?
        var next: String?
        try reader.expect(UInt8(ascii: "{"))
        if try !reader.consume(UInt8(ascii: "}")) {
            repeat {
                let key = try reader.string()
                try reader.expect(UInt8(ascii: ":"))
                switch key {
                case "users": users = try reader.countObjects()
                case "next_max_id": next = try reader.scalarText()
                default: try reader.skipValue(depth: 0)
                }
            } while try reader.consume(UInt8(ascii: ","))
            try reader.expect(UInt8(ascii: "}"))
        }
        try reader.expectEnd()
        guard let users else { throw Malformed(reason: "no users array") }
        return RawFriendshipPage(body: body, userCount: users, nextMaxID: next?.isEmpty == false ? next : nil)
    }
}

/// A forward-only reader over JSON bytes: just enough to walk and skip values.
struct JSONByteReader {
    let bytes: [UInt8]
    var index = 0
    static let maxDepth = 64

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func skipWhitespace() {
        while index < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[index]) { index += 1 }
    }

    mutating func peek() -> UInt8? {
        skipWhitespace()
        return index < bytes.count ? bytes[index] : nil
    }

    mutating func consume(_ byte: UInt8) throws(FriendshipPageScanner.Malformed) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    mutating func expect(_ byte: UInt8) throws(FriendshipPageScanner.Malformed) {
        guard try consume(byte) else { throw fail("expected '\(Character(Unicode.Scalar(byte)))'") }
    }

    mutating func expectEnd() throws(FriendshipPageScanner.Malformed) {
        guard peek() == nil else { throw fail("text after the JSON") }
    }

    func fail(_ reason: String) -> FriendshipPageScanner.Malformed {
        FriendshipPageScanner.Malformed(reason: "\(reason) at byte \(index)")
    }

    /// A string's decoded text (escapes other than `\"` and `\\` are kept as written: keys and cursors have none).
    mutating func string() throws(FriendshipPageScanner.Malformed) -> String {
        guard peek() == UInt8(ascii: "\"") else { throw fail("expected a string") }
        index += 1
        var text: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: text, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { break }
                let escaped = bytes[index]
                index += 1
                if escaped == UInt8(ascii: "\"") || escaped == UInt8(ascii: "\\") || escaped == UInt8(ascii: "/") {
                    text.append(escaped)
                } else {
                    text += [UInt8(ascii: "\\"), escaped]
                }
            case 0..<0x20: throw fail("control character in a string")
            default: text.append(byte)
            }
        }
        throw fail("unterminated string")
    }

    /// A string, number, boolean or null as text (nil for null); objects and arrays are refused.
    mutating func scalarText() throws(FriendshipPageScanner.Malformed) -> String? {
        switch peek() {
        case UInt8(ascii: "\""): return try string()
        case UInt8(ascii: "{"), UInt8(ascii: "["), nil: throw fail("expected a scalar")
        default:
            let start = index
            try skipLiteral()
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            return text == "null" ? nil : text
        }
    }

    /// An array of objects: returns how many.
    mutating func countObjects() throws(FriendshipPageScanner.Malformed) -> Int {
        try expect(UInt8(ascii: "["))
        if try consume(UInt8(ascii: "]")) { return 0 }
        var count = 0
        repeat {
            guard peek() == UInt8(ascii: "{") else { throw fail("a user that is not an object") }
            try skipValue(depth: 1)
            count += 1
        } while try consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"))
        return count
    }

    mutating func skipValue(depth: Int) throws(FriendshipPageScanner.Malformed) {
        guard depth < JSONByteReader.maxDepth else { throw fail("nested too deep") }
        switch peek() {
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "{"):
            index += 1
            if try consume(UInt8(ascii: "}")) { return }
            repeat {
                _ = try string()
                try expect(UInt8(ascii: ":"))
                try skipValue(depth: depth + 1)
            } while try consume(UInt8(ascii: ","))
            try expect(UInt8(ascii: "}"))
        case UInt8(ascii: "["):
            index += 1
            if try consume(UInt8(ascii: "]")) { return }
            repeat { try skipValue(depth: depth + 1) } while try consume(UInt8(ascii: ","))
            try expect(UInt8(ascii: "]"))
        case nil: throw fail("unexpected end")
        default: try skipLiteral()
        }
    }

    /// A number, `true`, `false` or `null`.
    mutating func skipLiteral() throws(FriendshipPageScanner.Malformed) {
        let start = index
        while index < bytes.count, isLiteralByte(bytes[index]) { index += 1 }
        let text = bytes[start..<index]
        guard !text.isEmpty else { throw fail("unexpected character") }
        let first = text.first!
        if first == UInt8(ascii: "t") || first == UInt8(ascii: "f") || first == UInt8(ascii: "n") {
            guard ["true", "false", "null"].contains(String(decoding: text, as: UTF8.self)) else { throw fail("bad literal") }
        } else if !(first == UInt8(ascii: "-") || (48...57).contains(first)) {
            throw fail("unexpected character")
        }
    }

    private func isLiteralByte(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (97...122).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "E")
    }
}
