import FastCGI
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
