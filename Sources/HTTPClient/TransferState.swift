/// What curl's callbacks write into during one transfer. Lives for exactly one `curl_easy_perform`.
final class TransferState {
    var status = 0
    var headers: [(String, String)] = []
    var body: [UInt8] = []
    var received = 0
    let limit: Int
    var exceeded = false
    /// When set, body bytes go here instead of `body` (streaming to a file).
    let sink: ((UnsafeRawBufferPointer) -> Bool)?
    var sinkFailed = false
    /// Polled by the progress callback: returning true aborts the transfer.
    let shouldAbort: (() -> Bool)?
    /// Told the status and headers once, before the first body byte; false stops the transfer.
    let onHead: HTTPClient.HeadHandler?
    private var headDelivered = false

    init(limit: Int, sink: ((UnsafeRawBufferPointer) -> Bool)?, shouldAbort: (() -> Bool)?, onHead: HTTPClient.HeadHandler? = nil) {
        self.limit = limit
        self.sink = sink
        self.shouldAbort = shouldAbort
        self.onHead = onHead
    }

    func headerLine(_ line: String) {
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("HTTP/") {
            headers.removeAll() // a new response (after 100 Continue or a redirect)
            let parts = trimmed.split(separator: " ")
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        } else if let colon = trimmed.firstIndex(of: ":") {
            let name = String(trimmed[..<colon])
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.append((name, value))
        }
    }

    /// Takes a chunk of the body; false stops the transfer.
    func bodyChunk(_ chunk: UnsafeRawBufferPointer) -> Bool {
        if !headDelivered {
            headDelivered = true
            if let onHead, !onHead(status, headers) { sinkFailed = true; return false }
        }
        received += chunk.count
        if received > limit {
            exceeded = true
            return false
        }
        if let sink {
            if !sink(chunk) { sinkFailed = true; return false }
        } else {
            body.append(contentsOf: chunk)
        }
        return true
    }
}
