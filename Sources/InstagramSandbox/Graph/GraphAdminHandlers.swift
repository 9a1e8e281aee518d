import Foundation
import Web

/// The Graph API's admin endpoints: the clock, the state, redirect URIs, revocation, limits and faults.
enum GraphAdminHandlers {
    static func register(_ router: inout Router<SandboxRoutes.Route>) {
        router.get("/__sandbox/graph/clock", clock)
        router.post("/__sandbox/graph/clock", setClock)
        router.get("/__sandbox/graph", state)
        router.post("/__sandbox/graph/apps/{id}/redirect-uris", addRedirectURI)
        router.post("/__sandbox/graph/revoke", revoke)
        router.get("/__sandbox/graph/limits", limits)
        router.post("/__sandbox/graph/limits", setLimits)
        router.on("PUT", "/__sandbox/graph/limits", setLimits)
        router.post("/__sandbox/graph/usage/reset", resetUsage)
        router.get("/__sandbox/graph/faults", faults)
        router.post("/__sandbox/graph/faults", addFault)
        router.delete("/__sandbox/graph/faults", clearFaults)
        router.post("/__sandbox/graph/reset", reset)
        GraphWebhookAdmin.register(&router)
        GraphInsightAdmin.register(&router)
    }

    static func json(_ value: JSON, status: HTTPStatus = .ok) -> HTTPResponse { InstagramResponse.json(value, status: status) }

    static func clockJSON(_ call: SandboxCall) -> JSON {
        let offset = call.sandbox.graph.clockOffset
        return .object([("now", .int(Int64(call.now + offset))), ("offset_seconds", .double(offset)),
                        ("iso", .string(GraphRenderer.timestamp(call.now + offset)))])
    }

    /// GET `/__sandbox/graph/clock`: the Graph clock (the web API, pages and CDN keep real time).
    static func clock(_ call: inout SandboxCall) throws -> HTTPResponse { json(clockJSON(call)) }

    /// POST `/__sandbox/graph/clock`: `{"advance_seconds": N}` moves it on, `{"offset_seconds": N}` sets it, `{"reset": true}` back to real time.
    static func setClock(_ call: inout SandboxCall) throws -> HTTPResponse {
        let body = try AdminHandlers.body(call)
        let graph = call.sandbox.graph
        if let advance = body["advance_seconds"] as? NSNumber {
            graph.setClockOffset(graph.clockOffset + advance.doubleValue)
        } else if let offset = body["offset_seconds"] as? NSNumber {
            graph.setClockOffset(offset.doubleValue)
        } else if JSONInput.bool(body["reset"]) == true {
            graph.setClockOffset(0)
        } else {
            throw AdminError(.badRequest, "give advance_seconds, offset_seconds or reset")
        }
        return json(clockJSON(call))
    }

    /// GET `/__sandbox/graph`: apps (with redirect URIs), accounts and the tokens issued (kind, account, expiry).
    static func state(_ call: inout SandboxCall) throws -> HTTPResponse {
        let graph = call.sandbox.graph
        let apps: [JSON] = graph.fixtures.apps.map { app in
            .object([("id", .string(app.id)), ("secret", .string(app.secret)), ("flavour", .string(app.flavour.rawValue)),
                     ("name", .string(app.name)), ("redirect_uris", .array(graph.redirectURIs(app: app.id).map { .string($0) }))])
        }
        let accounts: [JSON] = graph.fixtures.accounts.compactMap { account in
            guard let user = call.world.user(username: account.username) else { return nil }
            return .object([("username", .string(user.username)), ("ig_user_id", .string(user.fbid)),
                            ("account_type", .string(account.accountType)), ("page_id", account.page.map { .string($0.id) } ?? .null),
                            ("media_count", .int(Int64(call.world.mediaCount(user.pk))))])
        }
        let tokens: [JSON] = graph.tokenList().map { token in
            .object([("kind", .string(token.kind.rawValue)), ("app_id", .string(token.appID)), ("username", .string(token.username)),
                     ("issued_at", .int(Int64(token.issuedAt))), ("expires_at", token.expiresAt.map { .int(Int64($0)) } ?? .null),
                     ("revoked", token.revoked.map { .int(Int64($0.rawValue)) } ?? .null)])
        }
        return json(.object([("apps", .array(apps)), ("accounts", .array(accounts)), ("tokens", .array(tokens)), ("clock", clockJSON(call))]))
    }

    /// POST `/__sandbox/graph/apps/{id}/redirect-uris` `{"uri": "…"}`: registers a redirect URI (the app dashboard's list).
    static func addRedirectURI(_ call: inout SandboxCall) throws -> HTTPResponse {
        let body = try AdminHandlers.body(call)
        guard let uri = JSONInput.string(body["uri"]), !uri.isEmpty else { throw AdminError(.badRequest, "uri is required") }
        let id = call.request.parameter("id") ?? ""
        guard call.sandbox.graph.register(redirectURI: uri, app: id) else { throw AdminError(.notFound, "no such app") }
        return json(.object([("app_id", .string(id)), ("redirect_uris", .array(call.sandbox.graph.redirectURIs(app: id).map { .string($0) }))]))
    }

