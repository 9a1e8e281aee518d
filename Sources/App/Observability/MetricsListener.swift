import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A tiny plain-HTTP server on a loopback address for Prometheus to scrape the worker: `GET /metrics` answers
/// `render()`'s text; another path is a 404, another method a 405. One blocking thread answers one connection
/// at a time (a scrape every few seconds); a client silent for 2 s is dropped.
public final class MetricsListener: Sendable {
    /// The address listened on, with the port the kernel chose when port 0 was asked for.
    public let address: LoopbackAddress
    private let socket: Int32
    private let render: @Sendable () -> [UInt8]

    /// Opens the listening socket (`SO_REUSEADDR`, so a restarted worker takes its port back at once).
    public init(address: LoopbackAddress, render: @escaping @Sendable () -> [UInt8]) throws(MetricsListenerError) {
        let fd = Glibc.socket(address.isIPv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw MetricsListenerError(operation: "open a socket", address: address, errno: errno) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        do {
            self.address = try MetricsListener.bind(fd, to: address)
        } catch {
            close(fd)
            throw error
        }
        self.socket = fd
        self.render = render
    }

    /// Answers scrapes on a thread of its own until the process ends.
    public func start() {
        let thread = Thread { [self] in
            var signals = sigset_t() // SIGTERM and SIGINT are for the thread that stops the worker
            sigemptyset(&signals)
            sigaddset(&signals, SIGTERM)
            sigaddset(&signals, SIGINT)
            pthread_sigmask(SIG_BLOCK, &signals, nil)
            serve()
        }
        thread.name = "metrics-listener"
        thread.stackSize = 256 << 10
        thread.start()
    }

    private func serve() {
        while true {
            let client = accept(socket, nil, nil)
            guard client >= 0 else {
                if errno == EBADF || errno == EINVAL { return }
                if errno != EINTR && errno != ECONNABORTED { usleep(100_000) } // out of descriptors: wait
                continue
            }
            answer(client)
            close(client)
        }
    }

    private func answer(_ client: Int32) {
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let response = MetricsListener.response(toRequestHead: readHead(client), render: render)
        var sent = 0
        while sent < response.count {
            let count = response[sent...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return }
            sent += count
        }
    }

    /// The request line and headers, up to 8 KiB: read to their end, so that closing the connection with
    /// unread bytes does not reset it before the client has the answer.
    private func readHead(_ client: Int32) -> [UInt8] {
        var head: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 2048)
        while head.count < 8192 && !MetricsListener.endsHead(head) {
            let count = buffer.withUnsafeMutableBytes { recv(client, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            head += buffer[..<count]
        }
        return head
    }

    /// Whether `bytes` holds the empty line that ends a request's headers.
    static func endsHead(_ bytes: [UInt8]) -> Bool {
        var newlines = 0
        for byte in bytes where byte != 13 {
            newlines = byte == 10 ? newlines + 1 : 0
            if newlines == 2 { return true }
        }
        return false
    }

    /// The whole HTTP/1.0 answer to a request whose first line is in `head`.
    static func response(toRequestHead head: [UInt8], render: () -> [UInt8]) -> [UInt8] {
        let line = String(decoding: head.prefix { $0 != 13 && $0 != 10 }, as: UTF8.self).split(separator: " ")
        guard line.count >= 2 else { return answer(400, "Bad Request", Array("bad request\n".utf8)) }
        let path = line[1].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard path == "/metrics" else { return answer(404, "Not Found", Array("only /metrics is here\n".utf8)) }
        guard line[0] == "GET" else {
            return answer(405, "Method Not Allowed", Array("GET /metrics\n".utf8), extra: "Allow: GET\r\n")
        }
        return answer(200, "OK", render())
    }

    private static func answer(_ status: Int, _ reason: String, _ body: [UInt8], extra: String = "") -> [UInt8] {
        let type = status == 200 ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain; charset=utf-8"
        let head = "HTTP/1.0 \(status) \(reason)\r\nContent-Type: \(type)\r\nContent-Length: \(body.count)\r\n"
            + extra + "Connection: close\r\n\r\n"
        return Array(head.utf8) + body
    }

    /// Binds `fd` to `address` and listens; returns the address with the port actually bound.
    private static func bind(_ fd: Int32, to address: LoopbackAddress) throws(MetricsListenerError) -> LoopbackAddress {
        var storage = sockaddr_storage()
        let length: socklen_t
        if address.isIPv6 {
            var ipv6 = sockaddr_in6()
            ipv6.sin6_family = sa_family_t(AF_INET6)
            ipv6.sin6_port = address.port.bigEndian
            ipv6.sin6_addr = in6addr_loopback
            withUnsafeBytes(of: ipv6) { bytes in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: bytes) } }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
        } else {
            var ipv4 = sockaddr_in()
            ipv4.sin_family = sa_family_t(AF_INET)
            ipv4.sin_port = address.port.bigEndian
            inet_pton(AF_INET, address.host, &ipv4.sin_addr)
            withUnsafeBytes(of: ipv4) { bytes in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: bytes) } }
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
        }
        let bound = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(fd, $0, length) }
        }
        guard bound == 0 else { throw MetricsListenerError(operation: "bind", address: address, errno: errno) }
        guard listen(fd, 16) == 0 else { throw MetricsListenerError(operation: "listen", address: address, errno: errno) }
        var actual = sockaddr_storage()
        var actualLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &actualLength) }
        }
        var result = address
        result.port = withUnsafeBytes(of: actual) { bytes in
            UInt16(bigEndian: bytes.load(fromByteOffset: 2, as: UInt16.self)) // sin_port and sin6_port sit at offset 2
        }
        return result
    }
}
