/// One file of a finished download, as the metadata JSON and the API list it.
public struct DownloadedFile: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case photo
        case video
        case thumbnail
    }

    public var name: String
    public var kind: Kind
    /// 1-based position of the item in the post.
    public var index: Int
    public var size: Int64
    public var sha256: String
    public var contentType: String
    public var width: Int?
    public var height: Int?

    enum CodingKeys: String, CodingKey {
        case name, kind, index, size, sha256, width, height
        case contentType = "content_type"
    }
}
