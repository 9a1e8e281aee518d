import Crypto
import Foundation
import HTTPClient
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// nginx's own 501 (a Transfer-Encoding it does not implement), 505 (an HTTP/2.0 request line on the plain
/// listener) and 416 (a Range past the end of a /downloads/ file) are the API's envelope too, not nginx's HTML.
/// 501 and 505 cannot be sent with libcurl: they go over a raw socket.
@Suite(.threaded, .needsStack)
struct NginxEnvelopeTests {
    let http = TestHTTP()

    @Test(arguments: ["gzip, chunked", "identity", "chunked, chunked", "deflate"])
    func unsupportedTransferEncodingIs501(_ encoding: String) throws {
        let response = try NginxEnvelopeTests.raw(
            "POST /api/me HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: \(encoding)\r\nConnection: close\r\n\r\n0\r\n\r\n")
        response.expectEnvelope(status: 501, code: "NOT_IMPLEMENTED")
        NginxEnvelopeTests.expectRequestID(response)
    }

    @Test(arguments: ["HTTP/2.0", "HTTP/3.0"])
    func http2RequestLineIs505(_ version: String) throws {
        let response = try NginxEnvelopeTests.raw("GET /health \(version)\r\nHost: x\r\nConnection: close\r\n\r\n")
        response.expectEnvelope(status: 505, code: "HTTP_VERSION_NOT_SUPPORTED")
        NginxEnvelopeTests.expectRequestID(response)
    }

    @Test func rangePastTheEndOfADownloadIs416() throws {
        let code = "envt\(UInt32.random(in: 0..<1_000_000))", name = "file.bin"
        let directory = "\(TestStack.home)/downloads/\(code)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data(repeating: 7, count: 1000).write(to: URL(fileURLWithPath: "\(directory)/\(name)"))
        let url = try NginxEnvelopeTests.signedLink("/downloads/\(code)/\(name)")

        let past = try http.client.send(HTTPClientRequest(method: "GET", url: url, headers: [("Range", "bytes=5000-")]))
        past.expectEnvelope(status: 416, code: "RANGE_NOT_SATISFIABLE")
        #expect(past.header("Content-Range") == "bytes */1000")
        NginxEnvelopeTests.expectRequestID(past)
        // A range inside the file is still served by nginx as a 206.
        let inside = try http.client.send(HTTPClientRequest(method: "GET", url: url, headers: [("Range", "bytes=0-9")]))
        #expect(inside.status == 206)
        #expect(inside.body == [UInt8](repeating: 7, count: 10))
    }

    /// The `request_id` of the body is the `X-Request-ID` header, sent once.
    static func expectRequestID(_ response: HTTPClientResponse, sourceLocation: SourceLocation = #_sourceLocation) {
        let object = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any]
        let id = object?["request_id"] as? String
        #expect(id?.count == 32, sourceLocation: sourceLocation)
        #expect(response.headers.filter { $0.0.lowercased() == "x-request-id" }.map(\.1) == [id ?? "-"],
                "\(response.headers)", sourceLocation: sourceLocation)
    }

    /// A link nginx's secure_link accepts for 5 minutes (the formula of nginx/instagate.conf.tmpl).
    static func signedLink(_ path: String) throws -> String {
        let secret = try String(contentsOfFile: "\(TestStack.home)/secure-link.secret", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let expires = Int(Date().timeIntervalSince1970) + 300
        let digest = Data(Insecure.MD5.hash(data: Array("\(expires)\(path) \(secret)".utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "\(TestStack.baseURL)\(path)?md5=\(digest)&expires=\(expires)"
    }

    /// Sends `request` as it is to nginx and reads the answer until nginx closes (5 s at most).
    static func raw(_ request: String) throws -> HTTPClientResponse {
        guard let url = URL(string: TestStack.baseURL), let port = url.port else { throw RawError("no port in the base URL") }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawError("socket") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw RawError("connect to \(port)") }
        let bytes = Array(request.utf8)
        guard bytes.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == bytes.count else {
            throw RawError("send")
        }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            answer += buffer[..<count]
        }
        return try parse(answer)
    }

    static func parse(_ answer: [UInt8]) throws -> HTTPClientResponse {
        let text = String(decoding: answer, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw RawError("no end of headers in: \(text.prefix(300))") }
        let lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else { throw RawError("status line \(lines[0])") }
        let headers = lines.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return HTTPClientResponse(status: status, headers: headers, body: Array(text[split.upperBound...].utf8), url: TestStack.baseURL)
    }

    struct RawError: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
