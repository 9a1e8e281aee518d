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

    /// Both reads are answered from the process's `AccountReadCache` (a row put there is what they show), and any
    /// change committed elsewhere (here plain SQL on another connection: a profile, a usage report, a deletion) reaches
    /// the answers by its notice, not by the cache's TTL (an hour here).
    @Test func theCachedReadsFollowEveryChangeByItsNotice() throws {
        let app = TestApplication(.router) { $0.graph.accountCacheTTL = 3600 }
        let key = try app.newKey()
        let elsewhere = try PostgresConnection(conninfo: app.app.configuration.databaseURL)
        let owner = try #require(try APIKeyStore(db: elsewhere).authenticate(key: key))
        let id = try insertAccount(elsewhere, userID: owner.id, username: "kiln.coffee")
        let list = "/api/sns/instagram/accounts", info = "/api/sns/instagram/account/info?account_id=\(id)"
        #expect(try firstAccount(app, list, key: key)?["followers_count"] as? Int == 4821)
        #expect(try infoAccount(app, info, key: key)?["followers"] as? Int == 4821)
        let cache = app.app.services.accountCache
        let reads: [(AccountRead, () throws -> Any?)] = [(.list(userID: owner.id), { try firstAccount(app, list, key: key)?["followers_count"] }),
                                                        (.account(id: id, userID: owner.id), { try infoAccount(app, info, key: key)?["followers"] })]
        for (read, answer) in reads {
            var planted = try #require(try ConnectedAccountStore(db: elsewhere, box: app.app.services.secretBox()).account(id: id, userID: owner.id))
            planted.followersCount = 1
            #expect(try answeredFromCache(cache, read, [planted]) { try answer() as? Int == 1 }, "\(read)")
        }

        try elsewhere.run("UPDATE instagram_accounts SET followers_count = 5000, username = 'kiln.roasters' WHERE id = \(id)")
        #expect(try eventually(app, list, key: key) { $0?["followers_count"] as? Int == 5000 && $0?["username"] as? String == "kiln.roasters" })
        let account = try infoAccount(app, info, key: key)
        #expect(account?["followers"] as? Int == 5000 && account?["username"] as? String == "kiln.roasters")
        let igUserID: String = try elsewhere.query("SELECT ig_user_id FROM instagram_accounts WHERE id = \(id)").exactlyOne().decode("ig_user_id")
        try elsewhere.run("INSERT INTO graph_usage (subject, percent, reported_at) VALUES (\("account:" + igUserID), 42, now())")
        #expect(try eventually(app, list, key: key) { ($0?["graph_usage"] as? [String: Any])?["percent"] as? Int == 42 })
        try elsewhere.run("DELETE FROM graph_usage WHERE subject = \("account:" + igUserID)")
        try elsewhere.run("DELETE FROM instagram_accounts WHERE id = \(id)")
        #expect(try eventually(app, list, key: key) { $0 == nil })
        try app.execute("GET", info, key: key).expectEnvelope(404, "NOT_FOUND")
    }

    /// The first account of the list answer.
    func firstAccount(_ app: TestApplication, _ path: String, key: String) throws -> [String: Any]? {
        let answer = try app.execute("GET", path, key: key)
        #expect(answer.status == 200, "\(answer.text)")
        return (answer.json["accounts"] as? [[String: Any]])?.first
    }

    /// The account of the info answer.
    func infoAccount(_ app: TestApplication, _ path: String, key: String) throws -> [String: Any]? {
        try app.execute("GET", path, key: key).json["account"] as? [String: Any]
    }

    /// Whether a read answers what was put in the cache: `rows` are stored for `read`, and `check` judges the answer
    /// made while no notice emptied the cache (other tests' changes to accounts do, at any moment: then again).
    func answeredFromCache(_ cache: AccountReadCache, _ read: AccountRead, _ rows: [ConnectedAccount],
                           _ check: () throws -> Bool) throws -> Bool {
        for _ in 0..<50 {
            let generation = cache.generation
            cache.store(rows, for: read, generation: generation)
            let answered = try check()
            if cache.generation == generation { return answered }
        }
        return false
    }

    /// Whether the list's first account meets `check` within 2 s (a notice is on the thread's connection once
    /// PostgreSQL's listening backend has run: moments).
    func eventually(_ app: TestApplication, _ path: String, key: String, _ check: ([String: Any]?) -> Bool) throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(2)
        while !check(try firstAccount(app, path, key: key)) {
            guard ContinuousClock.now < deadline else { return false }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return true
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
