import Web

/// The token endpoints: code → short-lived token (both logins), short → long-lived, and Instagram Login's refresh.
enum GraphTokenHandlers {
    /// POST `api.instagram.com/oauth/access_token` (Instagram Login): errors in the flat shape.
    static func instagramCode(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        guard call.target.site == .instagramAPI else { throw GraphError.unknownPath(call.target.path) }
        call.mergeBasicCredentials()
        guard let app = call.parameter("client_id").flatMap(call.store.app), app.flavour == .instagram else {
            throw GraphError.instagramOAuth("Invalid platform app")
        }
        guard call.parameter("client_secret") == app.secret else { throw GraphError.instagramOAuth("Error validating client secret.") }
        guard call.parameter("grant_type") == "authorization_code" else { throw GraphError.instagramOAuth("Invalid grant_type: use authorization_code") }
        guard let value = call.parameter("code"), !value.isEmpty else { throw GraphError.instagramOAuth("Missing required parameter: code") }
        let code: GraphCode
        switch call.store.redeem(code: strip(value), app: app.id, redirectURI: call.parameter("redirect_uri") ?? "", now: call.now) {
        case .success(let redeemed): code = redeemed
        case .failure(.redirectMismatch):
            throw GraphError.instagramOAuth("Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request.")
        case .failure:
            throw GraphError.instagramOAuth("Matching code was not found or was already used")
        }
        let token = call.store.issueToken(.instagramShort, app: app.id, username: code.username, scopes: code.scopes, now: call.now)
        let userID = call.world.user(username: code.username).map { JSON.raw(Array($0.fbid.utf8)) } ?? .null
        let permissions = JSON.string(code.scopes.joined(separator: ","))
        let entry: [(String, JSON)] = [("access_token", .string(token.value)), ("user_id", userID), ("permissions", permissions)]
        return GraphResponse.json(call.store.limits.flatTokenShape ? .object(entry) : .object([("data", .array([.object(entry)]))]))
    }

    /// `graph.facebook.com/oauth/access_token`: a code for a short-lived user token, or `grant_type=fb_exchange_token`
    /// for a long-lived one (from an unexpired user token).
    static func facebookExchange(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        guard call.target.site == .facebookGraph else { throw GraphError.unknownPath(call.target.path) }
        call.mergeBasicCredentials()
        guard let app = try call.require("client_id").nonEmptyApp(call), app.flavour == .facebook else {
            throw GraphError.graph("invalid_app", "Error validating application. Invalid application ID.", code: 101)
        }
        guard try call.require("client_secret") == app.secret else {
            throw GraphError.graph("invalid_secret", "Error validating client secret.", code: 1)
        }
        if call.parameter("grant_type") == "fb_exchange_token" {
            let old = try GraphCall.check(try call.require("fb_exchange_token"), store: call.store, site: .facebookGraph, now: call.now)
            guard old.kind == .facebookShort || old.kind == .facebookLong, old.appID == app.id else { throw GraphError.unparsableToken }
            return tokenAnswer(call.store.issueToken(.facebookLong, app: app.id, username: old.username, scopes: old.scopes, now: call.now), now: call.now)
        }
        let code: GraphCode
        switch call.store.redeem(code: strip(try call.require("code")), app: app.id, redirectURI: try call.require("redirect_uri"), now: call.now) {
        case .success(let redeemed): code = redeemed
        case .failure(.used): throw GraphError.graph("code_used", "This authorization code has been used.", code: 100, subcode: 36009)
        case .failure(.expired): throw GraphError.graph("code_expired", "This authorization code has expired.", code: 100, subcode: 36007)
        case .failure(.redirectMismatch):
            throw GraphError.graph("redirect_mismatch", "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request",
                                   code: 100, subcode: 36008)
        case .failure: throw GraphError.graph("invalid_code", "Invalid verification code format.", code: 100, subcode: 36010)
        }
        return tokenAnswer(call.store.issueToken(.facebookShort, app: app.id, username: code.username, scopes: code.scopes, now: call.now), now: call.now)
    }

    /// GET `graph.instagram.com/access_token?grant_type=ig_exchange_token&client_secret=…&access_token=<short>`.
    static func instagramLongLived(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        guard call.target.site == .instagramGraph else { throw GraphError.unknownPath(call.target.path) }
        guard try call.require("grant_type") == "ig_exchange_token" else {
            throw GraphError.graph("invalid_grant", "(#100) Unsupported grant_type: use ig_exchange_token", code: 100)
        }
        let secret = try call.require("client_secret")
        guard let value = call.presentedToken else { throw GraphError.missingParameter("access_token") }
        let short = try GraphCall.check(value, store: call.store, site: .instagramGraph, now: call.now)
        guard call.store.app(short.appID)?.secret == secret else {
            throw GraphError.graph("invalid_secret", "Error validating client secret.", code: 1)
        }
        guard short.kind == .instagramShort else {
            throw GraphError.graph("not_short_lived", "(#100) The access token is already long-lived; refresh it with ig_refresh_token", code: 100)
        }
        return tokenAnswer(call.store.issueToken(.instagramLong, app: short.appID, username: short.username, scopes: short.scopes, now: call.now), now: call.now)
    }

    /// GET `graph.instagram.com/refresh_access_token?grant_type=ig_refresh_token&access_token=<long>`: a long-lived
    /// token at least 24 hours old and unexpired becomes a new one valid 60 days from now.
    static func instagramRefresh(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        guard call.target.site == .instagramGraph else { throw GraphError.unknownPath(call.target.path) }
        guard try call.require("grant_type") == "ig_refresh_token" else {
            throw GraphError.graph("invalid_grant", "(#100) Unsupported grant_type: use ig_refresh_token", code: 100)
        }
        guard let value = call.presentedToken else { throw GraphError.missingParameter("access_token") }
        let old = try GraphCall.check(value, store: call.store, site: .instagramGraph, now: call.now)
        guard old.kind == .instagramLong else {
            throw GraphError.graph("not_long_lived", "(#100) Only a long-lived access token can be refreshed", code: 100)
        }
        guard call.now - old.issuedAt >= 86_400 else {
            throw GraphError.graph("too_early", "(#100) The access token can be refreshed only 24 hours after it was issued", code: 100)
        }
        guard old.scopes.contains("instagram_business_basic") else {
            throw GraphError.graph("missing_permission", "(#10) The user has not granted instagram_business_basic", code: 10)
        }
        return tokenAnswer(call.store.issueToken(.instagramLong, app: old.appID, username: old.username, scopes: old.scopes, now: call.now), now: call.now)
    }

    static func tokenAnswer(_ token: GraphToken, now: Double) -> HTTPResponse {
        var fields: [(String, JSON)] = [("access_token", .string(token.value)), ("token_type", "bearer")]
        if let left = token.remaining(at: now) { fields.append(("expires_in", .int(Int64(left)))) }
        return GraphResponse.json(.object(fields))
    }

    /// A code without the `#_` Meta appends to the redirect.
    static func strip(_ code: String) -> String {
        code.hasSuffix("#_") ? String(code.dropLast(2)) : code
    }
}

private extension String {
    func nonEmptyApp(_ call: GraphCall) -> GraphFixtures.App? { call.store.app(self) }
}
