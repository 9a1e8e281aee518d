import Foundation
import Testing
import TestSupport
@testable import App

/// Who may mint keys (issue 11, part 5): admin keys only, at most `APIKeyStore.maxActiveKeys` active per user;
/// a key that is not an admin revokes only itself; revoking a key revokes what it minted, recursively.
@Suite(.serialized, .needsStack)
struct KeyMintingTests {
    let app = TestApplication(.router)

    /// Mints a key with `minter`; the new key and its id.
    func mint(_ minter: String, admin: Bool = false) throws -> (key: String, id: Int) {
        let created = try app.execute("POST", "/api/keys", key: minter, json: #"{"name":"minted","admin":\#(admin)}"#)
        #expect(created.status == 201, "\(created.text)")
        let key = try #require(created.json["key"] as? String)
        let info = try #require(created.json["key_info"] as? [String: Any])
        #expect(info["admin"] as? Bool == admin)
        return (key, try #require(info["id"] as? Int))
    }

    func keyID(_ key: String) throws -> Int {
        try #require((try app.execute("GET", "/api/me", key: key).json["user"] as? [String: Any])?["key_id"] as? Int)
    }

    @Test func aKeyThatIsNotAnAdminCannotMintNorRevokeOthers() throws {
        let admin = try app.newKey()
        let plain = try mint(admin)
        try app.execute("POST", "/api/keys", key: plain.key, json: #"{"name":"more"}"#).expectEnvelope(403, "FORBIDDEN")
        try app.execute("DELETE", "/api/keys/\(try keyID(admin))", key: plain.key).expectEnvelope(403, "FORBIDDEN")
        #expect(try app.execute("GET", "/api/me", key: admin).status == 200, "the admin key still works")
        let listed = try app.execute("GET", "/api/keys", key: admin).json["keys"] as? [[String: Any]] ?? []
        #expect(listed.count == 2, "nothing was minted by the plain key")
        #expect(listed.first { $0["id"] as? Int == plain.id }?["minted_by"] as? Int == (try keyID(admin)))
        #expect(try app.execute("DELETE", "/api/keys/\(plain.id)", key: plain.key).status == 200, "it may revoke itself")
        try app.execute("GET", "/api/me", key: plain.key).expectEnvelope(401, "UNAUTHORIZED")
    }

    @Test func revokingAKeyRevokesWhatItMintedRecursively() throws {
        let admin = try app.newKey()
        let plain = try mint(admin)
        let successor = try mint(admin, admin: true)
        let grandchild = try mint(successor.key)
        let sibling = try app.newKey() // another user's key: untouched
        let revoked = try app.execute("DELETE", "/api/keys/\(try keyID(admin))", key: admin)
        #expect(revoked.status == 200, "\(revoked.text)")
        #expect(Set(revoked.json["also_revoked"] as? [Int] ?? []) == [plain.id, successor.id, grandchild.id])
        for key in [admin, plain.key, successor.key, grandchild.key] {
            try app.execute("GET", "/api/me", key: key).expectEnvelope(401, "UNAUTHORIZED")
        }
        #expect(try app.execute("GET", "/api/me", key: sibling).status == 200)
    }

    @Test func anAdminSuccessorRevokesItsMinterAndKeepsWorking() throws {
        let admin = try app.newKey()
        let plain = try mint(admin)
        let successor = try mint(admin, admin: true)
        let revoked = try app.execute("DELETE", "/api/keys/\(try keyID(admin))", key: successor.key)
        #expect(revoked.status == 200, "\(revoked.text)")
        #expect(revoked.json["also_revoked"] as? [Int] == [plain.id], "the old key's other mints go with it")
        try app.execute("GET", "/api/me", key: admin).expectEnvelope(401, "UNAUTHORIZED")
        try app.execute("GET", "/api/me", key: plain.key).expectEnvelope(401, "UNAUTHORIZED")
        #expect(try app.execute("GET", "/api/me", key: successor.key).status == 200)
    }

    @Test func mintingStopsAtTheCapPerUser() throws {
        let admin = try app.newKey()
        var minted: [Int] = []
        for _ in 1..<APIKeyStore.maxActiveKeys { minted.append(try mint(admin).id) }
        let refused = try app.execute("POST", "/api/keys", key: admin, json: #"{"name":"one too many"}"#)
        refused.expectEnvelope(409, "KEY_LIMIT_REACHED")
        let listed = try app.execute("GET", "/api/keys", key: admin).json["keys"] as? [[String: Any]] ?? []
        #expect(listed.count == APIKeyStore.maxActiveKeys, "nothing was created by the refused call")
        #expect(try app.execute("DELETE", "/api/keys/\(minted[0])", key: admin).status == 200)
        _ = try mint(admin) // a revoked key frees its place
    }
}
