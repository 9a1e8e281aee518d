import Crypto
import Foundation
import HTTPClient
import Testing

/// `callback_url` of profile jobs (issue 16): delivered to a receiver in the test with its signature checked,
/// retried after a failure and every attempt recorded; SSRF targets and redirects refused.
@Suite("Webhooks", .threaded, .serialized, .needsStackAndSandbox)
struct WebhookTests {
    let kit = ProfileTestKit()

    init() throws {
        try kit.kit.resetLimits()
    }

    /// A new API key with a webhook secret: the key and the secret.
    func keyWithSecret() throws -> (key: String, secret: String) {
        let key = try TestStack.newKey()
        let made = try kit.http.postJSON("/api/webhooks/secret", "{}", key: key)
        #expect(made.status == 201)
        return (key, try #require(made.json["secret"] as? String))
    }

    /// A profile with one photo post.
    func profile() throws -> String {
        let name = ProfileTestKit.uniqueName("hooked")
        try kit.account(name)
        try kit.posts(name, from: "photo-sea")
        return name
    }

    /// Polls the job's webhook deliveries until `count` are recorded (at most `seconds`).
    func deliveries(_ jobID: String, key: String, count: Int, seconds: Double = 30) throws -> [[String: Any]] {
        var found: [[String: Any]] = []
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            let status = try kit.http.get("/api/collections/\(jobID)", key: key).json
            found = (status["webhook"] as? [String: Any])?["deliveries"] as? [[String: Any]] ?? []
            if found.count >= count { break }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return found
    }

    @Test func aSignedWebhookIsRetriedUntilDelivered() throws {
        let (key, secret) = try keyWithSecret()
        let receiver = try WebhookReceiver(statuses: [500, 200])
        defer { receiver.stop() }
        let name = try profile()
        let jobID = try kit.start("https://www.instagram.com/\(name)/", extra: #","callback_url":"http://127.0.0.1:\#(receiver.port)/hook""#, key: key)
        #expect(try kit.wait(jobID, key: key)["status"] as? String == "completed")
        let got = receiver.wait(for: 2)
        #expect(got.count == 2)
        let last = try #require(got.last)
        let signature = try #require(last.headers["x-instagate-signature"])
        let parts = Dictionary(uniqueKeysWithValues: signature.split(separator: ",").map { pair in
            (String(pair.split(separator: "=")[0]), String(pair.split(separator: "=", maxSplits: 1)[1]))
        })
        let timestamp = try #require(parts["t"].flatMap { Int($0) })
        #expect(abs(timestamp - Int(Date().timeIntervalSince1970)) < 300, "a fresh timestamp (replay window)")
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\(timestamp).".utf8) + last.body, using: SymmetricKey(data: Array(secret.utf8)))
        #expect(parts["v1"] == mac.map { String(format: "%02x", $0) }.joined(), "the signature checks out with the secret")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(last.body)) as? [String: Any])
        #expect(body["job_id"] as? String == jobID && body["status"] as? String == "completed")
        #expect(((body["result"] as? [String: Any])?["items"] as? [Any])?.count == 1)
        #expect(last.headers["x-instagate-event"] == "collection.completed")
        let recorded = try deliveries(jobID, key: key, count: 2)
        #expect(recorded.map { $0["outcome"] as? String } == ["failed", "delivered"])
        #expect(recorded.map { $0["status"] as? Int } == [500, 200])
    }

    @Test func privateTargetsAreRefusedAndNotRetried() throws {
        let (key, _) = try keyWithSecret()
        let name = try profile()
        for (target, reason) in [("http://169.254.169.254/latest/meta-data/", "link-local"), ("http://10.20.30.40:8080/hook", "private"),
                                 ("http://127.0.0.2:9/hook", "loopback")] {
            let jobID = try kit.start("https://www.instagram.com/\(name)/", extra: #","callback_url":"\#(target)""#, key: key)
            #expect(try kit.wait(jobID, key: key)["status"] as? String == "completed")
            let recorded = try deliveries(jobID, key: key, count: 1)
            #expect(recorded.count == 1 && recorded.first?["outcome"] as? String == "refused", "\(target)")
            let error = recorded.first?["error"] as? String ?? ""
            #expect(error.contains(reason), "\(recorded)")
            #expect(try deliveries(jobID, key: key, count: 2, seconds: 2).count == 1, "a refused target is not retried")
        }
        let bad = try kit.kit.post(#"{"url":"https://www.instagram.com/\#(name)/","callback_url":"ftp://example.com/x"}"#, apiKey: key)
        bad.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        let noSecret = try kit.kit.post(#"{"url":"https://www.instagram.com/\#(name)/","callback_url":"https://example.com/x"}"#,
                                        apiKey: try TestStack.newKey())
        noSecret.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        let problem = (noSecret.json["errors"] as? [String: Any])?["callback_url"] as? String ?? ""
        #expect(problem.contains("/api/webhooks/secret"))
    }

    @Test func aRedirectToAPrivateAddressIsNotFollowed() throws {
        let (key, _) = try keyWithSecret()
        let receiver = try WebhookReceiver(statuses: [302], location: "http://169.254.169.254/latest/meta-data/")
        defer { receiver.stop() }
        let name = try profile()
        let jobID = try kit.start("https://www.instagram.com/\(name)/", extra: #","callback_url":"http://127.0.0.1:\#(receiver.port)/""#, key: key)
        #expect(try kit.wait(jobID, key: key)["status"] as? String == "completed")
        let recorded = try deliveries(jobID, key: key, count: 1)
        #expect(recorded.first?["outcome"] as? String == "failed")
        let error = recorded.first?["error"] as? String ?? ""
        #expect(error.contains("redirect"))
        let again = try deliveries(jobID, key: key, count: 2, seconds: 2)
        #expect(receiver.received.count == 1 && again.count == 1, "a redirect is not retried")
    }
}
