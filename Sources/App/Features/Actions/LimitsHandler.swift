import Foundation
import Instagram
import Web

/// `GET /api/instagram/limits/{username}`: where the account of a saved session stands against its daily limits
/// (`data.limits.follow|like|comment` with `limit`, `used`, `remaining`, `reset_at`, and `blocked_until` while
/// Instagram's block holds). Another API user's session is a 404.
enum LimitsHandler {
    struct Limits: Encodable {
        var username: String
        var instagramUserID: String
        var limits: [String: LimitView]

        enum CodingKeys: String, CodingKey {
            case username, limits
            case instagramUserID = "instagram_user_id"
        }
    }

    @Sendable static func show(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let name = request.parameter("username") ?? ""
        guard InstagramNames.isUsername(name) else { throw ActionError(kind: .sessionNotFound(String(name.prefix(30)))) }
        let db = try context.database()
        let store = try InstagramSessionStore(db: db, box: context.services.secretBox())
        guard let (username, account) = try store.instagramUserID(userID: context.user.id, username: name) else {
            throw ActionError(kind: .sessionNotFound(name))
        }
        let limits = ActionLimits(db: db, settings: context.configuration.actions)
        let actions = ActionStore(db: db)
        var views: [String: LimitView] = [:]
        for family in [InstagramAction.follow, .like, .comment] {
            views[family.rawValue] = LimitView(try limits.status(family, account: account),
                                               blockedUntil: try actions.blockedUntil(instagramUserID: account, family: family))
        }
        return .json(Answer(data: Limits(username: username, instagramUserID: account, limits: views)))
    }
}
