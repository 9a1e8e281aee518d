/// Where the responder accepts connections from the web server.
public enum FastCGIListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// A unix socket at this path, created with mode 0666 so the web server's workers can connect.
    case unix(path: String)
    /// A TCP address such as `127.0.0.1:9000` (`:9000` listens on all addresses).
    case tcp(String)
    /// A listening socket inherited from the parent (spawn-fcgi and `StandardInput=socket` pass fd 0,
    /// systemd socket activation with `LISTEN_FDS` passes fd 3).
    case inherited(fd: Int32)

    /// Parses `unix:/path`, a path starting with `/`, or `host:port`.
    public init?(parsing text: String) {
        if text.hasPrefix("unix:") {
            let path = String(text.dropFirst(5))
            guard !path.isEmpty else { return nil }
            self = .unix(path: path)
        } else if text.hasPrefix("/") {
            self = .unix(path: text)
        } else if let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
                  (1...65535).contains(port) {
            self = .tcp(text)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .unix(let path): return "unix:\(path)"
        case .tcp(let address): return address
        case .inherited(let fd): return "inherited fd \(fd)"
        }
    }
}
