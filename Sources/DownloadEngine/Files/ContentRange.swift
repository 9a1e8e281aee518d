/// `Content-Range: bytes START-END/TOTAL` (or `bytes */TOTAL` on 416).
struct ContentRange: Equatable {
    var start: Int64?
    var total: Int64?

    init?(_ header: String?) {
        guard let header, header.hasPrefix("bytes ") else { return nil }
        let spec = header.dropFirst(6)
        let parts = spec.split(separator: "/", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        total = Int64(parts[1])
        start = parts[0] == "*" ? nil : parts[0].split(separator: "-").first.flatMap { Int64($0) }
    }
}