    /// POST `/__sandbox/graph/revoke` `{"username", "app_id"?, "reason": "app_removed"|"password_changed"}`: the user
    /// removes the app (190/458) or changes the password (190/460); every matching token stops working. Removing the
    /// app also sends each app concerned its deauthorize callback, when it has one (`deliveries` lists them), and ends
    /// the user's webhook subscriptions to it (`/me/subscribed_apps`).
    static func revoke(_ call: inout SandboxCall) throws -> HTTPResponse {
        let body = try AdminHandlers.body(call)
        guard let username = JSONInput.string(body["username"]) else { throw AdminError(.badRequest, "username is required") }
        let reason: GraphToken.Revocation = JSONInput.string(body["reason"]) == "password_changed" ? .sessionInvalidated : .appRemoved
        let apps = call.sandbox.graph.revoke(username: username, app: JSONInput.string(body["app_id"]), reason: reason)
        var deliveries: [JSON] = []
        if reason == .appRemoved {
            for id in Set(apps).sorted() {
                guard let app = call.sandbox.graph.app(id), let delivery = GraphWebhookAdmin.sendSignedRequest(.deauthorize, app: app, username: username, call) else { continue }
                deliveries.append(.int(Int64(delivery)))
            }
        }
        return json(.object([("revoked", .int(Int64(apps.count))), ("deliveries", .array(deliveries))]))
    }

    static func limitsJSON(_ limits: GraphLimits) -> JSON {
        var fields: [(String, JSON)] = [("app_calls_per_hour", .int(Int64(limits.appCallsPerHour))),
                                        ("account_calls_per_day", .int(Int64(limits.accountCallsPerDay)))]
        fields.append(("force_code", limits.forcedCode.map { .int(Int64($0)) } ?? .null))
        fields.append(("force_count", .int(Int64(limits.forcedCount))))
        fields.append(("flat_token_shape", .bool(limits.flatTokenShape)))
        fields.append(("publishing_limit", .int(Int64(limits.publishingLimit))))
        fields.append(("container_processing_seconds", .double(limits.containerProcessingSeconds)))
        fields.append(("video_processing_seconds", .double(limits.videoProcessingSeconds)))
        fields.append(("oldest_version", .string("v\(limits.oldestVersion).0")))
        return .object(fields)
    }

    static func limits(_ call: inout SandboxCall) throws -> HTTPResponse { json(limitsJSON(call.sandbox.graph.limits)) }

    /// POST/PUT `/__sandbox/graph/limits`: any of `app_calls_per_hour`, `account_calls_per_day`, `force_code` with
    /// `force_count` (default 1), `flat_token_shape`, `oldest_version` (`"v25.0"`: older versions answer code 2635).
    static func setLimits(_ call: inout SandboxCall) throws -> HTTPResponse {
        let body = try AdminHandlers.body(call)
        let known: Set<String> = ["app_calls_per_hour", "account_calls_per_day", "force_code", "force_count", "flat_token_shape",
                                   "publishing_limit", "container_processing_seconds", "video_processing_seconds", "oldest_version"]
        if let unknown = body.keys.first(where: { !known.contains($0) }) { throw AdminError(.badRequest, "unknown limit \(unknown)") }
        call.sandbox.graph.setLimits { limits in
            if let value = JSONInput.int(body["app_calls_per_hour"]) { limits.appCallsPerHour = max(1, value) }
            if let value = JSONInput.int(body["account_calls_per_day"]) { limits.accountCallsPerDay = max(1, value) }
            if let code = JSONInput.int(body["force_code"]) {
                limits.forcedCode = code
                limits.forcedCount = JSONInput.int(body["force_count"]) ?? 1
            }
            if let flat = JSONInput.bool(body["flat_token_shape"]) { limits.flatTokenShape = flat }
            if let value = JSONInput.int(body["publishing_limit"]) { limits.publishingLimit = max(0, value) }
            if let value = (body["container_processing_seconds"] as? NSNumber)?.doubleValue { limits.containerProcessingSeconds = max(0, value) }
            if let value = (body["video_processing_seconds"] as? NSNumber)?.doubleValue { limits.videoProcessingSeconds = max(0, value) }
            if let text = JSONInput.string(body["oldest_version"]), let major = Int(text.drop { $0 == "v" }.prefix { $0 != "." }) {
                limits.oldestVersion = major
            }
        }
        return json(limitsJSON(call.sandbox.graph.limits))
    }

    static func resetUsage(_ call: inout SandboxCall) throws -> HTTPResponse {
        call.sandbox.graph.resetUsage()
        return json(limitsJSON(call.sandbox.graph.limits))
    }

    static func faults(_ call: inout SandboxCall) throws -> HTTPResponse {
        json(.object([("faults", .array(call.sandbox.graph.faults.rules.map(AdminHandlers.faultJSON)))]))
    }

    /// POST `/__sandbox/graph/faults`: the web API's rule format; paths are Graph paths without the version (`/me`).
    static func addFault(_ call: inout SandboxCall) throws -> HTTPResponse {
        let rule: FaultRule
        do {
            rule = try JSONDecoder().decode(FaultRule.self, from: Data(call.request.body))
        } catch {
            throw AdminError(.badRequest, "invalid fault: \(error)")
        }
        let added = call.sandbox.graph.faults.add(rule)
        return json(.object([("faults", .array([AdminHandlers.faultJSON(added)]))]), status: .created)
    }

    static func clearFaults(_ call: inout SandboxCall) throws -> HTTPResponse {
        call.sandbox.graph.faults.clear()
        return json(.object([("faults", .array([]))]))
    }

    /// POST `/__sandbox/graph/reset`: codes, tokens, clock, counts, limits and Graph faults as at start.
    static func reset(_ call: inout SandboxCall) throws -> HTTPResponse {
        call.sandbox.graph.reset()
        return json(.object([("reset", true)]))
    }
}
