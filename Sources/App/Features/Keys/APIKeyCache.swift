/// The API keys this process verified lately: the SHA-256 of a key → its user and admin flag, so a read request with
/// a known key costs no round trip to PostgreSQL before its own (`AuthenticationMiddleware`, `GET` and `HEAD` only).
/// Migration 032's triggers on `api_keys` and `api_users` notify `instagate_api_keys`; the thread that revokes a key
/// empties its own process's cache itself. How the notices keep revocation immediate: `NotifiedCache`.
typealias APIKeyCache = NotifiedCache<[UInt8], APIUser>

extension NotifiedCache where Key == [UInt8], Value == APIUser {
    /// The channel changes to keys and users are announced on.
    static var keyChannel: String { "instagate_api_keys" }

    /// The process's key cache, `ttl` at most per entry (`INSTAGATE_KEY_CACHE_TTL`; zero: off).
    static func keys(ttl: Duration) -> APIKeyCache { APIKeyCache(channel: keyChannel, ttl: ttl) }
}
