import FastCGI
import Jobs
import Web
import Testing
@testable import App

@Suite struct AppConfigurationTests {
    @Test func defaults() {
        let configuration = AppConfiguration(environment: [:], currentDirectory: "/srv/instagate")
        #expect(configuration.home == "/srv/instagate/var")
        #expect(configuration.databaseURL == "postgresql://instagate@/instagate?host=/srv/instagate/var/run")
        #expect(configuration.listen == nil)
        #expect(configuration.threads >= 2)
        #expect(configuration.logLevel == .info)
        #expect(configuration.logFormat == .text)
        #expect(configuration.secretKeyFile == "/srv/instagate/var/secret.key")
        #expect(configuration.maxBodyBytes == 1 << 20)
        #expect(configuration.publicURL == "http://127.0.0.1:8080")
        #expect(configuration.instagramWebURL == "https://www.instagram.com")
        #expect(configuration.problems.isEmpty)
    }

    @Test func readsEveryVariable() {
        let configuration = AppConfiguration(environment: [
            "INSTAGATE_HOME": "/data", "INSTAGATE_DATABASE_URL": "postgresql://db/x", "INSTAGATE_LISTEN": "unix:/run/i.sock",
            "INSTAGATE_THREADS": "7", "INSTAGATE_LOG_LEVEL": "DEBUG", "INSTAGATE_LOG_FORMAT": "json",
            "INSTAGATE_MAX_BODY_BYTES": "4096", "INSTAGATE_PUBLIC_URL": "https://ig.example/",
            "INSTAGATE_INSTAGRAM_WEB_URL": "http://127.0.0.1:8081/", "INSTAGATE_INSTAGRAM_CDN_HOSTS": "127.0.0.1:8081, *.cdn.test",
        ], currentDirectory: "/")
        #expect(configuration.home == "/data")
        #expect(configuration.databaseURL == "postgresql://db/x")
        #expect(configuration.listen == .unix(path: "/run/i.sock"))
        #expect(configuration.threads == 7)
        #expect(configuration.logLevel == .debug)
        #expect(configuration.logFormat == .json)
        #expect(configuration.maxBodyBytes == 4096)
        #expect(configuration.publicURL == "https://ig.example")
        #expect(configuration.instagramWebURL == "http://127.0.0.1:8081")
        #expect(configuration.instagramCDNHosts.allows("http://127.0.0.1:8081/v/x.jpg"))
        #expect(configuration.instagramCDNHosts.allows("https://scontent.cdn.test/x"))
        #expect(!configuration.instagramCDNHosts.allows("https://evil.test/x"))
    }

    @Test func reportsBadValues() {
        let configuration = AppConfiguration(environment: [
            "INSTAGATE_LISTEN": "nowhere", "INSTAGATE_THREADS": "0", "INSTAGATE_LOG_LEVEL": "loud", "INSTAGATE_LOG_FORMAT": "xml",
        ])
        #expect(configuration.problems.count == 4)
    }

    /// Every setting that is given but unusable is one problem naming its variable; the value falls back to the default.
    @Test(arguments: [
        ("INSTAGATE_LISTEN", "nowhere"), ("INSTAGATE_THREADS", "1025"), ("INSTAGATE_LOG_LEVEL", "loud"),
        ("INSTAGATE_LOG_FORMAT", "xml"), ("INSTAGATE_MAX_BODY_BYTES", "0"), ("INSTAGATE_SHUTDOWN_TIMEOUT", "-1"),
        ("INSTAGATE_DOWNLOAD_LINK_TTL", "a day"), ("INSTAGATE_DOWNLOAD_RETENTION", "0"), ("INSTAGATE_DOWNLOAD_DAILY_QUOTA", "-5"),
        ("INSTAGATE_DOWNLOAD_MAX_FILE_BYTES", "2G"), ("INSTAGATE_SESSION_PACING", "nan"), ("INSTAGATE_DOWNLOAD_ASYNC_BYTES", "-1"),
        ("INSTAGATE_DOWNLOAD_SYNC_DEADLINE", "0"), ("INSTAGATE_WORKER_CONCURRENCY", "4.5"), ("INSTAGATE_JOB_LEASE_SECONDS", "1"),
        ("INSTAGATE_JOB_RETENTION_SECONDS", "inf"), ("INSTAGATE_ANALYSIS_MAX_RUNNING", "0"), ("INSTAGATE_ANALYSIS_PER_USER", "x"),
        ("INSTAGATE_ANALYSIS_PAGE_DELAY", "-2"), ("INSTAGATE_JOB_RETRY_DELAY", "0"),
    ])
    func namesTheVariableOfABadValue(name: String, value: String) {
        let configuration = AppConfiguration(environment: [name: value], currentDirectory: "/")
        #expect(configuration.problems.count == 1)
        #expect(configuration.problems.first?.hasPrefix("\(name)=\(value) is not ") == true)
        let defaults = AppConfiguration(environment: [:], currentDirectory: "/")
        #expect(configuration.jobs == defaults.jobs)
        #expect(configuration.maxBodyBytes == defaults.maxBodyBytes && configuration.logLevel == defaults.logLevel)
        #expect(configuration.downloads.linkLifetime == defaults.downloads.linkLifetime)
        #expect(configuration.downloads.syncDeadline == defaults.downloads.syncDeadline)
    }

