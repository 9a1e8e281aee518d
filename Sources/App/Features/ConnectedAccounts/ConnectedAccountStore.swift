import Foundation
import Instagram
import Postgres

/// Every statement of connected accounts: `instagram_accounts` (tokens sealed with the `SecretBox`) and
/// `instagram_oauth_states`.
struct ConnectedAccountStore {
    let db: PostgresConnection
    let box: SecretBox
    /// Called after each statement that changed an account (a responder empties its `AccountReadCache` at once; the
    /// other processes learn it by notice).
    var changed: @Sendable () -> Void = {}

    // MARK: states

    func saveState(_ state: OAuthState) throws {
        try db.query("""
            INSERT INTO instagram_oauth_states (nonce, user_id, flavour, expires_at)
            VALUES (\(state.nonce), \(state.userID), \(state.flavour.rawValue), to_timestamp(\(state.expires)))
            """)
        try db.query("DELETE FROM instagram_oauth_states WHERE expires_at < now() - interval '1 day'")
    }

    /// What became of a state when it was presented.
    enum StateUse { case accepted, unknown, replayed }

    /// Marks the state used, once: `replayed` when it already was, `unknown` when no row has it.
    func useState(_ state: OAuthState) throws -> StateUse {
        let used = try db.query("""
            UPDATE instagram_oauth_states SET used_at = now()
            WHERE nonce = \(state.nonce) AND user_id = \(state.userID) AND used_at IS NULL RETURNING nonce
            """)
        if !used.isEmpty { return .accepted }
        let known = try db.query("SELECT 1 FROM instagram_oauth_states WHERE nonce = \(state.nonce) AND user_id = \(state.userID)")
        return known.isEmpty ? .unknown : .replayed
    }

    // MARK: accounts

    /// Creates or updates the account of an API user with a fresh token; it is connected again.
    func connect(userID: Int64, flavour: GraphFlavour, account: GraphAccount, token: GraphAccessToken, now: Date = Date()) throws -> ConnectedAccount {
        let sealed = box.seal(token.value, context: ConnectedAccount.tokenContext(userID: userID, igUserID: account.igUserID))
        let expires = token.expiresIn.map { now.addingTimeInterval(Double($0)) }
        defer { changed() }
        return try db.queryExactlyOne("""
            INSERT INTO instagram_accounts (user_id, flavour, ig_user_id, username, name, account_type, biography, website,
                profile_picture_url, followers_count, follows_count, media_count, page_id, app_scoped_id, sealed_token, token_expires_at,
                token_refreshed_at, status, status_reason, info_refreshed_at)
            VALUES (\(userID), \(flavour.rawValue), \(account.igUserID), \(account.username), \(account.name), \(account.accountType),
                \(account.biography), \(account.website), \(account.profilePictureURL), \(account.followersCount),
                \(account.followsCount), \(account.mediaCount), \(account.pageID), \(account.appScopedID), \(PostgresBytes(sealed)), \(expires),
                \(now), 'connected', NULL, \(now))
            ON CONFLICT (user_id, ig_user_id) DO UPDATE SET flavour = EXCLUDED.flavour, username = EXCLUDED.username,
                name = EXCLUDED.name, account_type = EXCLUDED.account_type, biography = EXCLUDED.biography,
                website = EXCLUDED.website, profile_picture_url = EXCLUDED.profile_picture_url,
                followers_count = EXCLUDED.followers_count, follows_count = EXCLUDED.follows_count,
                media_count = EXCLUDED.media_count, page_id = EXCLUDED.page_id,
                app_scoped_id = COALESCE(EXCLUDED.app_scoped_id, instagram_accounts.app_scoped_id), sealed_token = EXCLUDED.sealed_token,
                token_expires_at = EXCLUDED.token_expires_at, token_refreshed_at = EXCLUDED.token_refreshed_at,
                status = 'connected', status_reason = NULL, info_refreshed_at = EXCLUDED.info_refreshed_at, updated_at = now()
            RETURNING \(unsafeSQL: ConnectedAccount.columns)
            """, as: ConnectedAccount.self)
    }

    /// Records the account's webhook subscription after a connect: the fields Meta accepted, or why it failed.
    func storeWebhookSubscription(_ account: ConnectedAccount, fields: [String]?, error: String?) throws -> ConnectedAccount {
        defer { changed() }
        return try db.queryExactlyOne("""
            UPDATE instagram_accounts SET webhook_fields = \(fields?.joined(separator: ",")), webhook_error = \(error)
            WHERE id = \(account.id) RETURNING \(unsafeSQL: ConnectedAccount.columns)
            """, as: ConnectedAccount.self)
    }

    /// This API user's accounts, most recently connected first.
    func list(userID: Int64) throws -> [ConnectedAccount] {
        try db.query("""
            SELECT \(unsafeSQL: ConnectedAccount.columnsWithUsage) FROM instagram_accounts a
            LEFT JOIN graph_usage u ON u.subject = 'account:' || a.ig_user_id
            WHERE a.user_id = \(userID) ORDER BY a.created_at DESC, a.id DESC
            """, as: ConnectedAccount.self)
    }

