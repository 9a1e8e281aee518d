/// Opaque GraphQL page cursors (`QVFE…`): base64url of `<kind>:<owner pk>:<offset>`, checked on the way back
/// so a cursor the sandbox never issued is refused.
public enum Cursor {
    public enum Kind: String, Sendable {
        case timeline = "t", followers = "f", following = "g", comments = "c"
    }

    public static func encode(_ kind: Kind, owner: UInt64, offset: Int) -> String {
        "QVFE" + Base64URL.encode(Array("\(kind.rawValue):\(owner):\(offset)".utf8))
    }

    /// The offset a cursor carries, nil unless it is one the sandbox issues for this kind and owner.
    public static func decode(_ text: String, kind: Kind, owner: UInt64) -> Int? {
        guard text.hasPrefix("QVFE"), let bytes = Base64URL.decode(String(text.dropFirst(4))) else { return nil }
        let parts = String(decoding: bytes, as: UTF8.self).split(separator: ":")
        guard parts.count == 3, parts[0] == kind.rawValue, UInt64(parts[1]) == owner, let offset = Int(parts[2]),
              offset >= 0 else { return nil }
        return offset
    }
}
