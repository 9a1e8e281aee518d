import Postgres

extension RequestContext {
    /// Whether this thread may trust the process's `APIKeyCache` now: its connection listens for changes to keys
    /// (`LISTEN` again in a new session, the cache emptied, for notices sent meanwhile were lost) and the notices that
    /// already reached it were read without a round trip, the cache emptied when there was one. False when the cache
    /// is off or the connection is lost: the key is then looked up in PostgreSQL.
    func keyCacheIsCurrent(_ db: PostgresConnection) -> Bool {
        let cache = services.keyCache
        guard cache.isEnabled else { return false }
        do {
            guard keyNoticeSession == db.sessions else {
                try db.execute(unsafeSQL: "LISTEN \(APIKeyCache.channel)")
                keyNoticeSession = db.sessions
                cache.removeAll()
                return true
            }
            if try db.pendingNotifications().contains(where: { $0.channel == APIKeyCache.channel }) { cache.removeAll() }
            return true
        } catch {
            keyNoticeSession = 0
            return false
        }
    }
}