    /// One account of this API user; nil for none (another user's is none too).
    func account(id: Int64, userID: Int64) throws -> ConnectedAccount? {
        try db.queryOne("""
            SELECT \(unsafeSQL: ConnectedAccount.columnsWithUsage) FROM instagram_accounts a
            LEFT JOIN graph_usage u ON u.subject = 'account:' || a.ig_user_id
            WHERE a.id = \(id) AND a.user_id = \(userID)
            """, as: ConnectedAccount.self)
    }

    /// The account's token, opened; nil when none is stored (disconnected).
    func token(of account: ConnectedAccount) throws -> String? {
        let rows = try db.query("SELECT sealed_token FROM instagram_accounts WHERE id = \(account.id)")
        guard let row = rows.first, let sealed: PostgresBytes = try row.decodeIfPresent("sealed_token") else { return nil }
        return try box.openString(sealed.bytes, context: ConnectedAccount.tokenContext(userID: account.userID, igUserID: account.igUserID))
    }

    /// Stores a refreshed token.
    func storeToken(_ token: GraphAccessToken, for account: ConnectedAccount, now: Date = Date()) throws {
        let sealed = box.seal(token.value, context: ConnectedAccount.tokenContext(userID: account.userID, igUserID: account.igUserID))
        let expires = token.expiresIn.map { now.addingTimeInterval(Double($0)) }
        defer { changed() }
        try db.query("""
            UPDATE instagram_accounts SET sealed_token = \(PostgresBytes(sealed)), token_expires_at = \(expires),
                token_refreshed_at = \(now), status = 'connected', status_reason = NULL, updated_at = now()
            WHERE id = \(account.id)
            """)
    }

    /// The account needs its user to connect it again; the token is dropped (it no longer works).
    func requireReconnect(_ account: ConnectedAccount, reason: String) throws {
        defer { changed() }
        try db.query("""
            UPDATE instagram_accounts SET status = 'reconnect_required', status_reason = \(reason), sealed_token = NULL,
                updated_at = now() WHERE id = \(account.id)
            """)
    }

    /// Stores the profile read from Meta.
    func storeInfo(_ info: GraphAccount, for account: ConnectedAccount) throws -> ConnectedAccount {
        defer { changed() }
        return try db.queryExactlyOne("""
            UPDATE instagram_accounts SET username = \(info.username), name = \(info.name), account_type = COALESCE(\(info.accountType), account_type),
                biography = \(info.biography), website = \(info.website), profile_picture_url = \(info.profilePictureURL),
                followers_count = \(info.followersCount), follows_count = \(info.followsCount), media_count = \(info.mediaCount),
                info_refreshed_at = now(), updated_at = now()
            WHERE id = \(account.id) RETURNING \(unsafeSQL: ConnectedAccount.columns)
            """, as: ConnectedAccount.self)
    }

    /// Whether another connection of instagate (another API user's row) holds the same Instagram account through the
    /// same login: Meta keeps one webhook subscription per account and app, which that connection still needs.
    func sharesAppWithAnotherConnection(_ account: ConnectedAccount) throws -> Bool {
        try !db.query("""
            SELECT 1 FROM instagram_accounts WHERE ig_user_id = \(account.igUserID) AND flavour = \(account.flavour.rawValue)
              AND id <> \(account.id) AND status = 'connected' LIMIT 1
            """).isEmpty
    }

    /// Removes the account and its token; false when this user has no such account.
    func delete(id: Int64, userID: Int64) throws -> Bool {
        defer { changed() }
        return try db.query("DELETE FROM instagram_accounts WHERE id = \(id) AND user_id = \(userID)").affectedRows > 0
    }

    /// Connected accounts whose profile was read more than `olderThan` seconds ago (or never), oldest first.
    func staleInfo(olderThan: Double, limit: Int) throws -> [ConnectedAccount] {
        try db.query("""
            SELECT \(unsafeSQL: ConnectedAccount.columns) FROM instagram_accounts
            WHERE status = 'connected' AND sealed_token IS NOT NULL
              AND (info_refreshed_at IS NULL OR info_refreshed_at <= now() - make_interval(secs => \(olderThan)::double precision))
            ORDER BY info_refreshed_at NULLS FIRST, id LIMIT \(limit)
            """, as: ConnectedAccount.self)
    }

    /// Connected accounts whose token expires before `before` and was not refreshed in the last 24 hours
    /// (Meta refuses younger tokens), soonest first.
    func dueForRefresh(before: Date, includeRecent: Bool = false, limit: Int = 200) throws -> [ConnectedAccount] {
        try db.query("""
            SELECT \(unsafeSQL: ConnectedAccount.columns) FROM instagram_accounts
            WHERE status = 'connected' AND sealed_token IS NOT NULL AND token_expires_at < \(before)
              AND (\(includeRecent) OR token_refreshed_at IS NULL OR token_refreshed_at < now() - interval '24 hours')
            ORDER BY token_expires_at LIMIT \(limit)
            """, as: ConnectedAccount.self)
    }
}
