import Foundation
import Postgres
import TestSupport
import Testing
@testable import App

/// One account's story publishes take turns (`PublicationStore+StoryLock`) against the stack's PostgreSQL: a second
/// job waits at most its timeout and is refused (its connection's `lock_timeout` put back), another account's stories
/// do not wait, and a lock is free again once released or once its connection is gone (a killed worker). And the
/// schema's belt (migration 038): two posts never record one media id.
@Suite(.needsStack)
struct StoryPublishLockTests {
    func connect() throws -> PostgresConnection {
        try PostgresConnection(conninfo: TestApplication(.router).app.configuration.databaseURL)
    }

    @Test func aSecondStoryPublishOfTheAccountWaitsBoundedThenTakesTurns() throws {
        let account = "1784" + String(Int.random(in: 100_000_000...999_999_999))
        let first = PublicationStore(db: try connect()), second = PublicationStore(db: try connect())
        #expect(try first.lockStoryPublishing(igUserID: account, timeout: 1))
        let started = Date()
        #expect(try !second.lockStoryPublishing(igUserID: account, timeout: 0.3), "held by the first job")
        #expect(Date().timeIntervalSince(started) < 10, "the wait is bounded")
        #expect(try second.db.query("SHOW lock_timeout").exactlyOne().decode("lock_timeout", as: String.self) == "0")
        #expect(try second.lockStoryPublishing(igUserID: account + "1", timeout: 0.3), "another account's stories do not wait")
        second.unlockStoryPublishing(igUserID: account + "1")
        first.unlockStoryPublishing(igUserID: account)
        #expect(try second.lockStoryPublishing(igUserID: account, timeout: 1), "free once released")
        do {
            // A worker killed while holding it: PostgreSQL releases the lock with the connection.
            let killed = PublicationStore(db: try connect())
            second.unlockStoryPublishing(igUserID: account)
            #expect(try killed.lockStoryPublishing(igUserID: account, timeout: 1))
        }
        #expect(try waitUntil(seconds: 10) { try first.lockStoryPublishing(igUserID: account, timeout: 0.5) }, "free once its connection is gone")
        first.unlockStoryPublishing(igUserID: account)
    }

    @Test func twoPostsNeverRecordOneMediaID() throws {
        let app = TestApplication(.router)
        let db = try connect()
        let user = try #require(try APIKeyStore(db: db).authenticate(key: try app.newKey()))
        let account: Int64 = try db.query("""
            INSERT INTO instagram_accounts (user_id, flavour, ig_user_id, username, account_type)
            VALUES (\(user.id), 'instagram', \("1784" + String(Int.random(in: 100_000_000...999_999_999))), 'lock.test', 'BUSINESS')
            RETURNING id
            """).exactlyOne().decode("id")
        let posts: [Int64] = try (0..<2).map { _ in
            try db.query("INSERT INTO instagram_publications (user_id, account_id, image_url) VALUES (\(user.id), \(account), 'https://x/y.jpg') RETURNING id")
                .exactlyOne().decode("id")
        }
        let store = PublicationStore(db: db)
        let media = String(UInt64.random(in: 1_000_000_000...9_999_999_999))
        try store.markPublished(posts[0], mediaID: media, permalink: nil, shortcode: nil)
        do {
            try store.markPublished(posts[1], mediaID: media, permalink: nil, shortcode: nil)
            Issue.record("a second post recorded the first's media id")
        } catch let error as PostgresError {
            #expect(error.code == .uniqueViolation, "\(error)")
        }
        #expect(try store.find(id: posts[1])?.state == "queued", "nothing changed")
        #expect(try store.recordedMediaIDs(accountID: account, among: [media], except: posts[1]) == [media])
        try store.markPublished(posts[1], mediaID: media + "1", permalink: nil, shortcode: nil)
    }

    func waitUntil(seconds: Double, _ condition: () throws -> Bool) throws -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return false
    }
}
