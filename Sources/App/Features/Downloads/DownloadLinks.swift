import DownloadEngine
import Foundation

/// The signed links of a download's files, in the old service's response shape.
struct DownloadLinks: Encodable {
    struct File: Encodable {
        var name: String
        var kind: DownloadedFile.Kind
        var index: Int
        var size: Int64
        var sha256: String
        var contentType: String
        var width: Int?
        var height: Int?
        var url: String
        enum CodingKeys: String, CodingKey {
            case name, kind, index, size, sha256, width, height, url
            case contentType = "content_type"
        }
    }

    var mediaURL: String?
    var mediaURLs: [String]
    var thumbnailURL: String?
    var thumbnailURLs: [String]
    var metadataURL: String
    var expiresAt: Date
    var files: [File]

    enum CodingKeys: String, CodingKey {
        case files
        case mediaURL = "media_url"
        case mediaURLs = "media_urls"
        case thumbnailURL = "thumbnail_url"
        case thumbnailURLs = "thumbnail_urls"
        case metadataURL = "metadata_url"
        case expiresAt = "expires_at"
    }

    /// Every documented field always present: `media_url` and `thumbnail_url` are `null` when there is none (a
    /// photo has no thumbnail), as the earlier service answered.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(files, forKey: .files)
        try container.encode(mediaURL, forKey: .mediaURL)
        try container.encode(mediaURLs, forKey: .mediaURLs)
        try container.encode(thumbnailURL, forKey: .thumbnailURL)
        try container.encode(thumbnailURLs, forKey: .thumbnailURLs)
        try container.encode(metadataURL, forKey: .metadataURL)
        try container.encode(expiresAt, forKey: .expiresAt)
    }

    init(metadata: DownloadMetadata, signer: SecureLinkSigner, base: String, lifetime: Int, now: Date = Date()) {
        let expires = Int(now.timeIntervalSince1970) + lifetime
        let shortcode = metadata.post.shortcode
        func link(_ name: String) -> String { signer.link(base: base, uri: "/downloads/\(shortcode)/\(name)", expires: expires) }
        files = metadata.files.map { file in
            File(name: file.name, kind: file.kind, index: file.index, size: file.size, sha256: file.sha256,
                 contentType: file.contentType, width: file.width, height: file.height, url: link(file.name))
        }
        mediaURLs = files.filter { $0.kind != .thumbnail }.map(\.url)
        thumbnailURLs = files.filter { $0.kind == .thumbnail }.map(\.url)
        mediaURL = mediaURLs.first
        thumbnailURL = thumbnailURLs.first
        metadataURL = link(DownloadMetadata.fileName(shortcode))
        expiresAt = Date(timeIntervalSince1970: Double(expires))
    }
}
