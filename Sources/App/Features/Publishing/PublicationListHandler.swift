import Foundation
import Web

/// `GET /api/sns/instagram/posts?account_id=&state=&limit=&cursor=`: this API user's posts, newest first, a page
/// at a time (`next_cursor` while `has_more`). Another user's account is a 404; a bad filter is a 422 naming it.
enum PublicationListHandler {
    struct Page: Encodable {
        var success = true
        var posts: [PublicationJSON]
        var count: Int
        var nextCursor: String?
        var hasMore: Bool
        enum CodingKeys: String, CodingKey {
            case success, posts, count
            case nextCursor = "next_cursor", hasMore = "has_more"
        }
    }

    @Sendable static func list(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let filter = try Filter(request)
        if let accountID = filter.accountID {
            let accounts = try context.thread.connectedAccounts()
            guard try accounts.account(id: accountID, userID: context.user.id) != nil else { throw ConnectedAccountHandlers.notFound }
        }
        let rows = try PublicationStore(db: try context.database())
            .list(userID: context.user.id, accountID: filter.accountID, state: filter.state, before: filter.before, limit: filter.limit + 1)
        let page = Array(rows.prefix(filter.limit))
        let more = rows.count > filter.limit
        return .json(Page(posts: page.map { PublicationJSON($0, listed: true) }, count: page.count,
                          nextCursor: more ? page.last.map { String($0.id) } : nil, hasMore: more))
    }

    /// The query, every bad parameter named in one 422.
    struct Filter {
        var accountID: Int64?
        var state: String?
        var before: Int64?
        var limit = 25

        init(_ request: HTTPRequest) throws(APIError) {
            var errors: [String: String] = [:]
            accountID = ConnectedAccountHandlers.optionalAccountID(request.query("account_id"), field: "account_id", errors: &errors)
            if let text = request.query("state") {
                if PublicationStore.states.contains(text) { state = text } else {
                    errors["state"] = "must be one of " + PublicationStore.states.sorted().joined(separator: ", ")
                }
            }
            if let text = request.query("cursor") {
                if let id = Int64(text), id > 0 { before = id } else { errors["cursor"] = "must be the next_cursor of a previous page" }
            }
            limit = request.queryInteger("limit", default: limit, range: 1...100, errors: &errors) ?? limit
            if !errors.isEmpty { throw APIError.validation(errors) }
        }
    }
}
