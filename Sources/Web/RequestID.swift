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
        guard var candidate, (1...64).contains(candidate.utf8.count) else { return nil }
        let plain = candidate.withUTF8 { bytes in
            bytes.allSatisfy { byte in
                switch byte {
                case 48...57, 65...90, 97...122, 45, 46, 95: true
                default: false
                }
            }
        }
        return plain ? candidate : nil
    }

    private static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
