import Foundation

/// An upload as the API answers it: `upload_id`, a signed `url` valid until `expires_at`, `media_type`, `size`.
struct UploadAnswer: Encodable {
    var success = true
    var uploadID: String
    var url: String
    var expiresAt: Date
    var createdAt: Date
    var mediaType: String
    var size: Int64

    enum CodingKeys: String, CodingKey {
        case success, url, size
        case uploadID = "upload_id"
        case expiresAt = "expires_at"
        case createdAt = "created_at"
        case mediaType = "media_type"
    }

    init(_ upload: Upload, signer: SecureLinkSigner, base: String) {
        uploadID = upload.token
        url = signer.link(base: base, uri: upload.uri, expires: Int(upload.expiresAt.timeIntervalSince1970))
        expiresAt = upload.expiresAt
        createdAt = upload.createdAt
        mediaType = upload.mediaType
        size = upload.size
    }
}
