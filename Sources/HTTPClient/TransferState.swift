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

    /// Takes one header line as curl hands it over (`Name: value\r\n`, or a status line `HTTP/1.1 200 OK\r\n` that
    /// starts a new response: after `100 Continue` or a redirect). Read as bytes: the line is ASCII by the protocol,
    /// and Foundation's trimming of each line was a tenth of the worker's CPU in a 1,000-post profile run (perf).
    func headerLine(_ line: UnsafeRawBufferPointer) {
        var start = 0, end = line.count
        while start < end, Self.isSpace(line[start]) { start += 1 }
        while end > start, Self.isSpace(line[end - 1]) { end -= 1 }
        let trimmed = UnsafeRawBufferPointer(rebasing: line[start..<end])
        if trimmed.starts(with: Self.statusPrefix) {
            headers.removeAll()
            let fields = trimmed.split(separator: 32, omittingEmptySubsequences: true) // " "
            status = fields.count > 1 ? Int(String(decoding: fields[1], as: UTF8.self)) ?? 0 : 0
        } else if let colon = trimmed.firstIndex(of: 58) { // ":"
            var valueStart = colon + 1
            while valueStart < trimmed.count, Self.isSpace(trimmed[valueStart]) { valueStart += 1 }
            headers.append((String(decoding: UnsafeRawBufferPointer(rebasing: trimmed[..<colon]), as: UTF8.self),
                            String(decoding: UnsafeRawBufferPointer(rebasing: trimmed[valueStart...]), as: UTF8.self)))
        }
    }

    private static let statusPrefix = Array("HTTP/".utf8)

    /// Space, tab, CR or LF.
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 32 || byte == 9 || byte == 13 || byte == 10
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
