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
