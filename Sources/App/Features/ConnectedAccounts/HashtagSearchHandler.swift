import Foundation
import Instagram
import Web

/// `GET /api/sns/instagram/hashtags/search?account_id=&q=&type=top|recent&limit=&cursor=`: a hashtag's top or recent
/// public media through an account connected with Facebook Login, within Meta's 30 unique hashtags per account per
/// 7 days (the answer says how many remain; a 31st is refused before Meta is asked).
enum HashtagSearchHandler {
    static let weeklyLimit = 30

    struct Answer: Encodable {
        var success = true
        var accountID: Int64
        var hashtag: Hashtag
        var type: String
        var media: [GraphMedia]
        var count: Int
        var nextCursor: String?
        var hasMore: Bool
        var searchedThisWeek: Int
        var remainingThisWeek: Int

        struct Hashtag: Encodable { var id: String; var name: String }

        enum CodingKeys: String, CodingKey {
            case success, hashtag, type, media, count
            case accountID = "account_id", nextCursor = "next_cursor", hasMore = "has_more"
            case searchedThisWeek = "hashtags_searched_this_week", remainingThisWeek = "hashtags_remaining_this_week"
        }
    }

    @Sendable static func search(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let (tag, top, limit, cursor) = try validate(request)
        let store = try context.thread.connectedAccounts()
        let account = try ConnectedAccountHandlers.find(request.query("account_id"), store: store, context: context, field: "account_id")
        guard account.flavour == .facebook else {
            throw APIError.validation(["account_id": "hashtag search needs an account connected through Facebook Login (Meta offers none with Instagram Login)"])
        }
        let access = try context.thread.graphAccess(account.flavour, store: store, logger: context.logger)
        let client = access.client
        let answer = try context.upstream.withSlot { () throws -> Answer in
            try access.withToken(account) { (token) throws(GraphAPIError) -> Answer in
                let before = try client.recentlySearchedHashtags(igUserID: account.igUserID, token: token)
                let known = before.contains { $0.name?.lowercased() == tag }
                if !known && before.count >= weeklyLimit { throw GraphAPIError(kind: .rateLimited, status: 400, code: 100, message: "weekly hashtag limit") }
                let id = try client.hashtagID(tag, igUserID: account.igUserID, token: token)
                let page = try client.hashtagMedia(id, igUserID: account.igUserID, token: token, top: top, limit: limit, after: cursor)
                let searched = before.count + (known || before.contains { $0.id == id } ? 0 : 1)
                return Answer(accountID: account.id, hashtag: .init(id: id, name: tag), type: top ? "top" : "recent", media: page.media,
                              count: page.media.count, nextCursor: page.nextCursor, hasMore: page.nextCursor != nil,
                              searchedThisWeek: searched, remainingThisWeek: max(0, weeklyLimit - searched))
            }
        }
        return .json(answer)
    }

    /// The hashtag (without `#`, lower case), top or recent, the page size and cursor; 422 naming every bad one.
    static func validate(_ request: HTTPRequest) throws -> (String, Bool, Int, String?) {
        var errors: [String: String] = [:]
        var tag = (request.query("q") ?? "").lowercased()
        if tag.hasPrefix("#") { tag.removeFirst() }
        if tag.isEmpty || tag.count > 100 || !tag.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
            errors["q"] = "must be one hashtag (letters, digits, _; no spaces or emoji)"
        }
        let type = request.query("type") ?? "top"
        if type != "top" && type != "recent" { errors["type"] = "must be top or recent" }
        let limit = request.queryInteger("limit", default: 25, range: 1...50, errors: &errors) ?? 25
        let cursor = request.query("cursor")
        ConnectedAccountHandlers.checkCursor(cursor, errors: &errors)
        ConnectedAccountHandlers.checkAccountID(request.query("account_id"), field: "account_id", errors: &errors)
        guard errors.isEmpty else { throw APIError.validation(errors) }
        return (tag, type == "top", limit, cursor)
    }
}
