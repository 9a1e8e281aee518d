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
    /// The type the CDN sent (`image/jpeg`, `video/mp4`).
    public var contentType: String
    /// Pixel width, when Instagram gave it.
    public var width: Int?
    /// Pixel height, when Instagram gave it.
    public var height: Int?

    enum CodingKeys: String, CodingKey {
        case name, kind, index, size, sha256, width, height
        case contentType = "content_type"
    }
}
