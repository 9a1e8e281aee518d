import CFastCGI
import Glibc

/// Reading a request out of libfcgi and writing the answer back; the only code touching `FCGX_Request`.
enum FastCGIStreams {
    static func readRequest(_ request: UnsafeMutablePointer<FCGX_Request>, maxBodyBytes: Int) -> FastCGIRequest {
        var params: [String: String] = [:]
        params.reserveCapacity(40)
        var index: Int32 = 0
        while let entry = instagate_fcgx_env(request, index) {
            index += 1
            guard let equals = strchr(entry, 61) else { continue } // "="
            let nameLength = entry.distance(to: UnsafePointer(equals))
            if isUnused(entry, length: nameLength) { continue }
            let name = String(decoding: UnsafeRawBufferPointer(start: entry, count: nameLength), as: UTF8.self)
            params[name] = String(cString: equals + 1)
        }
        let declared = params["CONTENT_LENGTH"].flatMap(Int.init) ?? 0
        if declared > maxBodyBytes {
            return FastCGIRequest(params: params, bodyTooLarge: true)
        }
        guard declared > 0, let input = instagate_fcgx_in(request) else {
            return FastCGIRequest(params: params)
        }
        let body = readBody(from: input, expected: declared, limit: maxBodyBytes)
        return FastCGIRequest(params: params, body: body ?? [], bodyTooLarge: body == nil)
    }

    /// Parameters nginx's `fastcgi_params` always sends that nothing here reads: skipped, since every
    /// parameter kept costs two strings and a hash on every request.
    private static let unused: [[UInt8]] = ["DOCUMENT_ROOT", "DOCUMENT_URI", "SERVER_SOFTWARE", "GATEWAY_INTERFACE",
                                            "REDIRECT_STATUS", "REMOTE_PORT", "SERVER_ADDR", "SERVER_PORT"].map { Array($0.utf8) }

    private static func isUnused(_ name: UnsafePointer<CChar>, length: Int) -> Bool {
        unused.contains { candidate in
            candidate.count == length && memcmp(name, candidate, length) == 0
        }
    }

    /// Reads the body; nil when it turns out larger than `limit`.
    private static func readBody(from stream: UnsafeMutablePointer<FCGX_Stream>, expected: Int, limit: Int) -> [UInt8]? {
        var body = [UInt8](repeating: 0, count: expected)
        var filled = 0
        while filled < expected {
            let got = body.withUnsafeMutableBufferPointer { buffer in
                buffer.baseAddress!.advanced(by: filled).withMemoryRebound(to: CChar.self, capacity: expected - filled) {
                    FCGX_GetStr($0, Int32(expected - filled), stream)
                }
            }
            if got <= 0 { break }
            filled += Int(got)
        }
        body.removeSubrange(filled...)
        return filled <= limit ? body : nil
    }

    static func write(_ bytes: [UInt8], to request: UnsafeMutablePointer<FCGX_Request>) {
        guard let output = instagate_fcgx_out(request) else { return }
        bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                _ = FCGX_PutStr($0, Int32(buffer.count), output)
            }
        }
    }
}
