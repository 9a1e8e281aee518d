import Foundation
import Postgres

/// API users and their keys in PostgreSQL.
public struct APIKeyStore {
    let db: PostgresConnection

    public init(db: PostgresConnection) {
        self.db = db
    }

    /// A key as listed (never the key itself).
    public struct Listing: Sendable, Codable, PostgresRecord {
        public var id: Int64
        public var userID: Int64
        public var userName: String
        public var name: String
        public var prefix: String
        public var createdAt: Date
        public var revokedAt: Date?

        /// Reads `id, user_id, user_name, name, key_prefix, created_at, revoked_at`.
        public init(row: PostgresRow) throws(PostgresError) {
            id = try row.decode("id")
            userID = try row.decode("user_id")
            userName = try row.decode("user_name")
            name = try row.decode("name")
            prefix = try row.decode("key_prefix")
            createdAt = try row.decode("created_at")
            revokedAt = try row.decodeIfPresent("revoked_at")
        }
    }

    /// Creates a key; for a new user named `name` unless `userID` names an existing one.
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
            return try tx.query("""
                INSERT INTO api_keys (user_id, name, key_hash, key_prefix)
                VALUES (\(owner), \(name), \(PostgresBytes(APIKey.hash(key))), \(APIKey.displayPrefix(key)))
                RETURNING id
                """).exactlyOne().decode("id")
        }
        guard let listing = try list().first(where: { $0.id == id }) else { throw KeyStoreError("key \(id) vanished") }
        return (key, listing)
    }

    /// Every key (or one user's), newest first.
    public func list(userID: Int64? = nil) throws -> [Listing] {
        try db.query("""
            SELECT k.id, k.user_id, u.name AS user_name, k.name, k.key_prefix, k.created_at, k.revoked_at
            FROM api_keys k JOIN api_users u ON u.id = k.user_id
            WHERE \(userID == nil) OR k.user_id = \(userID ?? 0)
            ORDER BY k.id DESC
            """, as: Listing.self)
    }

    /// Whether an API user with this id exists.
    public func userExists(id: Int64) throws(PostgresError) -> Bool {
        try !db.query("SELECT 1 FROM api_users WHERE id = \(id)").isEmpty
    }

    /// Revokes a key by id; false when there is no such active key.
    public func revoke(id: Int64) throws -> Bool {
        try db.query("UPDATE api_keys SET revoked_at = now() WHERE id = \(id) AND revoked_at IS NULL").affectedRows == 1
    }

    /// The API user named `userName` through their newest active key (open access), or nil.
    public func newestActiveKey(userName: String) throws(PostgresError) -> APIUser? {
        guard let row = try db.query("""
            SELECT k.id, k.user_id, u.name FROM api_keys k JOIN api_users u ON u.id = k.user_id
            WHERE u.name = \(userName) AND k.revoked_at IS NULL ORDER BY k.id DESC LIMIT 1
            """).first else { return nil }
        return APIUser(id: try row.decode("user_id"), name: try row.decode("name"), keyID: try row.decode("id"))
    }

    /// The user of an active key, or nil.
    public func authenticate(key: String) throws(PostgresError) -> APIUser? {
        guard APIKey.isWellFormed(key) else { return nil }
        guard let row = try db.query("""
            SELECT k.id, k.user_id, u.name FROM api_keys k JOIN api_users u ON u.id = k.user_id
            WHERE k.key_hash = \(PostgresBytes(APIKey.hash(key))) AND k.revoked_at IS NULL
            """).first else { return nil }
        return APIUser(id: try row.decode("user_id"), name: try row.decode("name"), keyID: try row.decode("id"))
    }
}

/// A key operation that cannot be done (unknown user, ...).
public struct KeyStoreError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
