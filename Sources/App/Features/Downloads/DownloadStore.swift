import DownloadEngine
import Foundation
import Jobs
import Postgres
import Web

/// The `downloads` rows of API users: one per user, shortcode and item (0: the whole post; a carousel item asked
/// for alone has its number), the metadata JSON stored with it.
struct DownloadStore {
    let db: PostgresConnection

    /// A download as the history lists it (the columns of `DownloadStore.columns`).
    struct Record: Sendable, PostgresRecord {
        var shortcode: String
        /// The carousel item asked for alone, nil for the whole post.
        var item: Int?
        var state: String
        var metadata: DownloadMetadata?
        var bytesTotal: Int64?
        var bytesDone: Int64
        var jobID: Int64?
        var errorCode: String?
        var errorMessage: String?
        var createdAt: Date
        var updatedAt: Date
        var completedAt: Date?

        /// Reads the columns of `DownloadStore.columns`; metadata that does not decode is left out.
        init(row: PostgresRow) throws(PostgresError) {
            let metadataText: String? = try row.decodeIfPresent("metadata")
            shortcode = try row.decode("shortcode")
            let number: Int = try row.decode("item")
            item = number == 0 ? nil : number
            state = try row.decode("state")
            metadata = metadataText.flatMap { try? DownloadMetadata.decoder().decode(DownloadMetadata.self, from: Data($0.utf8)) }
            bytesTotal = try row.decodeIfPresent("bytes_total")
            bytesDone = try row.decode("bytes_done")
            jobID = try row.decodeIfPresent("job_id")
            errorCode = try row.decodeIfPresent("error_code")
            errorMessage = try row.decodeIfPresent("error_message")
            createdAt = try row.decode("created_at")
            updatedAt = try row.decode("updated_at")
            completedAt = try row.decodeIfPresent("completed_at")
        }
    }

    static let columns = """
        shortcode, item, state, metadata::text AS metadata, bytes_total, bytes_done, job_id, error_code, error_message,
        created_at, updated_at, completed_at
        """

    /// Records a finished download on the row of what was asked for (the whole post, or one item); its
    /// `created_at` stays that of the first request.
    func complete(userID: Int64, metadata: DownloadMetadata) throws {
        let json = String(decoding: metadata.json(pretty: false), as: UTF8.self)
        let files = String(decoding: JSONCoding.encode(metadata.files), as: UTF8.self)
        let total = metadata.files.reduce(Int64(0)) { $0 + $1.size }
        try db.query("""
            INSERT INTO downloads (user_id, shortcode, item, state, metadata, files, bytes_total, bytes_done, completed_at)
            VALUES (\(userID), \(metadata.post.shortcode), \(metadata.selectedIndex ?? 0), 'completed', \(json)::jsonb,
                    \(files)::jsonb, \(total), \(total), now())
            ON CONFLICT (user_id, shortcode, item) DO UPDATE SET state = 'completed', metadata = EXCLUDED.metadata,
                files = EXCLUDED.files, bytes_total = EXCLUDED.bytes_total, bytes_done = EXCLUDED.bytes_done,
                error_code = NULL, error_message = NULL, completed_at = now(), updated_at = now()
            """)
    }

    /// The statement recording many finished downloads of whole posts (a collection's batch), as `complete` does each:
    /// one plan for the batch instead of one per post, run in the round trip of the job's progress that counts them
    /// (`JobContext.progress(_:along:)`); nil for no rows. A shortcode named twice keeps its last metadata. A row's
    /// `json`, when given, is its metadata already encoded (the metadata file's bytes: not encoded again here); its
    /// `files` column is the metadata's `files`.
    static func completeAllStatement(userID: Int64, rows list: [(metadata: DownloadMetadata, json: Data?)]) -> PostgresQuery? {
        var latest: [String: Int] = [:]
        for (index, row) in list.enumerated() { latest[row.metadata.post.shortcode] = index }
        let chosen = list.indices.filter { latest[list[$0].metadata.post.shortcode] == $0 }.map { list[$0] }
        guard !chosen.isEmpty else { return nil }
        var rows = "["
        for (index, row) in chosen.enumerated() {
            let json = row.json ?? Data(row.metadata.json(pretty: false))
            let total = row.metadata.files.reduce(Int64(0)) { $0 + $1.size }
            if index > 0 { rows += "," }
            rows += #"{"shortcode":"# + String(decoding: JSONCoding.encode(row.metadata.post.shortcode), as: UTF8.self)
                + #","item":\#(row.metadata.selectedIndex ?? 0),"total":\#(total),"metadata":"# + String(decoding: json, as: UTF8.self) + "}"
        }
        rows += "]"
        return """
            INSERT INTO downloads (user_id, shortcode, item, state, metadata, files, bytes_total, bytes_done, completed_at)
            SELECT \(userID), r.shortcode, r.item, 'completed', r.metadata, r.metadata->'files', r.total, r.total, now()
            FROM jsonb_to_recordset(\(rows)::jsonb) AS r(shortcode text, item int, total bigint, metadata jsonb)
            ON CONFLICT (user_id, shortcode, item) DO UPDATE SET state = 'completed', metadata = EXCLUDED.metadata,
                files = EXCLUDED.files, bytes_total = EXCLUDED.bytes_total, bytes_done = EXCLUDED.bytes_done,
                error_code = NULL, error_message = NULL, completed_at = now(), updated_at = now()
            """
    }

    /// One download of this user: of `item` when given, else the whole post's, else the newest of its items; nil
    /// when there is none (another user's is none too).
    func find(userID: Int64, shortcode: String, item: Int? = nil) throws -> Record? {
        try db.queryOne("""
            SELECT \(unsafeSQL: Self.columns) FROM downloads WHERE user_id = \(userID) AND shortcode = \(shortcode)
              AND (\(item.bound)::int IS NULL OR item = \(item.bound))
            ORDER BY item = 0 DESC, updated_at DESC, id DESC LIMIT 1
            """, as: Record.self)
    }

    /// This user's downloads, newest first, `limit` from `offset`, and the total count.
    func list(userID: Int64, limit: Int, offset: Int) throws -> (records: [Record], total: Int) {
        let records = try db.query("""
            SELECT \(unsafeSQL: Self.columns) FROM downloads WHERE user_id = \(userID)
            ORDER BY created_at DESC, id DESC LIMIT \(limit) OFFSET \(offset)
            """, as: Record.self)
        let total: Int = try db.query("SELECT count(*) AS n FROM downloads WHERE user_id = \(userID)").exactlyOne().decode("n")
        return (records, total)
    }

    /// Deletes this user's rows of the post (the whole post and its items); true when there was one.
    func delete(userID: Int64, shortcode: String) throws -> Bool {
        try db.query("DELETE FROM downloads WHERE user_id = \(userID) AND shortcode = \(shortcode)").affectedRows > 0
    }

    /// True when any user still has a row for the shortcode (its files must stay).
    func isReferenced(shortcode: String) throws -> Bool {
        try db.query("SELECT 1 FROM downloads WHERE shortcode = \(shortcode) LIMIT 1").first != nil
    }

    /// Deletes every finished (completed or failed) row not updated for `seconds`; the shortcodes they had.
    func deleteFinished(olderThan seconds: Int) throws -> [String] {
        try db.query("""
            DELETE FROM downloads WHERE updated_at < now() - make_interval(secs => \(Double(seconds)))
            AND state IN ('completed', 'failed') RETURNING shortcode
            """).map { try $0.decode("shortcode", as: String.self) }
    }
}
