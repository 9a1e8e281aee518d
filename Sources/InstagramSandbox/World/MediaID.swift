/// A media id as it appears in paths: `<pk>` or `<pk>_<owner pk>` (facts §2.1, §6).
public struct MediaID: Sendable, Equatable {
    public var pk: UInt64
    public var ownerPK: UInt64?

    public init(pk: UInt64, ownerPK: UInt64? = nil) {
        self.pk = pk
        self.ownerPK = ownerPK
    }

    /// Parses `123`, `123_456`; nil for anything else (letters, signs, empty parts, overflow).
    public init?(parsing text: String) {
        let parts = text.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count <= 2, let first = parts.first, let pk = MediaID.number(first) else { return nil }
        self.pk = pk
        if parts.count == 2 {
            guard let owner = MediaID.number(parts[1]) else { return nil }
            ownerPK = owner
        }
    }

    /// The `<pk>_<owner>` form.
    public var text: String { ownerPK.map { "\(pk)_\($0)" } ?? String(pk) }

    static func number(_ text: Substring) -> UInt64? {
        guard !text.isEmpty, text.count <= 20, text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return UInt64(text)
    }
}
