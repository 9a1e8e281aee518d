import Web

/// POST `/api/v1/web/accounts/login/ajax/` (and `/accounts/login/ajax/`): username + `enc_password`.
enum LoginHandler {
    static func login(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        let form = call.form
        guard let name = form["username"], let user = call.world.user(username: name), !user.isGenerated else {
            return InstagramResponse.ok([("user", false), ("authenticated", false)])
        }
        let password = (form["enc_password"] ?? "").split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
            .dropFirst(3).first.map(String.init) ?? form["password"] ?? ""
        guard let expected = user.password, password == expected else {
            return InstagramResponse.ok([("user", true), ("authenticated", false)])
        }
        let sessionID = "\(user.pk):\(Tokens.random(14)):\(Int.random(in: 10...29)):AY\(Tokens.random(38))"
        let csrf = Tokens.random(32)
        let session = SandboxSession(sessionID: sessionID, userPK: user.pk, csrfToken: csrf, state: .valid)
        call.sandbox.store.update { $0.addSession(session) }
        var response = InstagramResponse.ok([("user", true), ("userId", .id(user.pk)), ("authenticated", true),
                                             ("oneTapPrompt", false)])
        let links = call.links
        response.headers.add("Set-Cookie", InstagramResponse.cookie("sessionid", PercentDecoding.encode(sessionID),
                                                                    maxAge: 31_536_000, links: links, httpOnly: true))
        response.headers.add("Set-Cookie", InstagramResponse.cookie("csrftoken", csrf, maxAge: 31_449_600, links: links))
        response.headers.add("Set-Cookie", InstagramResponse.cookie("ds_user_id", String(user.pk), maxAge: 7_776_000, links: links))
        response.headers.add("Set-Cookie", InstagramResponse.cookie(
            "rur", "\"LDC\\054\(user.pk)\\054\(Int(call.now) + 31_536_000):01f7\(Tokens.random(20).lowercased())\"",
            maxAge: 31_536_000, links: links, httpOnly: true))
        return response
    }
}
