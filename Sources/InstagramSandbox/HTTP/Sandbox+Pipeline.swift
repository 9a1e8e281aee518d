import Foundation
import Web

/// The steps every Instagram request goes through: static families, host checks, session, pacing,
/// header checks, then the route.
extension Sandbox {
    static let knownAppIDs: Set<String> = ["936619743392459", "124024574287414", "567067343352427", "1217981644879628"]

    func route(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        let path = call.path
        if path.hasPrefix("/v/") || path.hasPrefix("/o1/") || path.hasPrefix("/vp/") { return try cdn(call) }
        if path.hasPrefix("/rsrc.php/") {
            return HTTPResponse.bytes(Array(RelayOperations.script.utf8), contentType: "application/x-javascript; charset=utf-8")
        }
        if call.family == .mobile, call.request.headers["Host"]?.lowercased().hasPrefix("i.instagram.com") == true,
           call.request.headers["User-Agent"]?.hasPrefix("Instagram ") != true {
            throw InstagramError.useragentMismatch
        }
        try authenticate(&call)
        try pace(call)
        try checkHeaders(call)
        return try dispatch(&call)
    }

    /// Whether the request is for data (JSON) rather than an HTML page.
    static func isAPI(_ call: SandboxCall) -> Bool {
        call.family == .mobile || call.path.hasPrefix("/api/") || call.path.hasPrefix("/graphql")
            || call.path.hasPrefix("/web/") || call.request.query("__a") == "1"
    }

    /// Resolves the session (IGT bearer on the mobile API, `sessionid` cookie otherwise).
    func authenticate(_ call: inout SandboxCall) throws(InstagramError) {
        guard let presented = Sandbox.presentedSession(call.request, cookies: call.cookies) else { return }
        let lenient = call.path == "/" || call.path.hasPrefix("/accounts/login") || call.path.hasPrefix("/challenge")
        guard let id = presented, let session = call.world.sessions[id], session.state != .expired,
              let user = call.world.user(pk: session.userPK) else {
            if lenient { return }
            throw call.loginError()
        }
        if session.state == .checkpoint {
            if lenient { return }
            if call.family == .mobile { throw InstagramError.challenge(userPK: user.pk, links: call.links) }
            if Sandbox.isAPI(call) { throw InstagramError.checkpoint(userPK: user.pk) }
            throw InstagramError(code: "checkpoint_redirect",
                                 response: InstagramResponse.redirect(call.links.web + "/challenge/\(user.pk)/atwWXYmeVP/"))
        }
        call.viewer = .user(session, user)
    }

    /// nil: no session presented. `.some(nil)`: one was presented but cannot be read.
    static func presentedSession(_ request: HTTPRequest, cookies: [String: String]) -> String?? {
        if let header = request.headers["Authorization"], header.hasPrefix("Bearer IGT:") {
            let token = header.dropFirst("Bearer IGT:".count)
            guard let colon = token.firstIndex(of: ":"),
                  let bytes = Base64URL.decode(String(token[token.index(after: colon)...])),
                  let object = JSONInput.object(bytes), let id = JSONInput.string(object["sessionid"]) else { return .some(nil) }
            return .some(PercentDecoding.decode(Substring(id)) ?? id)
        }
        guard let cookie = cookies["sessionid"], !cookie.isEmpty else { return nil }
        return .some(cookie)
    }

    func pace(_ call: SandboxCall) throws(InstagramError) {
        let limits = call.world.limits
        guard limits.enabled else { return }
        if let session = call.viewer.session {
            if session.unlimited { return }
            if pacer.session(session.sessionID, bucket: Sandbox.bucket(call), limits: limits, now: call.now) != .allowed {
                throw InstagramError.pleaseWait()
            }
        } else {
            // The login page itself is served to anyone (200), as Instagram does: charging it to a spent budget
            // would redirect it to itself forever.
            if Sandbox.isLoginPage(call.path) { return }
            let forwarded = call.request.headers["X-Forwarded-For"]?.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) }
            let client = forwarded ?? call.request.remoteAddress
            if pacer.anonymous(client: client, limits: limits, now: call.now) != .allowed { throw call.loginError() }
        }
    }

    /// `/accounts/login/` and what is under it (the page and the login form's POST).
    static func isLoginPage(_ path: String) -> Bool {
        path == "/accounts/login" || path.hasPrefix("/accounts/login/")
    }

    static func bucket(_ call: SandboxCall) -> Pacer.Bucket {
        if GraphQLHandler.serves(call.path) {
            return .graphql(call.parameter("doc_id") ?? call.parameter("query_hash") ?? "-")
        }
        return call.family == .mobile ? .mobile : .other
    }

    /// `X-IG-App-ID` on the web JSON API, `X-CSRFToken` on web POSTs (double submit with the cookie); a logged-in
    /// POST must also carry the session's own token (a `csrftoken` from another login is refused).
    func checkHeaders(_ call: SandboxCall) throws(InstagramError) {
        guard call.family == .web else { return }
        if call.path.hasPrefix("/api/v1/"), !Sandbox.knownAppIDs.contains(call.request.headers["X-IG-App-ID"] ?? "") {
            throw InstagramError.useragentMismatch
        }
        guard call.request.method == "POST" else { return }
        let cookie = call.cookies["csrftoken"] ?? ""
        guard call.viewer.pk != nil || !cookie.isEmpty else { return }
        guard !cookie.isEmpty, call.request.headers["X-CSRFToken"] == cookie else { throw InstagramError.csrf }
        if let session = call.viewer.session, session.csrfToken != cookie { throw InstagramError.csrf }
    }

    func dispatch(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        let match: Router<SandboxRoutes.Route>.Match
        do {
            match = try router.match(method: call.request.method, rawPath: Sandbox.normalise(call.request.rawPath))
        } catch {
            throw call.family == .mobile ? InstagramError.plainNotFound : InstagramError.pageNotFound
        }
        switch match {
        case .found(let route, let parameters):
            call.request.pathParameters = parameters
            do {
                return try route.handler(&call)
            } catch let error as InstagramError {
                throw error
            } catch {
                logger.error("handler failed", metadata: ["path": "\(call.path)", "error": "\(error)"])
                throw InstagramError.fail("internal_error", .internalServerError, "Oops, an error occurred.")
            }
        case .methodNotAllowed(let allowed):
            var error = InstagramError.fail("method_not_allowed", .methodNotAllowed, "Method Not Allowed")
            error.response.headers["Allow"] = allowed.joined(separator: ", ")
            throw error
        case .notFound:
            throw call.family == .mobile || call.path.hasPrefix("/api/") ? InstagramError.plainNotFound : InstagramError.pageNotFound
        }
    }
}
