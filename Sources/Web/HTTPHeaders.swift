/// An ordered list of header fields with case-insensitive lookup.
public struct HTTPHeaders: Sendable, Sequence {
    public private(set) var fields: [(name: String, value: String)]

    public init(_ fields: [(String, String)] = []) {
        self.fields = fields.map { (name: $0.0, value: $0.1) }
    }

    /// No fields yet, with room for `capacity`.
    public init(capacity: Int) {
        fields = []
        fields.reserveCapacity(capacity)
    }

    /// The fields as they are.
    public init(_ fields: [(name: String, value: String)]) {
        self.fields = fields
    }

    /// The first value of the field, or nil. Setting replaces every field of that name.
    public subscript(name: String) -> String? {
        get { fields.first { $0.name.caseInsensitiveEquals(name) }?.value }
        set {
            if fields.contains(where: { $0.name.caseInsensitiveEquals(name) }) {
                fields.removeAll { $0.name.caseInsensitiveEquals(name) }
            }
            if let newValue { fields.append((name: name, value: newValue)) }
        }
    }

    /// Adds a field, keeping any of the same name (for `Set-Cookie`).
    public mutating func add(_ name: String, _ value: String) {
        fields.append((name: name, value: value))
    }

    /// Every value of the field, in order.
    public func values(_ name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }
}

extension String {
    /// ASCII case-insensitive comparison, as header names compare.
    func caseInsensitiveEquals(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        if self == other { return true }
        return zip(utf8, other.utf8).allSatisfy { x, y in x == y || (x | 0x20) == (y | 0x20) && (x | 0x20) >= 97 && (x | 0x20) <= 122 }
    }
}
