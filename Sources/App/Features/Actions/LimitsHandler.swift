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

    /// `PUT` body: an account's own daily limit per action type, at most the operator's; `null` returns to it.
    struct Change: StrictDecodable {
        static let allowedFields: Set<String> = ["follow", "like", "comment"]
        /// Per family: absent (unchanged), `.some(nil)` (back to the global limit) or the limit.
        var limits: [InstagramAction: Int?] = [:]

        enum CodingKeys: String, CodingKey { case follow, like, comment }

        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            for (key, family) in [(CodingKeys.follow, InstagramAction.follow), (.like, .like), (.comment, .comment)] where c.contains(key) {
                limits[family] = try c.decodeNil(forKey: key) ? .some(nil) : .some(try c.decode(Int.self, forKey: key))
            }
        }
    }

    /// The caller's unexpired session by the path's name: (its username, its Instagram id), else 404.
    static func account(_ request: HTTPRequest, _ context: UserContext) throws -> (String, String) {
        let name = request.parameter("username") ?? ""
        guard InstagramNames.isUsername(name) else { throw ActionError(kind: .sessionNotFound(String(name.prefix(30)))) }
        let store = try InstagramSessionStore(db: try context.database(), box: context.services.secretBox())
        guard let found = try store.instagramUserID(userID: context.user.id, username: name) else {
            throw ActionError(kind: .sessionNotFound(name))
        }
        return (found.username, found.id)
    }

    @Sendable static func set(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let db = try context.database()
        let limits = ActionLimits(db: db, settings: context.configuration.actions)
        let change = try request.decodeJSON(Change.self) { change throws(APIError) in
            var errors: [String: String] = [:]
            for case (let family, let limit?) in change.limits where !(0...limits.globalLimit(family)).contains(limit) {
                errors[family.rawValue] = "must be from 0 to \(limits.globalLimit(family)) (the operator's limit), or null for it"
            }
            guard errors.isEmpty else { throw APIError.validation(errors) }
            return change
        }
        let (_, account) = try account(request, context)
        try db.transaction { tx in
            for (family, limit) in change.limits {
                try ActionStore(db: tx).setOwnLimit(instagramUserID: account, family: family, limit: limit)
            }
        }
        return try show(request, context)
    }

    /// One round trip besides the key's (`ActionStore.limits`): the session, and each family's block, own limit and uses.
    @Sendable static func show(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let name = request.parameter("username") ?? ""
        guard InstagramNames.isUsername(name) else { throw ActionError(kind: .sessionNotFound(String(name.prefix(30)))) }
        let db = try context.database()
        let limits = ActionLimits(db: db, settings: context.configuration.actions)
        let window = RollingWindow.daily(0).seconds
        guard let found = try ActionStore(db: db).limits(userID: context.user.id, username: name, seconds: window) else {
            throw ActionError(kind: .sessionNotFound(name))
        }
        var views: [String: LimitView] = [:]
        for family in [InstagramAction.follow, .like, .comment] {
            let standing = found.standings[family] ?? ActionStore.LimitStanding(used: 0)
            let status = limits.window(family, own: standing.ownLimit).status(used: standing.used, oldest: standing.oldest, now: found.now)
            views[family.rawValue] = LimitView(status, blockedUntil: standing.blockedUntil)
        }
        return .json(Answer(data: Limits(username: found.username, instagramUserID: found.account, limits: views)))
    }
}
