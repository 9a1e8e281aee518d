import Foundation
import Postgres

/// The two reads answered from PostgreSQL (`GET /accounts`, `GET /account/info`) as one statement each that also
/// checks the API key: the active key (the same test as `APIKeyStore.authenticate`) in a CTE, its user's rows
/// joined to it. No row: the key is unknown or revoked. One round trip instead of two is most of what separates
/// these reads from `/health` (`deploy/bench graph`).
extension ConnectedAccountStore {
    /// The key's user and, when `accountID` is given, that account of the user (nil: none, or another user's);
    /// otherwise every account of the user, most recently connected first. nil when no active key has `keyHash`.
    func accounts(keyHash: [UInt8], accountID: Int64? = nil) throws -> (user: APIUser, accounts: [ConnectedAccount])? {
        let rows = try db.query("""
            WITH k AS (
                SELECT k.id AS key_id, k.user_id AS key_user_id, u.name AS key_user_name, k.is_admin AS key_is_admin
                FROM api_keys k JOIN api_users u ON u.id = k.user_id
                WHERE k.key_hash = \(PostgresBytes(keyHash)) AND k.revoked_at IS NULL
            )
            SELECT k.key_id, k.key_user_id, k.key_user_name, k.key_is_admin, \(unsafeSQL: ConnectedAccount.columnsWithUsage)
            FROM k LEFT JOIN instagram_accounts a ON a.user_id = k.key_user_id AND (\(accountID ?? 0) = 0 OR a.id = \(accountID ?? 0))
            LEFT JOIN graph_usage u ON u.subject = 'account:' || a.ig_user_id
            ORDER BY a.created_at DESC, a.id DESC
            """)
        guard let first = rows.first else { return nil }
        let user = APIUser(id: try first.decode("key_user_id"), name: try first.decode("key_user_name"),
                           keyID: try first.decode("key_id"), isAdmin: try first.decode("key_is_admin"))
        var accounts: [ConnectedAccount] = []
        for row in rows {
            guard try row.decodeIfPresent("id", as: Int64.self) != nil else { continue }   // the user has none
            accounts.append(try row.decode(as: ConnectedAccount.self))
        }
        return (user, accounts)
    }
}
