/// A media container (`POST /{ig-user-id}/media`): the fetched image, its caption, and what became of it.
struct GraphContainer: Sendable {
    var id: String
    /// The IG user (username) it belongs to.
    var username: String
    var caption: String?
    /// The stored JPEG under `--files-dir` (`published/<id>.jpg`).
    var fileName: String
    var width: Int
    var height: Int
    /// Graph time it was made; it expires 24 h later and is `IN_PROGRESS` for the limits' processing seconds.
    var createdAt: Double
    /// The IG media id once published (a container is published once only).
    var mediaID: String?

    static let lifetime = 86_400.0

    /// `status_code` at Graph time `now`.
    func statusCode(now: Double, processing: Double) -> String {
        if mediaID != nil { return "PUBLISHED" }
        if now >= createdAt + GraphContainer.lifetime { return "EXPIRED" }
        return now < createdAt + processing ? "IN_PROGRESS" : "FINISHED"
    }

    /// The `status` text of a `status_code` (graph-api.md §3.4).
    static func statusText(_ code: String) -> String {
        switch code {
        case "IN_PROGRESS": return "In Progress: Media is still being processed."
        case "FINISHED": return "Finished: Media has been uploaded and it is ready to be published."
        case "PUBLISHED": return "Published: Media has been published."
        default: return "Expired: Media was not published within 24 hours."
        }
    }
}

/// What the sandbox reads from an image's own bytes: JPEG or not, and its size from the SOF marker.
struct JPEGInfo: Equatable {
    var width: Int
    var height: Int

    /// The dimensions of a baseline or progressive JPEG; nil when the bytes are not a JPEG (no SOI, no SOF).
    static func read(_ bytes: [UInt8]) -> JPEGInfo? {
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var index = 2
        while index + 9 < bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            if marker == 0xFF { index += 1; continue }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { index += 2; continue }
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            if (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC {
                let height = Int(bytes[index + 5]) << 8 | Int(bytes[index + 6])
                let width = Int(bytes[index + 7]) << 8 | Int(bytes[index + 8])
                return width > 0 && height > 0 ? JPEGInfo(width: width, height: height) : nil
            }
            if marker == 0xDA || length < 2 { return nil }
            index += 2 + length
        }
        return nil
    }
}
