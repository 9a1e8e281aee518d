import Foundation

extension GraphAPIClient {
    /// What the code exchange gave: a short-lived token and, on Instagram Login, the account's id and the granted scopes.
    public struct CodeExchange: Sendable {
        public var token: GraphAccessToken
        public var igUserID: String?
        public var permissions: [String]
    }

    /// Code → short-lived token. Instagram Login's answer comes as `{"data":[…]}` or flat, `user_id` as a number or
    /// a string, `permissions` as a comma string or a list: all are read.
    public func exchange(code: String) throws(GraphAPIError) -> CodeExchange {
        let fields = [("client_id", app.appID), ("client_secret", app.appSecret), ("grant_type", "authorization_code"),
                      ("redirect_uri", app.redirectURI), ("code", code)]
        let object = try call("POST", app.codeExchangeURL, form: fields)
        let entry = (object["data"] as? [[String: Any]])?.first ?? object
        guard let value = entry["access_token"] as? String, !value.isEmpty else {
            throw GraphAPIError(kind: .badAnswer, status: 200, message: "the code exchange answered no access_token")
        }
        let userID: String? = (entry["user_id"] as? String) ?? (entry["user_id"] as? NSNumber).map { $0.stringValue }
        let permissions: [String]
        if let text = entry["permissions"] as? String {
            permissions = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        } else {
            permissions = entry["permissions"] as? [String] ?? []
        }
        return CodeExchange(token: GraphAccessToken(value: value, expiresIn: GraphAPIClient.seconds(entry["expires_in"])),
                            igUserID: userID, permissions: permissions)
    }

    /// Short-lived → long-lived (60 days).
    public func longLived(_ short: String) throws(GraphAPIError) -> GraphAccessToken {
        switch app.flavour {
        case .instagram:
            return try tokenAnswer(call("GET", app.graphURL + "/access_token",
                                        query: [("grant_type", "ig_exchange_token"), ("client_secret", app.appSecret)], token: short))
        case .facebook:
            // A form POST (as MIXPOST sends it): the token must not be in a URL that a proxy or Meta's edge logs.
            return try tokenAnswer(call("POST", app.apiURL + "/oauth/access_token", form: [
                ("grant_type", "fb_exchange_token"), ("client_id", app.appID), ("client_secret", app.appSecret),
                ("fb_exchange_token", short)]))
        }
    }

    /// A long-lived token → a new one valid 60 days from now (Instagram Login: `ig_refresh_token`, at least 24 h
    /// old and unexpired; Facebook Login: exchanged again while unexpired).
    public func refresh(_ long: String) throws(GraphAPIError) -> GraphAccessToken {
        switch app.flavour {
        case .instagram:
            return try tokenAnswer(call("GET", app.graphURL + "/refresh_access_token", query: [("grant_type", "ig_refresh_token")], token: long))
        case .facebook:
            return try longLived(long)
        }
    }

    /// Ends the app's grant where the flavour allows it (Facebook Login: `DELETE /me/permissions`); Instagram Login
    /// has no revocation call, so nothing is sent.
    public func revoke(_ token: String) throws(GraphAPIError) {
        guard app.flavour == .facebook else { return }
        _ = try call("DELETE", app.apiURL + "/me/permissions", token: token)
    }

    func tokenAnswer(_ object: [String: Any]) throws(GraphAPIError) -> GraphAccessToken {
        guard let value = object["access_token"] as? String, !value.isEmpty else {
            throw GraphAPIError(kind: .badAnswer, status: 200, message: "the token endpoint answered no access_token")
        }
        return GraphAccessToken(value: value, expiresIn: GraphAPIClient.seconds(object["expires_in"]))
    }

    static func seconds(_ value: Any?) -> Int? {
        (value as? NSNumber)?.intValue ?? (value as? String).flatMap { Int($0) }
    }
}
