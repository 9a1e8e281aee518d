import Foundation
import Postgres

/// One file an API user uploaded for publishing (`instagram_uploads`).
struct Upload: Sendable, PostgresRecord {
    /// The public id (`upload_id`): random, so one user's id says nothing of another's.
    var token: String
    var userID: Int64
    /// `IMAGE` (a JPEG) or `VIDEO` (an MP4/MOV), read from the file's bytes.
    var mediaType: String
    /// The file's name in its directory (`media.jpg`, `media.mp4`), the last segment of its link.
    var fileName: String
    var size: Int64
    var createdAt: Date
    var expiresAt: Date

    static let columns = "token, user_id, media_type, file_name, size, created_at, expires_at"

    init(row: PostgresRow) throws(PostgresError) {
        token = try row.decode("token")
        userID = try row.decode("user_id")
        mediaType = try row.decode("media_type")
        fileName = try row.decode("file_name")
        size = try row.decode("size")
        createdAt = try row.decode("created_at")
        expiresAt = try row.decode("expires_at")
    }

    /// The link path nginx serves the file at (`/uploads/TOKEN/NAME`), signed by `UploadLinks`.
    var uri: String { "/uploads/\(token)/\(fileName)" }
}
