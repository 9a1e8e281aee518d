import Foundation
import HTTPClient
import Testing
@testable import App

@Suite struct LoopbackAddressTests {
    @Test func loopbackOnly() {
        #expect(LoopbackAddress(parsing: "127.0.0.1:9464") == LoopbackAddress(parsing: "localhost:9464"))
        #expect(LoopbackAddress(parsing: "127.0.0.1:9464")?.description == "127.0.0.1:9464")
        #expect(LoopbackAddress(parsing: "127.0.0.5:1")?.host == "127.0.0.5")
        #expect(LoopbackAddress(parsing: "[::1]:9464")?.description == "[::1]:9464")
        #expect(LoopbackAddress(parsing: "[::1]:9464")?.isIPv6 == true)
        #expect(LoopbackAddress(parsing: "127.0.0.1:0")?.port == 0)
        for refused in ["0.0.0.0:9464", "192.168.1.2:9464", "[::]:9464", "example.com:80", "127.0.0.1", "127.0.0.1:70000",
                        ":9464", "[::1]9464", "unix:/tmp/x.sock", "128.0.0.1:1"] {
            #expect(LoopbackAddress(parsing: refused) == nil, "\(refused)")
        }
    }

    @Test func theSettingIsValidated() {
        let good = AppConfiguration(environment: ["INSTAGATE_WORKER_METRICS_LISTEN": "127.0.0.1:9464"], currentDirectory: "/")
        #expect(good.jobs.metricsListen == LoopbackAddress(parsing: "127.0.0.1:9464"))
        #expect(good.problems.isEmpty)
        #expect(AppConfiguration(environment: [:], currentDirectory: "/").jobs.metricsListen == nil)
        let bad = AppConfiguration(environment: ["INSTAGATE_WORKER_METRICS_LISTEN": "0.0.0.0:9464"], currentDirectory: "/")
        #expect(bad.jobs.metricsListen == nil)
        #expect(bad.problems == ["INSTAGATE_WORKER_METRICS_LISTEN=0.0.0.0:9464 is not \(LoopbackAddress.expected)"])
    }
}

@Suite struct MetricsListenerTests {
    func answer(_ head: String) -> String {
        String(decoding: MetricsListener.response(toRequestHead: Array(head.utf8), render: { Array("m 1\n".utf8) }), as: UTF8.self)
    }

    @Test func answersGetMetricsOnly() {
        #expect(answer("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n").hasPrefix("HTTP/1.0 200 OK\r\n"))
        #expect(answer("GET /metrics?x=1 HTTP/1.1\r\n\r\n").hasSuffix("\r\n\r\nm 1\n"))
        #expect(answer("GET /metrics HTTP/1.1\r\n\r\n").contains("Content-Type: text/plain; version=0.0.4; charset=utf-8\r\nContent-Length: 4\r\n"))
        #expect(answer("GET / HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.0 404 "))
        #expect(answer("POST /metrics HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.0 405 "))
        #expect(answer("").hasPrefix("HTTP/1.0 400 "))
    }

    @Test func endOfHeaders() {
        #expect(MetricsListener.endsHead(Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8)))
        #expect(MetricsListener.endsHead(Array("GET / HTTP/1.0\n\n".utf8)))
        #expect(!MetricsListener.endsHead(Array("GET / HTTP/1.1\r\nHost: x\r\n".utf8)))
    }

    /// A real listener on a port the kernel picks, scraped over HTTP; the worker's registry renders what swift-metrics recorded.
    @Test func servesTheWorkerRegistry() throws {
        let registry = WorkerMetricsRegistry()
        let address = try #require(LoopbackAddress(parsing: "127.0.0.1:0"))
        let listener = try MetricsListener(address: address, render: registry.render)
        #expect(listener.address.port != 0)
        listener.start()
        let client = HTTPClient(configuration: HTTPClientConfiguration(requestTimeout: 5, maxRetries: 0, maxRedirects: 0))
        let response = try client.send(HTTPClientRequest(method: "GET", url: "http://\(listener.address)/metrics"))
        #expect(response.status == 200)
        let missing = try client.send(HTTPClientRequest(method: "GET", url: "http://\(listener.address)/other"))
        #expect(missing.status == 404)
    }

    @Test func aTakenPortIsAClearError() throws {
        let address = try #require(LoopbackAddress(parsing: "127.0.0.1:0"))
        let first = try MetricsListener(address: address, render: { [] })
        #expect(throws: MetricsListenerError.self) { try MetricsListener(address: first.address, render: { [] }) }
    }
}
