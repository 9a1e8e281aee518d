import Web

/// The authorize pages of both logins: a real HTML page with the account to log in as and the consent buttons
/// (so a browser can click it), and the decision that redirects to the app with a code or `error=access_denied`.
enum GraphConsentHandlers {
    /// What an authorize request asks for, checked against the app.
    struct Request {
        var app: GraphFixtures.App
        var redirectURI: String
        var scopes: [String]
        var state: String?
    }

    /// GET: the consent page (or an error page when the app or its redirect URI is wrong: Meta never redirects then).
    static func page(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        let asked = try validate(call)
        let accounts = candidates(for: asked.app.flavour, call: call)
        return html(GraphConsentPage.render(app: asked.app, scopes: asked.scopes, accounts: accounts.map(\.username),
                                            parameters: call.parameters))
    }

    /// POST: `decision=allow` (with `account=<username>`) redirects with a code; anything else with `error=access_denied`.
    static func decide(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        let asked = try validate(call)
        var query: [(String, String)]
        if call.parameter("decision") == "allow" {
            let accounts = candidates(for: asked.app.flavour, call: call)
            let wanted = call.parameter("account") ?? accounts.first?.username ?? ""
            guard accounts.contains(where: { $0.username == wanted }) else {
                return html(GraphConsentPage.error("This account cannot use \(asked.app.name): it is not a professional account."), status: .badRequest)
            }
            let code = call.store.issueCode(app: asked.app, username: wanted, redirectURI: asked.redirectURI, scopes: asked.scopes, now: call.now)
            query = [("code", code)]
        } else {
            let description = asked.app.flavour == .instagram ? "The user denied your request" : "Permissions error"
            query = [("error", "access_denied"), ("error_reason", "user_denied"), ("error_description", description)]
        }
        if let state = asked.state { query.append(("state", state)) }
        let separator = asked.redirectURI.contains("?") ? "&" : "?"
        let fragment = asked.app.flavour == .instagram ? "#_" : "#_=_"
        let location = asked.redirectURI + separator + query.map { "\($0.0)=\(PercentDecoding.encode($0.1))" }.joined(separator: "&") + fragment
        return HTTPResponse(status: .found, headers: HTTPHeaders([("Location", location), ("Content-Type", "text/html; charset=utf-8")]))
    }

    static func validate(_ call: GraphCall) throws(GraphError) -> Request {
        let flavour: GraphFlavour = call.target.site == .facebookDialog ? .facebook : .instagram
        guard let id = call.parameter("client_id"), let app = call.store.app(id), app.flavour == flavour else {
            throw GraphError(name: "invalid_app", response: html(GraphConsentPage.error("Invalid platform app"), status: .badRequest))
        }
        guard let uri = call.parameter("redirect_uri"), call.store.isRegistered(uri, app: app.id) else {
            throw GraphError(name: "invalid_redirect_uri", response: html(GraphConsentPage.error(
                "Invalid redirect_uri: URL blocked. This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings."),
                status: .badRequest))
        }
        let responseType = call.parameter("response_type") ?? (flavour == .facebook ? "code" : "")
        guard responseType == "code" else {
            throw GraphError(name: "invalid_response_type", response: html(GraphConsentPage.error("Invalid response_type: use code"), status: .badRequest))
        }
        let scopeText = call.parameter("scope") ?? ""
        if flavour == .instagram, scopeText.isEmpty {
            throw GraphError(name: "missing_scope", response: html(GraphConsentPage.error("Invalid Scopes: scope is required"), status: .badRequest))
        }
        let scopes = scopeText.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        return Request(app: app, redirectURI: uri, scopes: scopes, state: call.parameter("state"))
    }

    /// The professional accounts that can grant this login: all for Instagram Login, Page-linked ones for Facebook Login.
    static func candidates(for flavour: GraphFlavour, call: GraphCall) -> [GraphFixtures.Account] {
        call.fixtures.accounts.filter { account in
            call.world.user(username: account.username) != nil && (flavour == .instagram || account.page != nil && account.facebookUser != nil)
        }
    }

    static func html(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([
            ("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store"), ("X-Frame-Options", "DENY"),
        ]), body: Array(text.utf8))
    }
}
