import Foundation
import Postgres
import TestSupport
import Testing
@testable import App

/// The two reads answered from PostgreSQL (the accounts list and account info, `deploy/bench graph`): 401 for a
/// missing, malformed, unknown or revoked key (revocation at once), a bad `account_id` judged only for a valid key,
/// another user's account a 404, the stored profile answered as is, in-process and through nginx.
@Suite(.needsStack)
struct ConnectedAccountReadTests {
    @Test(arguments: TestingSetup.allCases)
    func badKeysAre401BeforeAnythingElse(_ setup: TestingSetup) throws {
        let app = TestApplication(setup)
        for key in [nil, "not-a-key", "ig_" + String(repeating: "A", count: 43)] as [String?] {
            for path in ["/api/sns/instagram/accounts", "/api/sns/instagram/account/info?account_id=abc", "/api/sns/instagram/account/info?account_id=1"] {
                let response = try app.execute("GET", path, key: key)
                response.expectEnvelope(401, "UNAUTHORIZED")
                #expect(response.header("WWW-Authenticate") == "Bearer", "\(path)")
            }
        }
    }

    @Test(arguments: TestingSetup.allCases)
    func theKeysOwnAccountsOnlyAndRevocationAtOnce(_ setup: TestingSetup) throws {
        let app = TestApplication(setup)
        let (key, other) = (try app.newKey(), try app.newKey())
        let db = try app.context.database()
        let owner = try #require(try APIKeyStore(db: db).authenticate(key: key))
        let stranger = try #require(try APIKeyStore(db: db).authenticate(key: other))
        let mine = try insertAccount(db, userID: owner.id, username: "kiln.coffee")
        let theirs = try insertAccount(db, userID: stranger.id, username: "someone.else")
        let listed = try app.execute("GET", "/api/sns/instagram/accounts", key: key)
        #expect(listed.status == 200 && listed.json["count"] as? Int == 1, "\(listed.text)")
        #expect((listed.json["accounts"] as? [[String: Any]])?.first?["account_id"] as? Int == Int(mine))
        let info = try app.execute("GET", "/api/sns/instagram/account/info?account_id=\(mine)", key: key)
        let account = try #require(info.json["account"] as? [String: Any])
        #expect(account["username"] as? String == "kiln.coffee" && account["followers"] as? Int == 4821 && account["from_cache"] as? Bool == true)
        try app.execute("GET", "/api/sns/instagram/account/info?account_id=\(theirs)", key: key).expectEnvelope(404, "NOT_FOUND")
        try app.execute("GET", "/api/sns/instagram/account/info?account_id=abc", key: key).expectEnvelope(422, "VALIDATION_ERROR")
        #expect(try app.execute("GET", "/api/sns/instagram/accounts", key: other).json["count"] as? Int == 1)
        try APIKeyStore(db: db).revoke(id: owner.keyID)
        try app.execute("GET", "/api/sns/instagram/accounts", key: key).expectEnvelope(401, "UNAUTHORIZED")
        try app.execute("GET", "/api/sns/instagram/account/info?account_id=\(mine)", key: key).expectEnvelope(401, "UNAUTHORIZED")
    }

    @Test func aUserWithoutAccountsListsNone() throws {
        let app = TestApplication(.router)
        let answer = try app.execute("GET", "/api/sns/instagram/accounts", key: try app.newKey())
        #expect(answer.status == 200 && answer.json["count"] as? Int == 0 && (answer.json["accounts"] as? [Any])?.isEmpty == true, "\(answer.text)")
    }

    /// A stored account with a fresh profile (no token: the reads tested here never call Meta).
    func insertAccount(_ db: PostgresConnection, userID: Int64, username: String) throws -> Int64 {
        try db.query("""
            INSERT INTO instagram_accounts (user_id, flavour, ig_user_id, username, account_type, followers_count, follows_count,
                media_count, info_refreshed_at)
            VALUES (\(userID), 'instagram', \("1784" + String(Int.random(in: 100_000_000...999_999_999))), \(username), 'BUSINESS', 4821, 310, 214, now())
            RETURNING id
            """).exactlyOne().decode("id")
    }
}
