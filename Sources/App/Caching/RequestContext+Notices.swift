import Postgres

extension RequestContext {
    /// Whether this thread may trust `cache` now: the thread's connection listens on every enabled cache's channel
    /// (`LISTEN` again in a new session, every cache then emptied, for notices sent meanwhile were lost) and the
    /// notices that already reached it were read without a round trip, each emptying the cache of its channel. False
    /// when the cache is off or the connection is lost: the answer is then read from PostgreSQL.
    func noticesAreCurrent(for cache: some NotifiedCaching, _ db: PostgresConnection) -> Bool {
        guard cache.isEnabled else { return false }
        let caches = services.notifiedCaches
        do {
            guard noticeSession == db.sessions else {
                let channels = caches.filter(\.isEnabled).map { "LISTEN \($0.channel)" }
                try db.execute(unsafeSQL: channels.joined(separator: "; "))
                noticeSession = db.sessions
                for other in caches { other.removeAll() }
                return true
            }
            for notice in try db.pendingNotifications() {
                for other in caches where other.channel == notice.channel { other.removeAll() }
            }
            return true
        } catch {
            noticeSession = 0
            return false
        }
    }
}
