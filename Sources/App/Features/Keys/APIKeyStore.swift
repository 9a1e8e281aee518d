import Foundation
import Postgres

/// API users and their keys in PostgreSQL. Who may mint: admin keys only (`instagate keys create` makes them;
/// an admin key may mint another admin key, to rotate itself), at most `maxActiveKeys` active keys per user.
/// Revoking a key revokes every key it minted, recursively.
public struct APIKeyStore {
    let db: PostgresConnection

    public init(db: PostgresConnection) {
        self.db = db
    }

    /// Active keys one API user may hold (a mint past it is refused: a stolen key cannot mint without limit).
    public static let maxActiveKeys = 20

    /// A key as listed (never the key itself).
    public struct Listing: Sendable, Codable, PostgresRecord {
        public var id: Int64
        public var userID: Int64
        public var userName: String
        public var name: String
        public var prefix: String
        public var createdAt: Date
        public var revokedAt: Date?
        /// Whether the key may mint keys.
        public var isAdmin: Bool
        /// The key that minted it through the API; nil for the CLI's keys.
        public var mintedBy: Int64?

        /// Reads `id, user_id, user_name, name, key_prefix, created_at, revoked_at, is_admin, minted_by`.
        public init(row: PostgresRow) throws(PostgresError) {
            id = try row.decode("id")
            userID = try row.decode("user_id")
            userName = try row.decode("user_name")
            name = try row.decode("name")
            prefix = try row.decode("key_prefix")
            createdAt = try row.decode("created_at")
            revokedAt = try row.decodeIfPresent("revoked_at")
            isAdmin = try row.decode("is_admin")
            mintedBy = try row.decodeIfPresent("minted_by")
        }
    }

    /// Creates an admin key (the CLI's); for a new user named `name` unless `userID` names an existing one.
    /// Returns the key (shown once) and its listing.
    public func create(name: String, userID: Int64? = nil) throws -> (key: String, listing: Listing) {
        let key = APIKey.generate()
        let id: Int64 = try db.transaction { tx in
            let store = APIKeyStore(db: tx)
            let owner: Int64
            if let userID {
                guard try store.userExists(id: userID) else { throw KeyStoreError("no API user with id \(userID)") }
                owner = userID
            } else {
                owner = try tx.query("INSERT INTO api_users (name) VALUES (\(name)) RETURNING id").exactlyOne().decode("id")
            }
            return try store.insert(key, name: name, userID: owner, admin: true, mintedBy: nil)
        }
        return (key, try listing(id))
    }

    /// A key minted through the API by `minter` (an admin key of `user`), admin only when asked; nil when the
    /// user already holds `maxActiveKeys` active keys.
    public func mint(name: String, user: APIUser, admin: Bool) throws -> (key: String, listing: Listing)? {
        let key = APIKey.generate()
        let id: Int64? = try db.transaction { tx in
            // The user's row, locked: two mints at once cannot both pass the count.
            _ = try tx.query("SELECT id FROM api_users WHERE id = \(user.id) FOR UPDATE")
            let active: Int = try tx.query("""
                SELECT count(*) AS n FROM api_keys WHERE user_id = \(user.id) AND revoked_at IS NULL
                """).exactlyOne().decode("n")
            guard active < Self.maxActiveKeys else { return nil }
            return try APIKeyStore(db: tx).insert(key, name: name, userID: user.id, admin: admin, mintedBy: user.keyID)
        }
        guard let id else { return nil }
        return (key, try listing(id))
    }

    private func insert(_ key: String, name: String, userID: Int64, admin: Bool, mintedBy: Int64?) throws -> Int64 {
        try db.query("""
            INSERT INTO api_keys (user_id, name, key_hash, key_prefix, is_admin, minted_by)
            VALUES (\(userID), \(name), \(PostgresBytes(APIKey.hash(key))), \(APIKey.displayPrefix(key)), \(admin), NULLIF(\(mintedBy ?? 0), 0))
            RETURNING id
            """).exactlyOne().decode("id")
    }

    private func listing(_ id: Int64) throws -> Listing {
        guard let listing = try list().first(where: { $0.id == id }) else { throw KeyStoreError("key \(id) vanished") }
        return listing
    }

    /// Every key (or one user's), newest first.
    public func list(userID: Int64? = nil) throws -> [Listing] {
        try db.query("""
            SELECT k.id, k.user_id, u.name AS user_name, k.name, k.key_prefix, k.created_at, k.revoked_at, k.is_admin,
                k.minted_by
            FROM api_keys k JOIN api_users u ON u.id = k.user_id
            WHERE \(userID == nil) OR k.user_id = \(userID ?? 0)
            ORDER BY k.id DESC
            """, as: Listing.self)
    }

    /// Whether an API user with this id exists.
    public func userExists(id: Int64) throws(PostgresError) -> Bool {
        try !db.query("SELECT 1 FROM api_users WHERE id = \(id)").isEmpty
    }

    /// Revokes a key by id and every key it minted, recursively, except `sparing` and what that one minted (an
    /// admin key minted to rotate its minter revokes the old one and stays); false when there is no such active
    /// key. Returns with the ids revoked.
    @discardableResult
    public func revoke(id: Int64, sparing: Int64? = nil) throws -> [Int64] {
        try db.query("""
            WITH RECURSIVE doomed (id) AS (
                SELECT id FROM api_keys WHERE id = \(id) AND revoked_at IS NULL
                UNION
                SELECT k.id FROM api_keys k JOIN doomed d ON k.minted_by = d.id WHERE k.id <> \(sparing ?? 0)
            )
            UPDATE api_keys SET revoked_at = now()
            WHERE id IN (SELECT id FROM doomed) AND revoked_at IS NULL AND id <> \(sparing ?? 0)
            RETURNING id
            """).map { try $0.decode("id", as: Int64.self) }
    }

    /// The API user named `userName` through their newest active key, an admin one first (open access: the
    /// install's one user may manage its keys), or nil.
    public func newestActiveKey(userName: String) throws(PostgresError) -> APIUser? {
        guard let row = try db.query("""
            SELECT k.id, k.user_id, u.name, k.is_admin FROM api_keys k JOIN api_users u ON u.id = k.user_id
            WHERE u.name = \(userName) AND k.revoked_at IS NULL ORDER BY k.is_admin DESC, k.id DESC LIMIT 1
            """).first else { return nil }
        return APIUser(id: try row.decode("user_id"), name: try row.decode("name"), keyID: try row.decode("id"),
                       isAdmin: try row.decode("is_admin"))
    }

    /// The user of an active key, or nil.
    public func authenticate(key: String) throws(PostgresError) -> APIUser? {
        guard APIKey.isWellFormed(key) else { return nil }
        return try authenticate(digest: APIKey.hash(key))
    }

    /// The user of the active key whose SHA-256 is `digest`, or nil.
    public func authenticate(digest: [UInt8]) throws(PostgresError) -> APIUser? {
        guard let row = try db.query("""
            SELECT k.id, k.user_id, u.name, k.is_admin FROM api_keys k JOIN api_users u ON u.id = k.user_id
            WHERE k.key_hash = \(PostgresBytes(digest)) AND k.revoked_at IS NULL
            """).first else { return nil }
        return APIUser(id: try row.decode("user_id"), name: try row.decode("name"), keyID: try row.decode("id"),
                       isAdmin: try row.decode("is_admin"))
    }
}

/// A key operation that cannot be done (unknown user, ...).
public struct KeyStoreError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
