import Foundation
import Instagram
import Web

/// `GET /api/sns/instagram/{post_id}/insights` (a live reading, stored as a point of the post's history; with
/// `from`/`to`/`format` the stored history) and `GET /api/sns/instagram/account/insights` (the account's daily
/// figures the collector stored, with the collection's state).
enum InsightsHandlers {
    static let notFound = APIError.notFound("No post with that id.")

    struct History: Encodable {
        var success = true
        var postID: Int64
        var accountID: Int64
        var mediaID: String?
        var from: Date
        var to: Date
        var count: Int
        var points: [MediaInsightJSON]

        enum CodingKeys: String, CodingKey {
            case success, from, to, count, points
            case postID = "post_id", accountID = "account_id", mediaID = "media_id"
        }
    }

    struct AccountAnswer: Encodable {
        var success = true
        var accountID: Int64
        var username: String
        var from: Date
        var to: Date
        var count: Int
        var days: [AccountInsightDay]
        var collection: InsightCollectionState

        enum CodingKeys: String, CodingKey {
            case success, username, from, to, count, days, collection
            case accountID = "account_id"
        }
    }

    @Sendable static func post(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        var errors: [String: String] = [:]
        let query = InsightsQuery.parse(request, errors: &errors)
        guard errors.isEmpty else { throw APIError.validation(errors) }
        guard let id = request.parameter("post_id").flatMap({ Int64($0) }), id > 0 else { throw notFound }
        let db = try context.database()
        guard let publication = try PublicationStore(db: db).find(id: id, userID: context.user.id) else { throw notFound }
        let store = InsightStore(db: db)
        if query.asksHistory {
            let points = try store.points(publicationID: id, from: query.from, to: query.to)
            if query.csv { return .bytes(InsightsCSV.posts(points), contentType: "text/csv; charset=utf-8") }
            return History(postID: id, accountID: publication.accountID, mediaID: publication.mediaID, from: query.from, to: query.to,
                           count: points.count, points: points.map(MediaInsightJSON.init)).json
        }
        guard publication.state == "published", let mediaID = publication.mediaID else { throw InsightsError.notPublished(publication.state) }
        let accounts = try context.thread.connectedAccounts()
        guard let account = try accounts.account(id: publication.accountID, userID: context.user.id) else { throw notFound }
        let access = GraphAccountAccess(store: accounts, client: try context.thread.graphClient(account.flavour), logger: context.logger,
                                        settings: context.configuration.graph)
        let known = try store.latestPoint(publicationID: id)?.mediaProductType
        let reading = try context.upstream.withSlot {
            try MediaInsightsReader(access: access, account: account).read(mediaID: mediaID, productType: known)
        }
        let point = try store.addPoint(publication: publication, productType: reading.productType, source: "request",
                                       values: reading.values, missing: reading.missing)
        return .json(MediaInsightJSON(point))
    }

    @Sendable static func account(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        var errors: [String: String] = [:]
        let text = request.query("account_id")
        ConnectedAccountHandlers.checkAccountID(text, field: "account_id", errors: &errors)
        let query = InsightsQuery.parse(request, errors: &errors)
        guard errors.isEmpty else { throw APIError.validation(errors) }
        let accounts = try context.thread.connectedAccounts()
        let account = try ConnectedAccountHandlers.find(text, store: accounts, context: context, field: "account_id")
        let store = InsightStore(db: try context.database())
        let days = try store.days(accountID: account.id, from: query.from, to: query.to)
        if query.csv { return .bytes(InsightsCSV.days(days), contentType: "text/csv; charset=utf-8") }
        let state = try store.collectionState(accountID: account.id) ?? InsightCollectionState(state: "ok")
        return .json(AccountAnswer(accountID: account.id, username: account.username, from: query.from, to: query.to, count: days.count,
                                   days: days, collection: state))
    }
}
