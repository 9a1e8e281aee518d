import FastCGI
import Foundation
import HTTPClient
import Logging

/// Everything instagate is configured with. Built by the executable from its environment
/// (`INSTAGATE_*` variables, see the README's table); defaults live here.
public struct AppConfiguration: Sendable {
    /// Data directory (`INSTAGATE_HOME`, default `./var`).
    public var home: String
    /// libpq connection string (`INSTAGATE_DATABASE_URL`, default `postgresql://instagate@/instagate?host=$HOME/run`:
    /// role and database `instagate` on the unix socket of the cluster deploy/up makes in the home).
    public var databaseURL: String
    /// Where the responder listens (`INSTAGATE_LISTEN`); nil means an inherited socket or CGI.
    public var listen: FastCGIListenAddress?
    /// Worker threads (`INSTAGATE_THREADS`, default 2 × cores).
    public var threads: Int
    public var logLevel: Logger.Level
    /// `text` or `json` (`INSTAGATE_LOG_FORMAT`).
    public var logFormat: LogFormat
    /// 32-byte key that encrypts secrets at rest (`INSTAGATE_SECRET_KEY_FILE`, default `$HOME/secret.key`).
    public var secretKeyFile: String
    /// Largest request body read (`INSTAGATE_MAX_BODY_BYTES`, default 1 MiB).
    public var maxBodyBytes: Int
    /// Seconds a graceful stop waits for requests in flight (`INSTAGATE_SHUTDOWN_TIMEOUT`, default 10).
    public var shutdownTimeout: Double
    /// The URL clients reach instagate at, for links (`INSTAGATE_PUBLIC_URL`).
    public var publicURL: String
    /// Directory of numbered migrations (`INSTAGATE_SQL_DIR`, default `./sql`).
    public var sqlDirectory: String
    /// Instagram's web base URL (`INSTAGATE_INSTAGRAM_WEB_URL`, default `https://www.instagram.com`).
    public var instagramWebURL: String
    /// Instagram's mobile API base URL (`INSTAGATE_INSTAGRAM_API_URL`, default `https://i.instagram.com`).
    public var instagramAPIURL: String
    /// CDN hosts media may be fetched from (`INSTAGATE_INSTAGRAM_CDN_HOSTS`).
    public var instagramCDNHosts: HostAllowList
    /// The media downloader (issue 6): files, signed links, retention, quota (see `DownloadSettings`).
    public var downloads: DownloadSettings
    /// The job queue, the worker and the follower analysis (see `JobsSettings`).
    public var jobs: JobsSettings
    /// The share of responder threads and the deadline of calls to Instagram a client waits on.
    public var upstream: UpstreamSettings

    public enum LogFormat: String, Sendable { case text, json }

    /// Reads the configuration from environment variables; unknown values fall back to defaults with
    /// a message in `problems`.
    public init(environment env: [String: String], currentDirectory: String = FileManager.default.currentDirectoryPath) {
        func absolute(_ path: String) -> String {
            path.hasPrefix("/") ? path : (currentDirectory as NSString).appendingPathComponent(path)
        }
        home = absolute(env["INSTAGATE_HOME"].nonEmpty ?? "var")
        databaseURL = env["INSTAGATE_DATABASE_URL"].nonEmpty ?? "postgresql://instagate@/instagate?host=\(home)/run"
        listen = env["INSTAGATE_LISTEN"].nonEmpty.flatMap(FastCGIListenAddress.init(parsing:))
        threads = env["INSTAGATE_THREADS"].flatMap(Int.init).filter { $0 > 0 && $0 <= 1024 }
            ?? 2 * ProcessInfo.processInfo.activeProcessorCount
        logLevel = env["INSTAGATE_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
        logFormat = env["INSTAGATE_LOG_FORMAT"].flatMap { LogFormat(rawValue: $0.lowercased()) } ?? .text
        secretKeyFile = absolute(env["INSTAGATE_SECRET_KEY_FILE"].nonEmpty ?? "\(home)/secret.key")
        maxBodyBytes = env["INSTAGATE_MAX_BODY_BYTES"].flatMap(Int.init).filter { $0 > 0 } ?? 1 << 20
        shutdownTimeout = env["INSTAGATE_SHUTDOWN_TIMEOUT"].flatMap(Double.init).filter { $0 >= 0 } ?? 10
        let port = env["INSTAGATE_HTTP_PORT"].nonEmpty ?? "8080"
        publicURL = (env["INSTAGATE_PUBLIC_URL"].nonEmpty ?? "http://127.0.0.1:\(port)").trimmingSuffix("/")
        sqlDirectory = absolute(env["INSTAGATE_SQL_DIR"].nonEmpty ?? "sql")
        instagramWebURL = (env["INSTAGATE_INSTAGRAM_WEB_URL"].nonEmpty ?? "https://www.instagram.com").trimmingSuffix("/")
        instagramAPIURL = (env["INSTAGATE_INSTAGRAM_API_URL"].nonEmpty ?? "https://i.instagram.com").trimmingSuffix("/")
        instagramCDNHosts = HostAllowList(parsing: env["INSTAGATE_INSTAGRAM_CDN_HOSTS"].nonEmpty
            ?? "*.cdninstagram.com,*.fbcdn.net")
        downloads = DownloadSettings(environment: env, home: home, absolute: absolute)
        jobs = JobsSettings(environment: env)
        upstream = UpstreamSettings(environment: env, responderThreads: threads)
        problems = AppConfiguration.check(env) + JobsSettings.check(env)
    }

    /// Settings that were given but could not be used (reported at start-up).
    public var problems: [String]

    private static func check(_ env: [String: String]) -> [String] {
        var problems: [String] = []
        if let value = env["INSTAGATE_LISTEN"].nonEmpty, FastCGIListenAddress(parsing: value) == nil {
            problems.append("INSTAGATE_LISTEN=\(value) is neither unix:/path nor host:port")
        }
        if let value = env["INSTAGATE_THREADS"].nonEmpty, Int(value).map({ $0 > 0 && $0 <= 1024 }) != true {
            problems.append("INSTAGATE_THREADS=\(value) is not a number of threads between 1 and 1024")
        }
        if let value = env["INSTAGATE_LOG_LEVEL"].nonEmpty, Logger.Level(rawValue: value.lowercased()) == nil {
            problems.append("INSTAGATE_LOG_LEVEL=\(value) is not one of trace, debug, info, notice, warning, error, critical")
        }
        if let value = env["INSTAGATE_LOG_FORMAT"].nonEmpty, LogFormat(rawValue: value.lowercased()) == nil {
            problems.append("INSTAGATE_LOG_FORMAT=\(value) is not text or json")
        }
        return problems
    }
}

extension Optional where Wrapped == String {
    var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while text.hasSuffix(suffix) && text.count > suffix.count { text.removeLast(suffix.count) }
        return text
    }
}

extension Optional {
    /// The value if it satisfies `condition`, else nil.
    func filter(_ condition: (Wrapped) -> Bool) -> Wrapped? {
        guard let value = self, condition(value) else { return nil }
        return value
    }
}
