import Web

/// Everything a handler needs about one request: the request, a world snapshot, who asks, how to link.
public struct SandboxCall: Sendable {
    let sandbox: Sandbox
    public var request: HTTPRequest
    public var world: World
    public var viewer: Viewer
    public var family: HostFamily
    public var links: LinkStyle
    public var now: Double
    /// The normalised path (no trailing slash except `/`).
    public var path: String
    /// The request's cookies, parsed once.
    public var cookies: [String: String]

    var renderer: Renderer {
        Renderer(world: world, viewerPK: viewer.pk, links: links, signer: sandbox.signer, now: Int(now),
                 cache: sandbox.renderCache)
    }

    /// The logged-in viewer, or the error Instagram gives a logged-out caller here.
    func requireLogin() throws(InstagramError) -> (SandboxSession, SandboxUser) {
        if case .user(let session, let user) = viewer { return (session, user) }
        throw loginError()
    }

    /// Logged out: a redirect to the login page on the web, `login_required` on the mobile API.
    func loginError() -> InstagramError {
        family == .mobile ? .loginRequired : .loginRedirect(next: request.rawPath, links: links)
    }

    /// Form fields of a POST body (urlencoded; `signed_body=SIG.<json>` is unwrapped to its JSON fields).
    var form: [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: request.body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = PercentDecoding.decode(parts[0], plusAsSpace: true) else { continue }
            let value = parts.count > 1 ? PercentDecoding.decode(parts[1], plusAsSpace: true) ?? "" : ""
            if fields[name] == nil { fields[name] = value }
        }
        if let signed = fields["signed_body"], let dot = signed.firstIndex(of: "."),
           let object = JSONInput.object(String(signed[signed.index(after: dot)...])) {
            for (key, value) in object where fields[key] == nil { fields[key] = JSONInput.string(value) }
        }
        return fields
    }

    /// A query parameter, else a form field.
    func parameter(_ name: String) -> String? {
        request.query(name) ?? (request.method == "POST" ? form[name] : nil)
    }

    /// The world user a path segment names by pk.
    func user(pkText: String) throws(InstagramError) -> SandboxUser {
        guard let pk = MediaID.number(Substring(pkText)), let user = world.user(pk: pk) else {
            throw family == .mobile ? InstagramError.userNotFound : InstagramError.invalidTargetUser
        }
        return user
    }
}
