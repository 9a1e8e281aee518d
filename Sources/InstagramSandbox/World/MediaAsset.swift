/// A file the CDN serves: a fixture from the world's media directory or a large file generated on demand.
public struct MediaAsset: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// A file in the world's `media/` directory.
        case fixture(String)
        /// A deterministic file generated into `--files-dir` on first use.
        case generated(GeneratedFile)
        /// A file published through the Graph API, stored under `--files-dir` (its path there).
        case stored(String)
    }

    public var source: Source
    /// The CDN path (`/v/t51.2885-15/..._n.jpg`, `/o1/v/t16/f2/m86/AQ....mp4`).
    public var cdnPath: String
    public var isVideo: Bool
    /// `t51.2885-19` profile pictures are signed like the rest.
    public var isProfilePicture: Bool

    /// The file's name for logs and the world JSON.
    public var fileName: String {
        switch source {
        case .fixture(let name): return name
        case .generated(let file): return file.name
        case .stored(let name): return name
        }
    }

    public var contentType: String { isVideo ? "video/mp4" : "image/jpeg" }
}

/// A large deterministic file: an MP4 header followed by seeded pseudo-random bytes.
public struct GeneratedFile: Sendable, Equatable, Codable {
    public var name: String
    public var bytes: Int
    public var seed: UInt64
}
