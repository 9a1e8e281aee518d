import Glibc

/// Which addresses a webhook may connect to: public unicast only, except networks the operator allows
/// (`INSTAGATE_WEBHOOK_ALLOWED_NETWORKS`). Pure: tested from literals.
struct IPAddressPolicy: Sendable, Equatable {
    /// One network: the address bytes (4 or 16) and the prefix length.
    struct Network: Sendable, Equatable {
        var bytes: [UInt8]
        var prefix: Int

        /// `10.0.0.0/8`, `::1/128`, or a bare address (all its bits).
        init?(_ text: String) {
            let parts = text.split(separator: "/", maxSplits: 1).map(String.init)
            guard let bytes = IPAddressPolicy.bytes(parts[0]) else { return nil }
            let prefix = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
            guard let prefix, (0...bytes.count * 8).contains(prefix) else { return nil }
            self.bytes = bytes
            self.prefix = prefix
        }

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == bytes.count else { return false }
            for bit in 0..<prefix where (address[bit / 8] ^ bytes[bit / 8]) & UInt8(0x80 >> (bit % 8)) != 0 { return false }
            return true
        }
    }

    /// Networks exempt from the refusal (e.g. `127.0.0.1/32` for a receiver on the same host).
    var allowed: [Network] = []

    /// Ranges never connected to unless allowed: what they are called in the refusal.
    static let blocked: [(Network, String)] = [
        ("0.0.0.0/8", "unspecified"), ("10.0.0.0/8", "private"), ("100.64.0.0/10", "shared (CGNAT)"),
        ("127.0.0.0/8", "loopback"), ("169.254.0.0/16", "link-local"), ("172.16.0.0/12", "private"),
        ("192.0.0.0/24", "IETF protocol"), ("192.168.0.0/16", "private"), ("198.18.0.0/15", "benchmarking"),
        ("224.0.0.0/4", "multicast"), ("240.0.0.0/4", "reserved"),
        ("::/128", "unspecified"), ("::1/128", "loopback"), ("fe80::/10", "link-local"), ("fc00::/7", "private (unique local)"),
        ("ff00::/8", "multicast"),
    ].map { (Network($0.0)!, $0.1) }

    /// Why `address` (numeric text) may not be connected to, or nil when it may.
    func refusal(_ address: String) -> String? {
        guard var bytes = Self.bytes(address) else { return "not an IP address" }
        if allowed.contains(where: { $0.contains(bytes) }) { return nil }
        // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) name an IPv4 address: judged as that one.
        if bytes.count == 16, bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF
            || bytes[0..<12] == [0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0] {
            bytes = Array(bytes[12...])
            if allowed.contains(where: { $0.contains(bytes) }) { return nil }
        }
        return Self.blocked.first { $0.0.contains(bytes) }.map { "a \($0.1) address" }
    }

    /// The bytes of a numeric IPv4 or IPv6 address.
    static func bytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}
