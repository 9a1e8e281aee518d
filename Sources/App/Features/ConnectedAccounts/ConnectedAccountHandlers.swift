import Foundation
import Instagram
import Observability
import Web

/// `/api/sns/instagram/accounts…`, `/account/info`, `/media`: the API user's connected accounts. Another user's
/// account id is a 404; no answer ever holds a token.
enum ConnectedAccountHandlers {
    struct Listed: Encodable {
        var success = true
        var accounts: [ConnectedAccountJSON]
        var count: Int
    }

    struct One: Encodable {
        var success = true
        var account: ConnectedAccountJSON
    }

    struct Info: Encodable {
        var success = true
        var account: AccountInfoJSON
    }

    struct Media: Encodable {
        var success = true
        var accountID: Int64
        var media: [GraphMedia]
        var count: Int
        var limit: Int
        var nextCursor: String?
        var hasMore: Bool
        enum CodingKeys: String, CodingKey {
            case success, media, count, limit
            case accountID = "account_id", nextCursor = "next_cursor", hasMore = "has_more"
        }
    }

    @Sendable static func list(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let accounts = try context.accountRows(.list(userID: context.user.id), store: try context.thread.connectedAccounts())
        return Listed(accounts: accounts.map { ConnectedAccountJSON($0) }, count: accounts.count).json
    }

    /// DELETE `/accounts/{account_id}`: ends what the account granted at Meta (best effort, `MetaDisconnect`), then
    /// forgets the account and its token.
    @Sendable static func delete(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let store = try context.thread.connectedAccounts()
        let account = try find(request.parameter("account_id"), store: store, context: context)
        if account.isConnected, let token = try store.token(of: account) {
            MetaDisconnect.run(account, token: token, store: store, context.thread)
        }
        guard try store.delete(id: account.id, userID: context.user.id) else { throw notFound }
        return .json(["success": JSONValue.bool(true), "deleted": .int(Int(account.id))])
    }

    /// GET `/account/info?account_id=`: the profile, from PostgreSQL while younger than `INSTAGATE_GRAPH_INFO_TTL`
    /// (`refresh=true` reads Meta now). The row may come from the process's `AccountReadCache`.
    @Sendable static func info(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let store = try context.thread.connectedAccounts()
        let account = try find(request.query("account_id"), store: store, context: context, field: "account_id", cached: true)
        let ttl = context.configuration.graph.infoTTL
        let fresh = account.infoRefreshedAt.map { Date().timeIntervalSince($0) < ttl } ?? false
        if fresh && request.query("refresh") != "true" { return Info(account: AccountInfoJSON(account, fromCache: true)).json }
        let access = try context.thread.graphAccess(account.flavour, store: store, logger: context.logger)
        let profile = try context.upstream.withSlot { () throws -> GraphAccount in
            try access.withToken(account) { (token) throws(GraphAPIError) in try access.client.account(igUserID: account.igUserID, token: token) }
        }
        return Info(account: AccountInfoJSON(try store.storeInfo(profile, for: account), fromCache: false)).json
    }

    /// GET `/media?account_id=&limit=&cursor=`: a page of the account's media, newest first (Meta's cursor paging).
    @Sendable static func media(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        var errors: [String: String] = [:]
        let limit = request.queryInteger("limit", default: 25, range: 1...100, errors: &errors)
        let cursor = request.query("cursor")
        checkCursor(cursor, errors: &errors)
        let text = request.query("account_id")
        checkAccountID(text, field: "account_id", errors: &errors)
        guard let limit, errors.isEmpty else { throw APIError.validation(errors) }
        let store = try context.thread.connectedAccounts()
        let account = try find(text, store: store, context: context, field: "account_id")
        let access = try context.thread.graphAccess(account.flavour, store: store, logger: context.logger)
        let page = try context.upstream.withSlot { () throws -> GraphMediaPage in
            try access.withToken(account) { (token) throws(GraphAPIError) in
                try access.client.media(igUserID: account.igUserID, token: token, limit: limit, after: cursor)
            }
        }
        return .json(Media(accountID: account.id, media: page.media, count: page.media.count, limit: limit,
                           nextCursor: page.nextCursor, hasMore: page.nextCursor != nil))
    }

    /// POST `/accounts/{account_id}/refresh`: a new long-lived token now. Meta refuses to refresh an Instagram-Login
    /// token younger than 24 hours (graph-api.md §1.1, code 100): that is 409 `TOKEN_NOT_REFRESHABLE`, the token kept.
    @Sendable static func refresh(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let store = try context.thread.connectedAccounts()
        let account = try find(request.parameter("account_id"), store: store, context: context)
        guard account.isConnected, let token = try store.token(of: account) else { throw ConnectedAccountError.reconnectRequired }
        let access = try context.thread.graphAccess(account.flavour, store: store, logger: context.logger)
        do {
            _ = try context.upstream.withSlot { try access.refresh(account, token: token) }
        } catch let error as GraphAPIError where error.kind == .invalidRequest && account.flavour == .instagram {
            throw APIError(.conflict, "TOKEN_NOT_REFRESHABLE",
                           "Meta did not refresh the token now (code \(error.code ?? 0)): it refreshes an Instagram-Login token only once it is "
                           + "24 hours old. The token stays valid until token_expires_at, and the worker refreshes it before then.")
        }
        guard let updated = try store.account(id: account.id, userID: context.user.id) else { throw notFound }
        return .json(One(account: ConnectedAccountJSON(updated)))
    }

    static let notFound = APIError.notFound("No connected Instagram account with that id.")

    /// The user's account named by `text`: 422 naming `field` when it is missing or not an id, 404 when it is
    /// not one of this user's accounts. `cached`: the row may come from the process's `AccountReadCache` (reads only).
    static func find(_ text: String?, store: ConnectedAccountStore, context: UserContext, field: String? = nil,
                     cached: Bool = false) throws -> ConnectedAccount {
        guard let text, let id = Int64(text), id > 0 else {
            if let field { throw APIError.validation([field: badAccountID]) }
            throw notFound
        }
        let read = AccountRead.account(id: id, userID: context.user.id)
        let account = try cached ? context.accountRows(read, store: store).first : store.account(id: id, userID: context.user.id)
        guard let account else { throw notFound }
        return account
    }

    /// Names `field` in `errors` when `text` is not an account id (a positive whole number), for a handler that names
    /// every bad field at once before `find` looks the account up.
    static func checkAccountID(_ text: String?, field: String, errors: inout [String: String]) {
        if (text.flatMap { Int64($0) } ?? 0) <= 0 { errors[field] = badAccountID }
    }

    /// The account id of an optional filter (`?account_id=`): nil when it is absent, and when it is not an id
    /// (a positive whole number), in which case `field` is named in `errors`.
    static func optionalAccountID(_ text: String?, field: String, errors: inout [String: String]) -> Int64? {
        guard let text else { return nil }
        checkAccountID(text, field: field, errors: &errors)
        return errors[field] == nil ? Int64(text) : nil
    }

    /// Names `cursor` in `errors` when a given cursor is not one Meta could have written (its `after` cursors: at
    /// most 512 characters of letters, digits, `-`, `_` and `=`).
    static func checkCursor(_ cursor: String?, errors: inout [String: String]) {
        if let cursor, cursor.isEmpty || cursor.count > 512 || !cursor.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_=".contains($0)) }) {
            errors["cursor"] = "must be the next_cursor of a previous page"
        }
    }

    /// What a bad account id is told.
    static let badAccountID = "must be the account_id of a connected account"
}
