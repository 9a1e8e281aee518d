/// One file of a finished download, as the metadata JSON and the API list it.
public struct DownloadedFile: Sendable, Codable, Equatable {
    /// What the file is.
    public enum Kind: String, Sendable, Codable {
        case photo
        case video
        case thumbnail
    }

    /// The file name in the post's directory.
    public var name: String
    /// Photo, video or video thumbnail.
    public var kind: Kind
    /// 1-based position of the item in the post.
    public var index: Int
    /// Bytes on disk.
    public var size: Int64
    /// Hex SHA-256 of the file.
    public var sha256: String
    /// The ZIP CRC-32 of the file (computed with the SHA-256); nil for files stored before it was kept
    /// (`FileChecksum.crc32(path:)` computes it then).
    public var crc32: UInt32?
    /// The type the CDN sent (`image/jpeg`, `video/mp4`).
    public var contentType: String
    /// Pixel width, when Instagram gave it.
    public var width: Int?
    /// Pixel height, when Instagram gave it.
    public var height: Int?

    /// A file's figures.
    public init(name: String, kind: Kind, index: Int, size: Int64, sha256: String, crc32: UInt32? = nil, contentType: String,
                width: Int? = nil, height: Int? = nil) {
        self.name = name
        self.kind = kind
        self.index = index
        self.size = size
        self.sha256 = sha256
        self.crc32 = crc32
        self.contentType = contentType
        self.width = width
        self.height = height
    }

    enum CodingKeys: String, CodingKey {
        case name, kind, index, size, sha256, crc32, width, height
        case contentType = "content_type"
    }
}
