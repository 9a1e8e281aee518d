/// One rendition Instagram offers (an `image_versions2` candidate, a `video_versions` entry, a
/// `display_resources` entry). The best is the largest by pixels, then by bitrate, then the first listed.
public struct MediaCandidate: Sendable, Equatable {
    public var url: String
    public var width: Int
    public var height: Int
    public var bitrate: Int64?

    public init(url: String, width: Int, height: Int, bitrate: Int64? = nil) {
        self.url = url
        self.width = width
        self.height = height
        self.bitrate = bitrate
    }

    /// The best of a list; nil when it is empty.
    public static func best(_ candidates: [MediaCandidate]) -> MediaCandidate? {
        var best: MediaCandidate?
        for candidate in candidates {
            guard let current = best else { best = candidate; continue }
            let pixels = candidate.width * candidate.height, currentPixels = current.width * current.height
            if pixels > currentPixels || (pixels == currentPixels && (candidate.bitrate ?? 0) > (current.bitrate ?? 0)) {
                best = candidate
            }
        }
        return best
    }

    /// Candidates from v1 `[{url,width,height}]` or Graph `[{src,config_width,config_height}]` entries.
    static func list(_ entries: JSONTree) -> [MediaCandidate] {
        entries.array.compactMap { entry in
            guard let url = entry.first(["url"], ["src"]).string, !url.isEmpty else { return nil }
            let width = entry.first(["width"], ["config_width"]).int ?? 0
            let height = entry.first(["height"], ["config_height"]).int ?? 0
            return MediaCandidate(url: url, width: Int(width), height: Int(height),
                                  bitrate: entry.first(["bitrate"], ["bandwidth"]).int)
        }
    }
}
