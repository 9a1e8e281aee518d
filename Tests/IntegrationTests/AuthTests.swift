import Foundation
import Testing

/// API keys through the stack: Bearer auth on every /api/ endpoint, revocation at once, users apart.
@Suite(.threaded, .needsStack)
struct AuthTests {
    let http = TestHTTP()

    @Test func missingKeyIs401WithChallenge() throws {
        let response = try http.get("/api/me", key: nil)
        response.expectEnvelope(status: 401, code: "UNAUTHORIZED")
        #expect(response.header("WWW-Authenticate") == "Bearer")
    }

    @Test(arguments: ["igk_wrongwrongwrongwrongwrongwrongwrongwrongwro", "not-a-key", "", String(repeating: "k", count: 5000)])
    func wrongKeyIs401(key: String) throws {
        let response = try http.get("/api/me", key: key)
        response.expectEnvelope(status: 401, code: "UNAUTHORIZED")
        #expect(response.header("WWW-Authenticate") == "Bearer")
    }

    @Test func otherSchemesAreRefused() throws {
        let response = try http.get("/api/me", key: nil, headers: [("Authorization", "Basic \(Data("a:b".utf8).base64EncodedString())")])
        response.expectEnvelope(status: 401, code: "UNAUTHORIZED")
    }

    @Test func validKeyIdentifiesItsUser() throws {
        let response = try http.get("/api/me")
        #expect(response.status == 200)
        let user = try #require(response.json["user"] as? [String: Any])
        #expect(user["id"] is Int)
    }

    @Test func revokedKeyStopsWorkingAtOnce() throws {
        let key = try TestStack.newKey()
        #expect(try http.get("/api/me", key: key).status == 200)
        let keyID = try #require(try http.get("/api/me", key: key).json["user"] as? [String: Any])["key_id"] as? Int
        let revoke = try TestStack.cli(["keys", "revoke", String(try #require(keyID))])
        #expect(revoke.status == 0, "\(revoke.err)")
        try http.get("/api/me", key: key).expectEnvelope(status: 401, code: "UNAUTHORIZED")
    }

    @Test func keysCanBeRotatedThroughTheAPI() throws {
        let key = try TestStack.newKey()
        let created = try http.postJSON("/api/keys", #"{"name":"rotated 여행"}"#, key: key)
        #expect(created.status == 201, "\(created.text)")
        let newKey = try #require(created.json["key"] as? String)
        let newID = try #require((created.json["key_info"] as? [String: Any])?["id"] as? Int)
        let me = try http.get("/api/me", key: newKey).json["user"] as? [String: Any]
        let oldMe = try http.get("/api/me", key: key).json["user"] as? [String: Any]
        #expect(me?["id"] as? Int == oldMe?["id"] as? Int, "the new key belongs to the same user")
        let listed = try http.get("/api/keys", key: key).json["keys"] as? [[String: Any]] ?? []
        #expect(listed.count == 2)
        #expect(listed.allSatisfy { $0["key"] == nil && $0["key_hash"] == nil }, "keys are never listed")
        #expect(listed.contains { $0["name"] as? String == "rotated 여행" })
        let revoked = try http.send("DELETE", "/api/keys/\(newID)", key: key)
        #expect(revoked.status == 200, "\(revoked.text)")
        try http.get("/api/me", key: newKey).expectEnvelope(status: 401, code: "UNAUTHORIZED")
        try http.send("DELETE", "/api/keys/\(newID)", key: key).expectEnvelope(status: 404, code: "NOT_FOUND")
    }

    @Test func anotherUsersKeyIsNotFound() throws {
        let alice = try TestStack.newKey(name: "alice")
        let bob = try TestStack.newKey(name: "bob")
        let bobKeyID = try #require((try http.get("/api/me", key: bob).json["user"] as? [String: Any])?["key_id"] as? Int)
        try http.send("DELETE", "/api/keys/\(bobKeyID)", key: alice).expectEnvelope(status: 404, code: "NOT_FOUND")
        #expect(try http.get("/api/me", key: bob).status == 200, "bob's key still works")
        let aliceKeys = try http.get("/api/keys", key: alice).json["keys"] as? [[String: Any]] ?? []
        #expect(!aliceKeys.contains { $0["id"] as? Int == bobKeyID })
    }
}

extension AuthTests {
    /// Revocation reaches every process at once through the key cache's notices: two responder processes of their
    /// own (one thread each, so the thread asked is the one that kept the key; the cache's TTL an hour) both verify a
    /// key twice (the second answer from the cache), one revokes it, and the other refuses it on the next request.
    @Test func aKeyRevokedOnOneResponderFailsAtOnceOnAnother() throws {
        let directory = NSTemporaryDirectory() + "instagate-keys-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let responders = try (0..<2).map {
            try TestResponder(log: "\(directory)/r\($0).log", extra: ["INSTAGATE_THREADS": "1", "INSTAGATE_KEY_CACHE_TTL": "3600"])
        }
        defer { responders.forEach { $0.stop() } }
        for responder in responders { try #require(responder.waitUntilReady(), "responder never answered: \(responder.logText)") }
        for (revoking, asked) in [(responders[0], responders[1]), (responders[1], responders[0])] {
            let key = try TestStack.newKey()
            var keyID = 0
            for responder in responders {
                for _ in 0..<2 {
                    let me = try responder.answer(responder.start("GET", "/api/me", key: key))
                    #expect(me.hasPrefix("Status: 200"), "\(me.prefix(200))")
                    keyID = try #require(((TestResponder.json(me)["user"]) as? [String: Any])?["key_id"] as? Int)
                }
            }
            let revoked = try revoking.answer(revoking.start("DELETE", "/api/keys/\(keyID)", key: key))
            #expect(revoked.hasPrefix("Status: 200"), "\(revoked.prefix(300))")
            let after = try asked.answer(asked.start("GET", "/api/me", key: key))
            #expect(after.hasPrefix("Status: 401") && after.contains("UNAUTHORIZED"), "\(after.prefix(300))")
            #expect(try revoking.answer(revoking.start("GET", "/api/me", key: key)).hasPrefix("Status: 401"))
        }
    }
}

