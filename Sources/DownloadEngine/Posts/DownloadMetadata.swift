import Foundation
import Instagram
import Web

/// The metadata JSON of a download (`{shortcode}_metadata.json`, also stored in PostgreSQL and returned by the
/// API): every field of the post (`InstagramPost`) plus the files with their sizes and SHA-256.
public struct DownloadMetadata: Sendable, Codable, Equatable {
    /// The post as Instagram described it.
    public var post: InstagramPost
    /// The files written, in the plan's order.
    public var files: [DownloadedFile]
    /// When the files were fetched.
    public var downloadedAt: Date
    /// The carousel item the request selected (`img_index`), nil for the whole post.
    public var selectedIndex: Int?

    /// A download's metadata.
    public init(post: InstagramPost, files: [DownloadedFile], downloadedAt: Date, selectedIndex: Int? = nil) {
        self.post = post
        self.files = files
        self.downloadedAt = downloadedAt
        self.selectedIndex = selectedIndex
    }

    enum CodingKeys: String, CodingKey {
        case files
        case downloadedAt = "downloaded_at"
        case selectedIndex = "selected_index"
    }

    /// Reads the post's fields and the download's from one JSON object.
    public init(from decoder: Decoder) throws {
        post = try InstagramPost(from: decoder)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        files = try container.decode([DownloadedFile].self, forKey: .files)
        downloadedAt = try container.decode(Date.self, forKey: .downloadedAt)
        selectedIndex = try container.decodeIfPresent(Int.self, forKey: .selectedIndex)
    }

    /// Writes the post's fields and the download's into one JSON object.
    public func encode(to encoder: Encoder) throws {
        try post.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(files, forKey: .files)
        try container.encode(downloadedAt, forKey: .downloadedAt)
        try container.encode(selectedIndex, forKey: .selectedIndex)
    }

    /// The metadata file's JSON: the API's settings (`JSONCoding`: UTF-8 as is, ISO 8601 dates), indented.
    public static func encoder(pretty: Bool = true) -> JSONEncoder { JSONCoding.encoder(pretty: pretty) }

    /// The decoder matching `encoder`.
    public static func decoder() -> JSONDecoder { JSONCoding.decoder() }

    /// The metadata file's name.
    public static func fileName(_ shortcode: String) -> String { "\(shortcode)_metadata.json" }

    /// Reads a finished download's metadata file; nil when there is none (or it is unreadable).
    public static func load(directory: String, shortcode: String) -> DownloadMetadata? {
        guard let data = FileManager.default.contents(atPath: "\(directory)/\(fileName(shortcode))") else { return nil }
        return try? decoder().decode(DownloadMetadata.self, from: data)
    }
}
