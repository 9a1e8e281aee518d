import Postgres

/// One Instagram account's story publishes, one at a time: a session-level PostgreSQL advisory lock on the job's
/// own connection, keyed by the account's Instagram user id (every API user's connection of it shares it), held from
/// reading the live stories (`stories_before`) through `media_publish`'s answer. A second story's job then reads a
/// list that already holds the first story, so both of their lost answers are recovered exactly
/// (`PublishedStoryMatch`). PostgreSQL releases the lock itself when the connection ends (a killed worker).
extension PublicationStore {
    /// The text the lock's key is hashed from: `hashtextextended('instagate.story_publish.' || ig_user_id, 0)`.
    static func storyLockName(igUserID: String) -> String { "instagate.story_publish." + igUserID }

    /// Waits at most `timeout` seconds for the account's story lock (PostgreSQL's `lock_timeout` applies to advisory
    /// locks); false when another job held it all that time.
    func lockStoryPublishing(igUserID: String, timeout: Double) throws -> Bool {
        try db.query("SELECT set_config('lock_timeout', \(String(max(1, Int(timeout * 1000)))), false)")
        let failure: PostgresError?
        do {
            try db.query("SELECT pg_advisory_lock(hashtextextended(\(Self.storyLockName(igUserID: igUserID)), 0))")
            failure = nil
        } catch {
            failure = error
        }
        _ = try? db.query("SELECT set_config('lock_timeout', '0', false)")
        guard let failure else { return true }
        if failure.code == .lockNotAvailable { return false }
        throw failure
    }

    /// Releases the account's story lock (a failure is left to the connection's end, which releases it too).
    func unlockStoryPublishing(igUserID: String) {
        _ = try? db.query("SELECT pg_advisory_unlock(hashtextextended(\(Self.storyLockName(igUserID: igUserID)), 0))")
    }
}
