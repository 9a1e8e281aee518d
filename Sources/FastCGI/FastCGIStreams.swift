import CFastCGI
import Glibc

/// Reading a request out of libfcgi and writing the answer back; the only code touching `FCGX_Request`.
enum FastCGIStreams {
    static func readRequest(_ request: UnsafeMutablePointer<FCGX_Request>, maxBodyBytes: Int) -> FastCGIRequest {
        let params = readParams(request)
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

    /// Copies the request's `NAME=VALUE` entries into one block: the first pass sizes it, the second
    /// copies each kept entry with `memcpy` (this runs on every request).
    private static func readParams(_ request: UnsafeMutablePointer<FCGX_Request>) -> FastCGIParams {
        var total = 0, index: Int32 = 0
        while let entry = instagate_fcgx_env(request, index) {
            total += strlen(entry)
            index += 1
        }
        var entries: [FastCGIParams.Entry] = []
        entries.reserveCapacity(Int(index))
        let bytes = [UInt8](unsafeUninitializedCapacity: max(total, 1)) { buffer, initialized in
            var at = 0
            for position in 0..<index {
                guard let entry = instagate_fcgx_env(request, position), let equals = strchr(entry, 61) else { continue } // "="
                let nameCount = entry.distance(to: UnsafePointer(equals))
                if isUnused(entry, length: nameCount) { continue }
                let valueCount = strlen(equals + 1)
                memcpy(buffer.baseAddress! + at, entry, nameCount)
                memcpy(buffer.baseAddress! + at + nameCount, equals + 1, valueCount)
                entries.append(FastCGIParams.Entry(nameStart: Int32(truncatingIfNeeded: at), nameCount: Int32(truncatingIfNeeded: nameCount),
                                                   valueStart: Int32(truncatingIfNeeded: at + nameCount),
                                                   valueCount: Int32(truncatingIfNeeded: valueCount)))
                at += nameCount + valueCount
            }
            initialized = at
        }
        return FastCGIParams(bytes: bytes, entries: entries)
    }

    /// Parameters nginx's `fastcgi_params` always sends that nothing here reads: skipped, since every
    /// parameter kept is copied on every request. Compared by length first, then bytes.
    private static func isUnused(_ name: UnsafePointer<CChar>, length: Int) -> Bool {
        func equals(_ candidate: StaticString) -> Bool { FastCGIParams.name(name, is: candidate) }
        switch length {
        case 11: return equals("REMOTE_PORT") || equals("SERVER_ADDR") || equals("SERVER_PORT")
        case 12: return equals("DOCUMENT_URI")
        case 13: return equals("DOCUMENT_ROOT")
        case 15: return equals("SERVER_SOFTWARE") || equals("REDIRECT_STATUS")
        case 17: return equals("GATEWAY_INTERFACE")
        default: return false
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
