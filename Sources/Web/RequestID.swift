/// Request ids: nginx's 32 hex `$request_id`, or a client's id if it is short and plain.
public enum RequestID {
    /// 32 random hex characters, like nginx's `$request_id`.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let high = generator.next() as UInt64, low = generator.next() as UInt64
        return hex(high) + hex(low)
    }

    /// The id if it is 1–64 characters of `[A-Za-z0-9._-]`, else nil (never echo arbitrary input).
    public static func valid(_ candidate: String?) -> String? {
        guard let candidate, (1...64).contains(candidate.utf8.count) else { return nil }
        let ok = candidate.utf8.allSatisfy { byte in
            (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 45 || byte == 46 || byte == 95
        }
        return ok ? candidate : nil
    }

    private static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
