import Foundation
import Postgres
import Testing
import TestSupport
@testable import App

/// Every `/api/` route but `/api/health` is behind `AuthenticationMiddleware`; the handlers see the key's user.
@Suite(.needsStack)
struct AuthenticationTests {
    @Test(arguments: TestingSetup.allCases)
    func missingMalformedAndUnknownKeysAre401(_ setup: TestingSetup) throws {
        let app = TestApplication(setup)
        for key in [nil, "not-a-key", "ig_" + String(repeating: "A", count: 43)] as [String?] {
            let response = try app.execute("GET", "/api/me", key: key)
            response.expectEnvelope(401, "UNAUTHORIZED")
            #expect(response.header("WWW-Authenticate") == "Bearer")
        }
        let basic = try app.execute("GET", "/api/jobs", key: nil, headers: [("Authorization", "Basic dXNlcjpwYXNz")])
        basic.expectEnvelope(401, "UNAUTHORIZED")
    }

    @Test(arguments: TestingSetup.allCases)
    func theHandlerGetsTheKeysUser(_ setup: TestingSetup) throws {
        let app = TestApplication(setup)
        let key = try app.newKey()
        let me = try app.execute("GET", "/api/me", key: key)
        #expect(me.status == 200)
        let user = me.json["user"] as? [String: Any]
        let listed = try app.execute("GET", "/api/keys", key: key).json["keys"] as? [[String: Any]]
        #expect(listed?.count == 1)
        #expect(listed?.first?["id"] as? Int == user?["key_id"] as? Int)
        #expect(listed?.first?["current"] as? Bool == true)
    }

    @Test func aRevokedKeyStopsAtOnce() throws {
        let app = TestApplication(.router)
        let key = try app.newKey()
        let keyID = try #require(app.execute("GET", "/api/me", key: key).json["user"] as? [String: Any])["key_id"] as? Int
        // Rotation: the admin key mints an admin successor, which revokes its predecessor and keeps working.
        let second = try app.execute("POST", "/api/keys", key: key, json: #"{"name":"second","admin":true}"#)
        #expect(second.status == 201)
        let secondKey = try #require(second.json["key"] as? String)
        #expect(try app.execute("DELETE", "/api/keys/\(keyID ?? 0)", key: secondKey).status == 200)
        try app.execute("GET", "/api/me", key: key).expectEnvelope(401, "UNAUTHORIZED")
        #expect(try app.execute("GET", "/api/me", key: secondKey).status == 200)
    }

    /// A key revoked by another process (here plain SQL on another connection) stops working through the process's
    /// key cache by its notice, not by the cache's TTL (an hour here).
    @Test func aKeyRevokedElsewhereStopsThroughTheCache() throws {
        let app = TestApplication(.router) { $0.keyCacheTTL = 3600 }
        let key = try app.newKey()
        #expect(try app.execute("GET", "/api/me", key: key).status == 200)
        #expect(try app.execute("GET", "/api/me", key: key).status == 200)
        #expect(app.app.services.keyCache.count == 1, "the verified key is kept")
        let elsewhere = try PostgresConnection(conninfo: app.app.configuration.databaseURL)
        try elsewhere.run("UPDATE api_keys SET revoked_at = now() WHERE key_hash = \(PostgresBytes(APIKey.hash(key)))")
        // The notice is on this thread's connection once PostgreSQL's listening backend has run: moments, not the TTL.
        let deadline = ContinuousClock.now + .seconds(2)
        var status = try app.execute("GET", "/api/me", key: key).status
        while status == 200, ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.01)
            status = try app.execute("GET", "/api/me", key: key).status
        }
        #expect(status == 401)
    }

    @Test func anotherUsersKeyIsNotFound() throws {
        let app = TestApplication(.router)
        let mine = try app.newKey(), theirs = try app.newKey()
        let theirID = try #require(app.execute("GET", "/api/me", key: theirs).json["user"] as? [String: Any])["key_id"] as? Int
        try app.execute("DELETE", "/api/keys/\(theirID ?? 0)", key: mine).expectEnvelope(404, "NOT_FOUND")
        #expect(try app.execute("GET", "/api/me", key: theirs).status == 200)
    }
}
