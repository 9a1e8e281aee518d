import Crypto
import Foundation
import HTTPClient
import Testing

/// `callback_url` of a post download (issue 16): called when the download ends as a job, with the same JSON as
/// `GET /api/downloads/{shortcode}`, signed; a download answered at once (200) calls nobody.
extension WebhookTests {
    /// A new post of a new profile: its shortcode.
    func newPost() throws -> String {
        let name = ProfileTestKit.uniqueName("hookpost")
        try kit.account(name)
        return try #require(try kit.posts(name, from: "photo-sea").first?["shortcode"] as? String)
    }

    /// Checks `X-Instagate-Signature` (`t=…,v1=…`) against the secret and a fresh timestamp.
    func expectSigned(_ received: WebhookReceiver.Received, secret: String) throws {
        let signature = try #require(received.headers["x-instagate-signature"])
        let parts = Dictionary(uniqueKeysWithValues: signature.split(separator: ",").map { pair in
            (String(pair.split(separator: "=")[0]), String(pair.split(separator: "=", maxSplits: 1)[1]))
        })
        let timestamp = try #require(parts["t"].flatMap { Int($0) })
        #expect(abs(timestamp - Int(Date().timeIntervalSince1970)) < 300, "a fresh timestamp (replay window)")
        let mac = HMAC<SHA256>.authenticationCode(for: Array("\(timestamp).".utf8) + received.body,
                                                  using: SymmetricKey(data: Array(secret.utf8)))
        #expect(parts["v1"] == mac.map { String(format: "%02x", $0) }.joined(), "the signature checks out with the secret")
    }

    @Test func aPostDownloadThatBecomesAJobCallsItsWebhook() throws {
        let (key, secret) = try keyWithSecret()
        let receiver = try WebhookReceiver(statuses: [503, 204])
        defer { receiver.stop() }
        let code = try newPost()
        let hook = "http://127.0.0.1:\(receiver.port)/done"
        let answer = try kit.kit.post(#"{"url":"https://www.instagram.com/p/\#(code)/","async":true,"callback_url":"\#(hook)"}"#, apiKey: key)
        #expect(answer.status == 202, "\(answer.text.prefix(300))")
        let got = receiver.wait(for: 2)
        #expect(got.count == 2, "retried after the 503")
        let last = try #require(got.last)
        try expectSigned(last, secret: secret)
        #expect(last.headers["x-instagate-event"] == "download.completed")
        let body = try #require(try JSONSerialization.jsonObject(with: Data(last.body)) as? [String: Any])
        let download = try #require(body["download"] as? [String: Any])
        #expect(download["shortcode"] as? String == code && download["status"] as? String == "completed", "\(body)")
        #expect(download["media_url"] is String, "the body carries the signed links, as the status answer does")
        var recorded: [[String: Any]] = []
        let end = Date().addingTimeInterval(20)
        repeat {
            let status = try kit.http.get("/api/downloads/\(code)", key: key).json
            let webhook = status["webhook"] as? [String: Any]
            #expect(webhook?["url"] as? String == hook)
            recorded = webhook?["deliveries"] as? [[String: Any]] ?? []
            if recorded.count < 2 { Thread.sleep(forTimeInterval: 0.2) }
        } while recorded.count < 2 && Date() < end
        #expect(recorded.map { $0["outcome"] as? String } == ["failed", "delivered"])
        #expect(recorded.map { $0["status"] as? Int } == [503, 204])
    }

    @Test func aPostDownloadAnsweredAtOnceCallsNobody() throws {
        let (key, _) = try keyWithSecret()
        let receiver = try WebhookReceiver(statuses: [200])
        defer { receiver.stop() }
        let code = try newPost()
        let answer = try kit.kit.post(#"{"url":"https://www.instagram.com/p/\#(code)/","callback_url":"http://127.0.0.1:\#(receiver.port)/"}"#,
                                      apiKey: key)
        #expect(answer.status == 200, "\(answer.text.prefix(300))")
        #expect(receiver.wait(for: 1, seconds: 3).isEmpty, "the 200 answer is the result: no webhook")
        #expect(try kit.http.get("/api/downloads/\(code)", key: key).json["webhook"] == nil)
    }

    @Test func aBadCallbackOfAPostDownloadIsNamedWithTheOtherBadFields() throws {
        let noSecret = try kit.kit.post(#"{"url":"https://example.com/x","callback_url":"https://example.com/hook","img_index":99}"#,
                                        apiKey: try TestStack.newKey())
        noSecret.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        let errors = noSecret.json["errors"] as? [String: Any] ?? [:]
        #expect((errors["callback_url"] as? String)?.contains("/api/webhooks/secret") == true, "\(errors)")
        #expect(errors["url"] != nil && errors["img_index"] != nil, "\(errors)")
        let (key, _) = try keyWithSecret()
        let code = try newPost()
        let bad = try kit.kit.post(#"{"url":"https://www.instagram.com/p/\#(code)/","callback_url":"file:///etc/passwd"}"#, apiKey: key)
        bad.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect((bad.json["errors"] as? [String: Any])?["callback_url"] != nil)
        #expect(try kit.http.get("/api/downloads/\(code)", key: key).status == 404, "nothing was downloaded")
    }
}
