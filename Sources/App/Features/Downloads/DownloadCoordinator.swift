import DownloadEngine
import Foundation
import Instagram
import Logging
import Postgres

/// Makes concurrent requests for the same post share one download: the post's PostgreSQL advisory lock is
/// held while it is fetched, so a second request (another thread, the worker, another user) waits and then
/// finds the files in storage. The retention cleanup takes the same lock, so it never removes files being written.
struct DownloadCoordinator {
    let db: PostgresConnection
    let settings: DownloadSettings
    let logger: Logger

    /// A finished download and whether it came from storage.
    struct Outcome {
        var metadata: DownloadMetadata
        var fromStorage: Bool
        /// The metadata's JSON when it is at hand already (a staged post's metadata file), nil otherwise.
        var json: Data? = nil
    }

    /// The post's files: from storage unless `refresh` or missing, else downloaded by `download()`.
    /// `authorize` runs before files are answered from storage: it must fail when this caller may not see the
    /// post (a private post another user downloaded), e.g. by fetching the post's metadata with the caller's session.
    /// With `lockTimeout`, a post another request is downloading for longer than that throws `DownloadDeferral(.busy)`.
    func obtain(shortcode: String, item index: Int?, refresh: Bool, lockTimeout: Double? = nil, authorize: () throws -> Void,
                download: () throws -> DownloadMetadata) throws -> Outcome {
        try withLock(shortcode, timeout: lockTimeout) {
            if !refresh, let stored = stored(shortcode: shortcode, item: index) {
                try authorize()
                return Outcome(metadata: stored, fromStorage: true)
            }
            return Outcome(metadata: try download(), fromStorage: false)
        }
    }

    /// Runs `body` holding the post's advisory lock (released on every path; on a lost connection by PostgreSQL).
    /// With `timeout` (seconds), waiting longer for the lock throws `DownloadDeferral(.busy)`.
    func withLock<T>(_ shortcode: String, timeout: Double? = nil, _ body: () throws -> T) throws -> T {
        let locks = DownloadLocks(db: db)
        if let timeout {
            try locks.lock(shortcode, timeout: timeout)
        } else {
            try locks.lock(shortcode)
        }
        defer { locks.unlock(shortcode) }
        return try body()
    }

    /// Runs `body` holding the locks of all `shortcodes` (each taken once, however often it is named), as a
    /// collection does for a batch of posts.
    func withLocks<T>(_ shortcodes: [String], _ body: () throws -> T) throws -> T {
        let locks = DownloadLocks(db: db)
        try locks.lock(all: shortcodes)
        defer { locks.unlock(all: shortcodes) }
        return try body()
    }

    /// The stored download covering `index` (or the whole post), when every file of it is on disk.
    func stored(shortcode: String, item index: Int?) -> DownloadMetadata? {
        DownloadStorage(settings: settings).stored(shortcode: shortcode, item: index)
    }
}
