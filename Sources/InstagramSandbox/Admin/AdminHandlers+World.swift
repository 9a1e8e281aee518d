import Foundation
import Web

/// Admin endpoints that change sessions, limits and files, and hand out CDN URLs.
extension AdminHandlers {
    static func limits(_ call: inout SandboxCall) throws -> HTTPResponse {
        let data = (try? JSONEncoder().encode(call.sandbox.store.snapshot.limits)) ?? Data()
        return HTTPResponse(status: .ok, headers: HTTPHeaders([("Content-Type", "application/json; charset=utf-8")]), body: [UInt8](data))
    }

    /// PUT `/__sandbox/limits`: the fields given replace the current ones (snake_case names, see `PacingLimits`).
    static func setLimits(_ call: inout SandboxCall) throws -> HTTPResponse {
        let changes = try body(call)
        let current = call.sandbox.store.snapshot.limits
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        var merged = (try JSONSerialization.jsonObject(with: encoder.encode(current)) as? [String: Any]) ?? [:]
        for (key, value) in changes {
            guard merged[key] != nil else { throw AdminError(.badRequest, "unknown limit \(key)") }
            merged[key] = value
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let limits: PacingLimits
        do {
            limits = try decoder.decode(PacingLimits.self, from: JSONSerialization.data(withJSONObject: merged))
        } catch {
            throw AdminError(.badRequest, "invalid limits: \(error)")
        }
        call.sandbox.store.update { $0.limits = limits }
        return try self.limits(&call)
    }

    static func resetLimits(_ call: inout SandboxCall) throws -> HTTPResponse {
        call.sandbox.pacer.reset()
        return InstagramResponse.json(["reset": true])
    }

    /// POST `/__sandbox/sessions` `{"username":…, "state":"valid", "unlimited":false}`: a new session's cookies.
    static func createSession(_ call: inout SandboxCall) throws -> HTTPResponse {
        let options = try body(call)
        guard let name = JSONInput.string(options["username"]), let user = call.world.user(username: name), !user.isGenerated else {
            throw AdminError(.badRequest, "username must name a world user")
        }
        let state = SessionState(rawValue: JSONInput.string(options["state"]) ?? "valid") ?? .valid
        let session = SandboxSession(sessionID: "\(user.pk):\(Tokens.random(14)):\(Int.random(in: 10...29)):AY\(Tokens.random(38))",
                                     userPK: user.pk, csrfToken: Tokens.random(32), state: state,
                                     unlimited: JSONInput.bool(options["unlimited"]) ?? false)
        call.sandbox.store.update { $0.addSession(session) }
        return InstagramResponse.json(WorldState.session(session, username: user.username), status: .created)
    }

    /// PUT `/__sandbox/sessions/{sessionid}` `{"state":"checkpoint"}`.
    static func updateSession(_ call: inout SandboxCall) throws -> HTTPResponse {
        let options = try body(call)
        let id = call.request.parameter("id") ?? ""
        guard let state = SessionState(rawValue: JSONInput.string(options["state"]) ?? "") else {
            throw AdminError(.badRequest, "state must be one of \(SessionState.allCases.map(\.rawValue))")
        }
        let updated = call.sandbox.store.update { world -> SandboxSession? in
            world.sessions[id]?.state = state
            if let unlimited = JSONInput.bool(options["unlimited"]) { world.sessions[id]?.unlimited = unlimited }
            return world.sessions[id]
        }
        guard let updated else { throw AdminError(.notFound, "no such session") }
        return InstagramResponse.json(WorldState.session(updated, username: call.world.user(pk: updated.userPK)?.username ?? ""))
    }

    /// POST `/__sandbox/follow-requests/approve` `{"follower":"name","followee":"name"}`.
    static func approve(_ call: inout SandboxCall) throws -> HTTPResponse {
        let options = try body(call)
        guard let follower = JSONInput.string(options["follower"]).flatMap({ call.world.user(username: $0) }),
              let followee = JSONInput.string(options["followee"]).flatMap({ call.world.user(username: $0) }) else {
            throw AdminError(.badRequest, "follower and followee must name world users")
        }
        let done = call.sandbox.store.update { $0.approve(follower: follower.pk, followee: followee.pk) }
        guard done else { throw AdminError(.notFound, "no pending request") }
        return InstagramResponse.json(["approved": true])
    }

    /// GET `/__sandbox/cdn/url?post=<key>&item=<n>&video=1` or `?file=<generated name>`: a signed CDN URL.
    static func cdnURL(_ call: inout SandboxCall) throws -> HTTPResponse {
        let world = call.world
        var asset: MediaAsset?
        if let name = call.request.query("file") {
            asset = world.assets.values.first { $0.fileName == name && $0.isVideo == name.hasSuffix(".mp4") }
        } else if let key = call.request.query("post"), let post = world.post(key: key) {
            let index = Int(call.request.query("item") ?? "") ?? 0
            guard post.items.indices.contains(index) else { throw AdminError(.badRequest, "no such item") }
            asset = call.request.query("video") == "1" ? post.items[index].video : post.items[index].image
        }
        guard let asset else { throw AdminError(.notFound, "no such asset") }
        var renderer = call.renderer
        if let expires = Int(call.request.query("expires") ?? "") { renderer.now = expires - (asset.isVideo ? 2 : 5) * 86_400 }
        return InstagramResponse.json(["url": .string(renderer.cdnURL(asset, stp: asset.isVideo ? "dst-mp4" : "dst-jpg_e35_tt6")),
                                       "path": .string(asset.cdnPath), "file": .string(asset.fileName)])
    }

    /// GET `/__sandbox/cdn/sign?path=<cdn path>&expires=<unix>`: `oh`/`oe` for any expiry (also past ones).
    static func sign(_ call: inout SandboxCall) throws -> HTTPResponse {
        guard let path = call.request.query("path"), let expires = Int(call.request.query("expires") ?? "") else {
            throw AdminError(.badRequest, "path and expires are required")
        }
        let oh = call.sandbox.signer.signature(path: path, expiry: expires)
        let oe = CDNSigner.hex(expires)
        return InstagramResponse.json(["oh": .string(oh), "oe": .string(oe),
                                       "url": .string("\(call.sandbox.configuration.publicURL)\(path)?_nc_ht=\(call.world.cdnHost)&oh=\(oh)&oe=\(oe)")])
    }

    /// POST `/__sandbox/files/{name}/generate`: makes a large file now rather than on first download.
    static func generate(_ call: inout SandboxCall) throws -> HTTPResponse {
        guard let file = call.world.largeFiles[call.request.parameter("name") ?? ""] else { throw AdminError(.notFound, "no such file") }
        let started = Date()
        let path = try call.sandbox.files.ensure(file)
        return InstagramResponse.json(["path": .string(path), "bytes": .number(file.bytes),
                                       "seconds": .double(Date().timeIntervalSince(started))])
    }
}
