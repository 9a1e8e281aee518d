import Foundation
import Glibc

/// A small HTTP receiver on 127.0.0.1 for the webhook tests: records every request (headers lower-cased, body)
/// and answers the statuses given in turn (the last one repeats), with `Location` on a redirect. A GET carrying
/// `hub.challenge` (Meta's subscription check) is answered with the challenge.
final class WebhookReceiver: @unchecked Sendable { // state behind `lock`; the socket is only closed once
    struct Received {
        var headers: [String: String]
        var body: [UInt8]
    }

    let port: Int
    private let socketFD: Int32
    private let lock = NSLock()
    private var statuses: [Int]
    private var requests: [Received] = []
    private let location: String?

    init(statuses: [Int], location: String? = nil) throws {
        self.statuses = statuses
        self.location = location
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        socketFD = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in serve() }
    }

    var received: [Received] { lock.withLock { requests } }

    /// Waits until `count` requests arrived (at most `seconds`).
    func wait(for count: Int, seconds: Double = 30) -> [Received] {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end, received.count < count { Thread.sleep(forTimeInterval: 0.1) }
        return received
    }

    func stop() {
        shutdown(socketFD, Int32(SHUT_RDWR))
        close(socketFD)
    }

    private func serve() {
        while true {
            let client = accept(socketFD, nil, nil)
            guard client >= 0 else { return }
            handle(client)
            close(client)
        }
    }

    private func handle(_ client: Int32) {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var headerEnd: Int?
        var expected = Int.max
        while data.count < expected {
            let count = read(client, &buffer, buffer.count)
            guard count > 0 else { break }
            data += buffer[0..<count]
            if headerEnd == nil, let end = Self.find([13, 10, 13, 10], in: data) {
                headerEnd = end + 4
                let head = String(decoding: data[0..<end], as: UTF8.self)
                let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                    .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                expected = end + 4 + length
            }
        }
        guard let headerEnd else { return }
        let requestLine = String(decoding: data[0..<(headerEnd - 4)], as: UTF8.self).split(separator: "\r\n").first ?? ""
        if requestLine.hasPrefix("GET "), let range = requestLine.range(of: "hub.challenge=") {
            // Meta's subscription check (the sandbox's): echoed, not recorded.
            let challenge = requestLine[range.upperBound...].prefix { $0.isNumber }
            let answer = "HTTP/1.1 200 OK\r\nContent-Length: \(challenge.utf8.count)\r\nConnection: close\r\n\r\n\(challenge)"
            _ = answer.withCString { write(client, $0, strlen($0)) }
            return
        }
        var headers: [String: String] = [:]
        for line in String(decoding: data[0..<(headerEnd - 4)], as: UTF8.self).split(separator: "\r\n").dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let status: Int = lock.withLock {
            requests.append(Received(headers: headers, body: Array(data[headerEnd...])))
            return statuses.count > 1 ? statuses.removeFirst() : statuses[0]
        }
        let extra = location.map { "Location: \($0)\r\n" } ?? ""
        let answer = "HTTP/1.1 \(status) Answer\r\n\(extra)Content-Length: 2\r\nConnection: close\r\n\r\nok"
        _ = answer.withCString { write(client, $0, strlen($0)) }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where Array(haystack[start..<(start + needle.count)]) == needle { return start }
        return nil
    }
}
