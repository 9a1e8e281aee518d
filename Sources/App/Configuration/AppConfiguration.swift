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
    /// Lowest level logged (`INSTAGATE_LOG_LEVEL`, default `info`).
    public var logLevel: Logger.Level
    /// `text` or `json` (`INSTAGATE_LOG_FORMAT`).
    public var logFormat: LogFormat
    /// 32-byte key that encrypts secrets at rest (`INSTAGATE_SECRET_KEY_FILE`, default `$HOME/secret.key`).
    public var secretKeyFile: String
    /// Largest request body read (`INSTAGATE_MAX_BODY_BYTES`, default 1 MiB).
    public var maxBodyBytes: Int
    /// Seconds a verified API key is trusted from the process's cache at most (`INSTAGATE_KEY_CACHE_TTL`, default 30;
    /// 0: every request asks PostgreSQL). Revocations reach the cache at once by notice; this is the backstop.
    public var keyCacheTTL: Double
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
    /// Profile, stories and highlight downloads and their watches (see `ProfileSettings`).
    public var profiles: ProfileSettings
    /// The optional single-user mode (`INSTAGATE_OPEN_ACCESS`, default off; see `OpenAccessSettings`).
    public var openAccess: OpenAccessSettings
    /// Saved sessions' lifetime and the account actions' limits, gap and block pause (see `ActionSettings`).
    public var actions: ActionSettings
    /// Connected professional accounts through Meta's Graph API (see `GraphSettings`).
    public var graph: GraphSettings
    /// The publishing job's container timeout and the uploads' lifetimes (see `PublishingSettings`).
    public var publishing: PublishingSettings

    public enum LogFormat: String, Sendable { case text, json }

    /// Settings that were given but could not be used, one line each naming the variable; the executables
    /// print them and stop at start (exit status 78) rather than run with a value that was not asked for.
    public var problems: [String]

    /// Reads the configuration from `INSTAGATE_*` environment variables (`ProcessEnvironment.configuration`
    /// in the executables). Unset or empty variables take the defaults written here (or, for a component's
    /// settings, in the component's own `init`); a value that cannot be used adds a line to `problems`.
    public init(environment: [String: String], currentDirectory: String = FileManager.default.currentDirectoryPath) {
        func absolute(_ path: String) -> String {
            path.hasPrefix("/") ? path : (currentDirectory as NSString).appendingPathComponent(path)
        }
        var env = EnvironmentReader(environment)
        home = absolute(env.string("INSTAGATE_HOME") ?? "var")
        databaseURL = env.string("INSTAGATE_DATABASE_URL") ?? "postgresql://instagate@/instagate?host=\(home)/run"
        listen = env.value("INSTAGATE_LISTEN", default: nil, expected: "unix:/path or host:port") {
            FastCGIListenAddress(parsing: $0).map { .some($0) }
        }
        threads = env.integer("INSTAGATE_THREADS", default: 2 * ProcessInfo.processInfo.activeProcessorCount, in: 1...1024)
        logLevel = env.value("INSTAGATE_LOG_LEVEL", default: .info,
                             expected: "one of trace, debug, info, notice, warning, error, critical") {
            Logger.Level(rawValue: $0.lowercased())
        }
        logFormat = env.value("INSTAGATE_LOG_FORMAT", default: .text, expected: "text or json") { LogFormat(rawValue: $0.lowercased()) }
        secretKeyFile = absolute(env.string("INSTAGATE_SECRET_KEY_FILE") ?? "\(home)/secret.key")
        let responder = FastCGIConfiguration(address: .inherited(fd: 0), threads: 1) // its defaults
        maxBodyBytes = env.integer("INSTAGATE_MAX_BODY_BYTES", default: responder.maxBodyBytes, in: 1...Int.max)
        keyCacheTTL = env.number("INSTAGATE_KEY_CACHE_TTL", default: 30, in: 0...3600)
        shutdownTimeout = env.number("INSTAGATE_SHUTDOWN_TIMEOUT", default: responder.shutdownTimeout, in: 0...86_400)
        let port = env.string("INSTAGATE_HTTP_PORT") ?? "8080"
        publicURL = (env.string("INSTAGATE_PUBLIC_URL") ?? "http://127.0.0.1:\(port)").trimmingSuffix("/")
        sqlDirectory = absolute(env.string("INSTAGATE_SQL_DIR") ?? "sql")
        instagramWebURL = (env.string("INSTAGATE_INSTAGRAM_WEB_URL") ?? "https://www.instagram.com").trimmingSuffix("/")
        instagramAPIURL = (env.string("INSTAGATE_INSTAGRAM_API_URL") ?? "https://i.instagram.com").trimmingSuffix("/")
        instagramCDNHosts = HostAllowList(parsing: env.string("INSTAGATE_INSTAGRAM_CDN_HOSTS") ?? "*.cdninstagram.com,*.fbcdn.net")
        downloads = DownloadSettings(reading: &env, home: home, absolute: absolute)
        jobs = JobsSettings(reading: &env)
        upstream = UpstreamSettings(reading: &env, responderThreads: threads)
        profiles = ProfileSettings(reading: &env)
        openAccess = OpenAccessSettings(reading: &env, home: home)
        actions = ActionSettings(reading: &env)
        graph = GraphSettings(reading: &env, publicURL: publicURL, home: home, absolute: absolute)
        publishing = PublishingSettings(reading: &env)
        problems = env.problems
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while text.hasSuffix(suffix) && text.count > suffix.count { text.removeLast(suffix.count) }
        return text
    }
}
