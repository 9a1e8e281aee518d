import DownloadEngine
import Foundation
import Postgres
import Web

extension ProfileStore {
    /// A profile this API user downloaded, as its archive needs it.
    struct ArchivedProfile: PostgresRecord {
        var pk: String
        var username: String
        var pictureCode: String?

        init(row: PostgresRow) throws(PostgresError) {
            pk = try row.decode("profile_pk")
            username = try row.decode("username")
            pictureCode = try row.decodeIfPresent("picture_code")
        }
    }

    /// A completed download of the profile's (a post, a story, the picture) with its metadata.
    struct ArchivedDownload: PostgresRecord {
        var shortcode: String
        var item: Int
        var metadata: DownloadMetadata

        init(row: PostgresRow) throws(PostgresError) {
            shortcode = try row.decode("shortcode")
            item = try row.decode("item")
            let text: String = try row.decode("metadata")
            guard let metadata = try? DownloadMetadata.decoder().decode(DownloadMetadata.self, from: Data(text.utf8)) else {
                throw PostgresError(.dataException, "unreadable metadata of \(shortcode)")
            }
            self.metadata = metadata
        }
    }

    /// This user's downloaded profile of that username (current or as last seen; any case), nil for none.
    func archivedProfile(userID: Int64, username: String) throws -> ArchivedProfile? {
        try db.queryOne("""
            SELECT profile_pk, username, picture_code FROM profile_downloads
            WHERE user_id = \(userID) AND lower(username) = lower(\(username))
            ORDER BY updated_at DESC LIMIT 1
            """, as: ArchivedProfile.self)
    }

    /// This user's completed downloads of the profile's posts and stories (by the owner's id) and of its picture,
    /// oldest post first.
    func archivedDownloads(userID: Int64, profile: ArchivedProfile) throws -> [ArchivedDownload] {
        try db.query("""
            SELECT shortcode, item, metadata::text AS metadata FROM downloads
            WHERE user_id = \(userID) AND state = 'completed' AND metadata IS NOT NULL
              AND (metadata->'author'->>'id' = \(profile.pk) OR shortcode = \(profile.pictureCode.bound))
            ORDER BY shortcode = \(profile.pictureCode.bound) DESC, metadata->>'taken_at', shortcode, item
            """, as: ArchivedDownload.self)
    }

    /// Keeps the CRC-32s computed for files stored before downloads kept them (the row's metadata and files).
    func saveChecksums(userID: Int64, download: ArchivedDownload) throws {
        let json = String(decoding: download.metadata.json(pretty: false), as: UTF8.self)
        let files = String(decoding: JSONCoding.encode(download.metadata.files), as: UTF8.self)
        try db.query("""
            UPDATE downloads SET metadata = \(json)::jsonb, files = \(files)::jsonb
            WHERE user_id = \(userID) AND shortcode = \(download.shortcode) AND item = \(download.item)
            """)
    }
}