    /// An empty variable is an unset one: the default, no problem.
    @Test func emptyMeansUnset() {
        let configuration = AppConfiguration(environment: [
            "INSTAGATE_HOME": "", "INSTAGATE_THREADS": "", "INSTAGATE_LISTEN": "", "INSTAGATE_JOB_LEASE_SECONDS": "",
        ], currentDirectory: "/srv")
        #expect(configuration.problems.isEmpty)
        #expect(configuration.home == "/srv/var")
        #expect(configuration.listen == nil)
    }

    /// A component's defaults are written once, in its own `init`: the configuration takes them from there.
    @Test func componentDefaultsComeFromTheComponents() {
        let configuration = AppConfiguration(environment: [:], currentDirectory: "/")
        let worker = WorkerConfiguration(workerID: "test")
        #expect(configuration.jobs.workerConcurrency == worker.concurrency)
        #expect(configuration.jobs.leaseSeconds == worker.leaseSeconds)
        #expect(configuration.jobs.retentionSeconds == worker.retentionSeconds)
        #expect(configuration.jobs.retryDelay == RetryPolicy().baseDelay)
        let responder = FastCGIConfiguration(address: .inherited(fd: 0), threads: 1)
        #expect(configuration.maxBodyBytes == responder.maxBodyBytes)
        #expect(configuration.shutdownTimeout == responder.shutdownTimeout)
        let downloads = DownloadSettings(directory: "/var/downloads", secureLinkSecretFile: "/var/secure-link.secret")
        #expect(configuration.downloads.linkLifetime == downloads.linkLifetime)
        #expect(configuration.downloads.dailyQuota == downloads.dailyQuota)
        #expect(configuration.downloads.maxFileBytes == downloads.maxFileBytes)
        #expect(configuration.downloads.asyncThresholdBytes == downloads.asyncThresholdBytes)
        #expect(configuration.downloads.syncDeadline == downloads.syncDeadline)
        #expect(configuration.downloads.secureLinkSecretFile == downloads.secureLinkSecretFile)
    }

    @Test func readsTheWorkerAndDownloadVariables() {
        let configuration = AppConfiguration(environment: [
            "INSTAGATE_WORKER_CONCURRENCY": "8", "INSTAGATE_JOB_LEASE_SECONDS": "6", "INSTAGATE_JOB_RETRY_DELAY": "0.2",
            "INSTAGATE_ANALYSIS_PAGE_DELAY": "0", "INSTAGATE_DOWNLOAD_ASYNC_BYTES": "16777216", "INSTAGATE_SESSION_PACING": "0",
            "INSTAGATE_SHUTDOWN_TIMEOUT": "2.5",
        ], currentDirectory: "/")
        #expect(configuration.problems.isEmpty)
        #expect(configuration.jobs.workerConcurrency == 8)
        #expect(configuration.jobs.leaseSeconds == 6)
        #expect(configuration.jobs.retryDelay == 0.2)
        #expect(configuration.jobs.analysisPageDelay == 0)
        #expect(configuration.downloads.asyncThresholdBytes == 16 << 20)
        #expect(configuration.downloads.sessionPacing == 0)
        #expect(configuration.shutdownTimeout == 2.5)
    }
}

@Suite struct HealthJSONTests {
    /// The hand-written /health body is exactly what the JSON encoder makes of the same value.
    @Test func handWrittenJSONMatchesTheEncoder() {
        for up in [true, false] {
            let health = HealthHandler.Health(status: up ? "ok" : "degraded", version: InstagateVersion.current,
                                              database: up ? "ok" : "unavailable", uptimeSeconds: 12345, threads: 8)
            #expect(String(decoding: health.json, as: UTF8.self) == String(decoding: JSONCoding.encode(health), as: UTF8.self))
        }
    }
}
