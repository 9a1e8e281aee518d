import Web

/// The nodes: `/me`, `/me/accounts`, `/{id}` (IG User, Page, IG Media), `/{id}/media`, permissions.
enum GraphNodeHandlers {
    static let defaultMediaFields = ["id"]

    /// `/me`: the IG User (Instagram Login), the Facebook user or the Page (Facebook Login).
    static func me(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        let token = try call.requireToken()
        let (account, user) = try owner(of: token, call)
        if call.target.site == .instagramGraph {
            let fields = GraphFields(call.parameter("fields"), defaults: ["id", "username"])
            return GraphResponse.json(try fields.render { GraphRenderer(call: call).user(account, user, field: $0, appScoped: true) })
        }
        let person = token.kind == .page ? account.page.map { ($0.id, $0.name) } : account.facebookUser.map { ($0.id, $0.name) }
        guard let person else { throw GraphError.unparsableToken }
        let fields = GraphFields(call.parameter("fields"), defaults: ["id", "name"])
        return GraphResponse.json(try fields.render { field in
            switch field.name {
            case "id": return .string(person.0)
            case "name": return .string(person.1)
            default: return nil
            }
        })
    }

    /// `/me/accounts` (Facebook Login user token): the Pages the user manages, each with a Page token and its IG account.
    static func pages(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        guard call.target.site == .facebookGraph else { throw GraphError.nonexistingField("accounts") }
        let token = try call.requireToken()
        guard token.kind != .page else { throw GraphError.nonexistingField("accounts") }
        var data: [JSON] = []
        for account in managed(by: token, call) {
            guard let page = account.page, let user = call.world.user(username: account.username) else { continue }
            let pageToken = call.store.issueToken(.page, app: token.appID, username: account.username, scopes: token.scopes, now: call.now)
            data.append(.object([("id", .string(page.id)), ("name", .string(page.name)), ("access_token", .string(pageToken.value)),
                                 ("instagram_business_account", .object([("id", .string(user.fbid)), ("username", .string(user.username))]))]))
        }
        return GraphResponse.json(.object([("data", .array(data)),
                                           ("paging", .object([("cursors", .object([("before", "QVFIUmJlZm9yZQ"), ("after", "QVFIUmFmdGVy")]))]))]))
    }

    /// `/me/media` (Instagram Login): the token's account's media.
    static func myMedia(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        let token = try call.requireToken()
        let (_, user) = try owner(of: token, call)
        return try GraphMediaPage.answer(user, call: call)
    }

    /// `/{id}`: an IG User, a Page or an IG Media the token may see.
    static func node(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        let token = try call.requireToken()
        let id = call.request.parameter("id") ?? ""
        let visible = managed(by: token, call)
        for account in visible {
            guard let user = call.world.user(username: account.username) else { continue }
            if user.fbid == id {
                let fields = GraphFields(call.parameter("fields"), defaults: ["id"])
                return GraphResponse.json(try fields.render { GraphRenderer(call: call).user(account, user, field: $0, appScoped: false) })
            }
            if call.target.site == .facebookGraph, let page = account.page, page.id == id {
                let fields = GraphFields(call.parameter("fields"), defaults: ["id", "name"])
                return GraphResponse.json(try fields.render { field in
                    switch field.name {
                    case "id": return .string(page.id)
                    case "name": return .string(page.name)
                    case "instagram_business_account": return .object([("id", .string(user.fbid))])
                    default: return nil
                    }
                })
            }
        }
        if let hashtag = try GraphHashtagHandlers.node(call, id: id) { return hashtag }
        if let container = try GraphPublishHandlers.container(call, id: id, visible: visible.map(\.username)) { return container }
        if let pk = UInt64(id), let post = call.world.post(pk: pk), !post.deleted,
           visible.contains(where: { call.world.user(username: $0.username)?.pk == post.ownerPK }) {
            let fields = GraphFields(call.parameter("fields"), defaults: ["id"])
            return GraphResponse.json(try fields.render { GraphRenderer(call: call).media(post, field: $0) })
        }
        throw GraphError.unsupportedGet(id)
    }

    /// `/{ig-user-id}/media`.
    static func media(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        let token = try call.requireToken()
        let id = call.request.parameter("id") ?? ""
        for account in managed(by: token, call) {
            if let user = call.world.user(username: account.username), user.fbid == id {
                return try GraphMediaPage.answer(user, call: call)
            }
        }
        throw GraphError.unsupportedGet(id)
    }

    /// `GET /me/permissions`.
    static func permissions(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        let token = try call.requireToken()
        return GraphResponse.json(.object([("data", .array(token.scopes.map {
            .object([("permission", .string($0)), ("status", "granted")])
        }))]))
    }

    /// `DELETE /me/permissions` (Facebook Login): the user's grant to the app ends; every token of it stops working.
    static func revokePermissions(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        guard call.target.site == .facebookGraph else { throw GraphError.unknownPath(call.target.path) }
        let token = try call.requireToken()
        for account in managed(by: token, call) {
            call.store.revoke(username: account.username, app: token.appID, reason: .appRemoved)
        }
        return GraphResponse.json(.object([("success", true)]))
    }

    /// The account a token belongs to.
    static func owner(of token: GraphToken, _ call: GraphCall) throws(GraphError) -> (GraphFixtures.Account, SandboxUser) {
        guard let account = call.fixtures.accounts.first(where: { $0.username == token.username }),
              let user = call.world.user(username: account.username) else { throw GraphError.unparsableToken }
        return (account, user)
    }

    /// The accounts a token may read: its own (Instagram Login, Page token), or every account whose Page its
    /// Facebook user manages (Facebook Login user token).
    static func managed(by token: GraphToken, _ call: GraphCall) -> [GraphFixtures.Account] {
        guard let own = call.fixtures.accounts.first(where: { $0.username == token.username }) else { return [] }
        guard token.kind == .facebookShort || token.kind == .facebookLong, let person = own.facebookUser?.id else { return [own] }
        return call.fixtures.accounts.filter { $0.facebookUser?.id == person && $0.page != nil }
    }
}
