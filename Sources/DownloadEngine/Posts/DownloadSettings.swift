import Foundation

/// Settings of the media downloader (issue 6), with their defaults. Read from the environment by `AppConfiguration`
/// (`DownloadSettings+Environment.swift` in `App`).
public struct DownloadSettings: Sendable {
    /// Where finished files live, served by nginx under `/downloads/` (`$INSTAGATE_HOME/downloads`).
    public var directory: String
    /// The nginx `secure_link` secret (`INSTAGATE_SECURE_LINK_SECRET_FILE`, default `$INSTAGATE_HOME/secure-link.secret`).
    public var secureLinkSecretFile: String
    /// Lifetime of a signed link in seconds (`INSTAGATE_DOWNLOAD_LINK_TTL`, default 86,400 = 24 h).
    public var linkLifetime: Int
    /// Downloads older than this many seconds are removed (`INSTAGATE_DOWNLOAD_RETENTION`, default 86,400).
    public var retention: Int
    /// `POST /api/download` calls per API key per UTC day (`INSTAGATE_DOWNLOAD_DAILY_QUOTA`, default 1,000).
    public var dailyQuota: Int
    /// Largest single file accepted, in bytes (`INSTAGATE_DOWNLOAD_MAX_FILE_BYTES`, default 2 GiB).
    public var maxFileBytes: Int64
    /// Minimum seconds between two Instagram API calls made with the same session (`INSTAGATE_SESSION_PACING`, default 1).
    public var sessionPacing: Double
    /// A synchronous request whose videos together are larger than this many bytes (the CDN's `Content-Length`,
    /// asked with `HEAD`) is answered 202 and downloaded by the worker (`INSTAGATE_DOWNLOAD_ASYNC_BYTES`,
    /// default 100 MiB; 0 = never by size).
    public var asyncThresholdBytes: Int64
    /// Seconds a synchronous request may take before it is answered 202 and the worker finishes the download
    /// (`INSTAGATE_DOWNLOAD_SYNC_DEADLINE`, default 20; below nginx's `fastcgi_read_timeout` of 60 s).
    public var syncDeadline: Double

    /// The settings; every value but the two paths has its documented default.
    public init(directory: String, secureLinkSecretFile: String, linkLifetime: Int = 86_400, retention: Int = 86_400,
                dailyQuota: Int = 1_000, maxFileBytes: Int64 = 2 << 30, sessionPacing: Double = 1,
                asyncThresholdBytes: Int64 = 100 << 20, syncDeadline: Double = 20) {
        self.directory = directory
        self.secureLinkSecretFile = secureLinkSecretFile
        self.linkLifetime = linkLifetime
        self.retention = retention
        self.dailyQuota = dailyQuota
        self.maxFileBytes = maxFileBytes
        self.sessionPacing = sessionPacing
        self.asyncThresholdBytes = asyncThresholdBytes
        self.syncDeadline = syncDeadline
    }

    /// The directory of one post's files.
    public func postDirectory(_ shortcode: String) -> String { "\(directory)/\(shortcode)" }
    /// Where a post's files are assembled before they are moved into place (not served by nginx).
    public func partialDirectory(_ shortcode: String) -> String { "\(directory)/.partial/\(shortcode)" }
}
