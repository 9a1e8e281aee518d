import Foundation
import Postgres

/// Every statement of webhook intake: the events as received, and what Meta's callbacks change in
/// `instagram_accounts`.
struct MetaWebhookStore {
    let db: PostgresConnection

    /// Stores a verified delivery; its id.
    @discardableResult
    func record(kind: String, object: String?, subjectID: String?, payload: String, confirmationCode: String? = nil,
                affected: Int = 0) throws -> Int64 {
        try db.query("""
            INSERT INTO instagram_webhook_events (kind, object, subject_id, payload, confirmation_code, accounts_affected)
            VALUES (\(kind), \(object), \(subjectID), \(payload)::jsonb, \(confirmationCode), \(affected)) RETURNING id
            """).exactlyOne().decode("id")
    }

    /// The user removed the app: every account of that app-scoped (or IG) user id is disconnected and its token dropped.
    func deauthorize(userID: String) throws -> Int {
        try db.query("""
            UPDATE instagram_accounts SET status = 'reconnect_required', status_reason = 'deauthorized at Meta',
                sealed_token = NULL, updated_at = now()
            WHERE app_scoped_id = \(userID) OR ig_user_id = \(userID)
            """).affectedRows
    }

    /// The user asked Meta to delete their data: every account of that user id, its token and profile, is removed.
    func deleteData(userID: String) throws -> Int {
        try db.query("DELETE FROM instagram_accounts WHERE app_scoped_id = \(userID) OR ig_user_id = \(userID)").affectedRows
    }

    /// A data-deletion request by its confirmation code: when it was received and how many accounts it removed.
    func deletion(code: String) throws -> (receivedAt: Date, affected: Int)? {
        guard let row = try db.query("""
            SELECT received_at, accounts_affected FROM instagram_webhook_events
            WHERE kind = 'data_deletion' AND confirmation_code = \(code)
            """).first else { return nil }
        return (try row.decode("received_at"), try row.decode("accounts_affected"))
    }
}
