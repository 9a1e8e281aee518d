import Foundation

/// A loopback `HOST:PORT` to serve plain HTTP on: `127.0.0.1:PORT` (or another 127.x.y.z), `localhost:PORT`
/// (127.0.0.1) or `[::1]:PORT`. Anything else is refused: loopback keeps the worker's metrics off the network
/// (other users of the same host can still reach them, as they can the responder's `/metrics` through nginx).
/// Port 0 lets the kernel choose one (the listener logs it).
public struct LoopbackAddress: Sendable, Equatable, CustomStringConvertible {
    /// The numeric host: `127.x.y.z` or `::1`.
    public var host: String
    public var port: UInt16

    /// Whether `host` is IPv6 (`::1`).
    public var isIPv6: Bool { host == "::1" }

    public init?(parsing text: String) {
        let hostPart: Substring
        let portPart: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else { return nil }
            hostPart = text[text.index(after: text.startIndex)..<close]
            portPart = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
        }
        guard let port = UInt16(portPart), let host = LoopbackAddress.numericLoopback(String(hostPart)) else { return nil }
        self.host = host
        self.port = port
    }

    /// What a valid address looks like, for messages about one that is not.
    public static let expected = "a loopback HOST:PORT (127.0.0.1:PORT, localhost:PORT or [::1]:PORT)"

    public var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// `host` as a numeric loopback address, nil when it is not one.
    private static func numericLoopback(_ host: String) -> String? {
        if host == "localhost" { return "127.0.0.1" }
        if host == "::1" { return host }
        var address = in_addr()
        guard inet_pton(AF_INET, host, &address) == 1 else { return nil }
        return UInt32(bigEndian: address.s_addr) >> 24 == 127 ? host : nil
    }
}
