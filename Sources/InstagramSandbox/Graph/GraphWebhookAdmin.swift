import Crypto
import Foundation
import HTTPClient
import Web

/// What Meta sends an app, composed, signed and delivered as Meta does (graph-api.md §7): the app's subscription
/// (its callback URL kept only after Meta's `hub.challenge` check, and its deauthorize and data-deletion URLs),
/// webhook events POSTed with `X-Hub-Signature-256` (HMAC-SHA256 of the raw body with the app secret), the
/// deauthorize and data-deletion callbacks (`signed_request`, the HMAC of the base64url payload), sent on request or
/// when the world changes (a user removing the app: `POST /__sandbox/graph/revoke`), each tried again until answered
/// 2xx (`GraphWebhookDeliveries`). The composing endpoints also answer what they signed, for a test to tamper with.
enum GraphWebhookAdmin {
    static func register(_ router: inout Router<SandboxRoutes.Route>) {
        router.post("/__sandbox/graph/apps/{id}/webhooks", subscribe)
        router.get("/__sandbox/graph/apps/{id}/subscribed-accounts", subscribedAccounts)
        router.post("/__sandbox/graph/webhooks/event", event)
        router.post("/__sandbox/graph/webhooks/signed-request", signedRequest)
        router.post("/__sandbox/graph/webhooks/deauthorize", { call in try callback(&call, .deauthorize) })
        router.post("/__sandbox/graph/webhooks/data-deletion", { call in try callback(&call, .dataDeletion) })
        router.get("/__sandbox/graph/webhooks/deliveries", deliveries)
        router.post("/__sandbox/graph/webhooks/retry-delays", retryDelays)
    }

    /// The two app callbacks that carry a `signed_request`.
    enum Callback: String {
        case deauthorize
        case dataDeletion = "data_deletion"
    }

    /// POST `/__sandbox/graph/apps/{id}/webhooks` `{"callback_url", "verify_token", "deauthorize_url", "data_deletion_url"}`
    /// (any of them): as the app dashboard does, a callback URL is kept only after Meta's check
    /// (`GET <callback>?hub.mode=subscribe&hub.challenge=N&hub.verify_token=T` answered 200 with N); 400 otherwise.
    /// An empty `callback_url` ends the subscription.
    static func subscribe(_ call: inout SandboxCall) throws -> HTTPResponse {
        let body = try AdminHandlers.body(call)
        let id = call.request.parameter("id") ?? ""
        guard call.sandbox.graph.app(id) != nil else { throw AdminError(.notFound, "no such app") }
        let webhooks = call.sandbox.graph.webhooks
        if JSONInput.string(body["callback_url"]) == "" {
            webhooks.subscribe(app: id) { $0.callbackURL = nil }
        } else if let url = JSONInput.string(body["callback_url"]) {
            guard let token = JSONInput.string(body["verify_token"]) else { throw AdminError(.badRequest, "verify_token is required with callback_url") }
            let (verified, status) = verify(url, token: token)
            guard verified else {
                throw AdminError(.badRequest, "The URL couldn't be validated. Response does not match challenge (the callback answered \(status))")
            }
            webhooks.subscribe(app: id) { $0.callbackURL = url }
        }
        if let url = JSONInput.string(body["deauthorize_url"]) { webhooks.subscribe(app: id) { $0.deauthorizeURL = url } }
        if let url = JSONInput.string(body["data_deletion_url"]) { webhooks.subscribe(app: id) { $0.dataDeletionURL = url } }
        let subscription = webhooks.subscription(app: id)
        let url = { (text: String?) in text.map { JSON.string($0) } ?? .null }
        return InstagramResponse.json(.object([("app_id", .string(id)), ("callback_url", url(subscription.callbackURL)),
                                               ("deauthorize_url", url(subscription.deauthorizeURL)),
                                               ("data_deletion_url", url(subscription.dataDeletionURL))]))
    }

    /// GET `/__sandbox/graph/apps/{id}/subscribed-accounts` → `{"app_id", "accounts": [{"username", "subscribed_fields"}]}`:
    /// the Instagram accounts whose `POST /me/subscribed_apps` enabled the app's deliveries (by username).
    static func subscribedAccounts(_ call: inout SandboxCall) throws -> HTTPResponse {
        let id = call.request.parameter("id") ?? ""
        guard call.sandbox.graph.app(id) != nil else { throw AdminError(.notFound, "no such app") }
        let accounts = call.sandbox.graph.webhooks.subscribedAccounts(app: id).sorted { $0.key < $1.key }.map { username, fields in
            JSON.object([("username", .string(username)), ("subscribed_fields", .array(fields.map { JSON.string($0) }))])
        }
        return InstagramResponse.json(.object([("app_id", .string(id)), ("accounts", .array(accounts))]))
    }

    /// Meta's subscription check: whether the callback echoed the challenge, and the status it answered.
    static func verify(_ url: String, token: String) -> (Bool, Int) {
        let challenge = String(Int.random(in: 1_000_000_000...1_999_999_999))
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let query = "hub.mode=subscribe&hub.challenge=\(challenge)&hub.verify_token=\(token.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
        let client = HTTPClient(configuration: HTTPClientConfiguration(requestTimeout: 10, maxRetries: 0, maxRedirects: 0,
                                                                       userAgent: "facebookplatform/1.0 (+http://developers.facebook.com)"))
        guard let response = try? client.send(HTTPClientRequest(url: url + (url.contains("?") ? "&" : "?") + query)) else { return (false, 0) }
        return (response.status == 200 && String(decoding: response.body, as: UTF8.self) == challenge, response.status)
    }

    /// GET `/__sandbox/graph/webhooks/deliveries[?id=]`: every call made to the apps, oldest first.
    static func deliveries(_ call: inout SandboxCall) throws -> HTTPResponse {
        let id = call.request.query("id").flatMap { Int($0) }
        let list = call.sandbox.graph.webhooks.all.filter { id == nil || $0.id == id }
        return InstagramResponse.json(.object([("deliveries", .array(list.map(deliveryJSON)))]))
    }

    static func deliveryJSON(_ delivery: GraphWebhookDeliveries.Delivery) -> JSON {
        .object([("id", .int(Int64(delivery.id))), ("kind", .string(delivery.kind)), ("app_id", .string(delivery.appID)),
                 ("url", .string(delivery.url)), ("state", .string(delivery.state)),
                 ("body", .string(String(decoding: delivery.body, as: UTF8.self))),
                 ("attempts", .array(delivery.attempts.map { .object([("at", .double($0.at)), ("status", .int(Int64($0.status)))]) })),
                 ("response", .string(delivery.response))])
    }

    /// POST `/__sandbox/graph/webhooks/retry-delays` `{"seconds": [0, 60, …]}` (`[]`: one try only) or `{"meta": true}`
    /// (Meta's: again at once, then with decreasing frequency over 36 hours).
    static func retryDelays(_ call: inout SandboxCall) throws -> HTTPResponse {
        let body = try AdminHandlers.body(call)
        let webhooks = call.sandbox.graph.webhooks
        if JSONInput.bool(body["meta"]) == true {
            webhooks.setRetryDelays(GraphWebhookDeliveries.metaRetryDelays)
        } else {
            guard let seconds = body["seconds"] as? [Any] else { throw AdminError(.badRequest, "give seconds (an array) or meta") }
            webhooks.setRetryDelays(seconds.compactMap { ($0 as? NSNumber)?.doubleValue }.map { max(0, min($0, 86_400)) })
        }
        return InstagramResponse.json(.object([("seconds", .array(webhooks.retryDelays.map { .double($0) }))]))
    }

    /// POST `{"username", "field": "comments", "value": {…}, "app_id"?}` → `{"body", "signature", "delivery"}`: the
    /// event as Meta writes it (`/` escaped as `\/`, as Meta's JSON has it) and its delivery to the app's callback
    /// when the app has one (null otherwise). An Instagram-Login app gets an account's event only once that account
    /// subscribed it for the field (`POST /me/subscribed_apps?subscribed_fields=…`, §7); null otherwise.
    static func event(_ call: inout SandboxCall) throws -> HTTPResponse {
        let options = try AdminHandlers.body(call)
        let (app, user, _) = try target(options, call)
        let field = JSONInput.string(options["field"]) ?? "comments"
        let value = JSONValueBridge.json(from: (try? JSONSerialization.data(withJSONObject: options["value"] ?? [:])).map { [UInt8]($0) } ?? [])
        let now = Int64(call.now + call.sandbox.graph.clockOffset)
        let body = JSON.object([("object", "instagram"), ("entry", .array([.object([
            ("id", .string(user.fbid)), ("time", .int(now)), ("changes", .array([.object([("field", .string(field)), ("value", value)])])),
        ])]))]).bytes.flatMap { $0 == UInt8(ascii: "/") ? [UInt8(ascii: "\\"), $0] : [$0] }
        let signed = signature(body, secret: app.secret)
        var delivery = JSON.null
        let enabled = app.flavour == .facebook || call.sandbox.graph.webhooks.subscribedFields(app: app.id, account: user.username)?.contains(field) == true
        if enabled, let url = call.sandbox.graph.webhooks.subscription(app: app.id).callbackURL {
            delivery = .int(Int64(call.sandbox.graph.webhooks.deliver(
                kind: "event", appID: app.id, url: url, body: body,
                headers: [("Content-Type", "application/json"), ("X-Hub-Signature-256", signed), ("User-Agent", "facebookexternalua")])))
        }
        return InstagramResponse.json(.object([("body", .string(String(decoding: body, as: UTF8.self))),
                                               ("signature", .string(signed)), ("delivery", delivery)]))
    }

    /// POST `{"username", "app_id"?}` → `{"signed_request", "user_id"}` (the app-scoped id the app knows the user by).
    static func signedRequest(_ call: inout SandboxCall) throws -> HTTPResponse {
        let options = try AdminHandlers.body(call)
        let (app, user, account) = try target(options, call)
        let (signed, userID) = signedRequest(app: app, user: user, account: account, call)
        return InstagramResponse.json(.object([("signed_request", .string(signed)), ("user_id", .string(userID))]))
    }

    /// Meta's `signed_request` for this app and user, and the app-scoped user id in it.
    static func signedRequest(app: GraphFixtures.App, user: SandboxUser, account: GraphFixtures.Account, _ call: SandboxCall) -> (String, String) {
        let userID = app.flavour == .instagram ? GraphRenderer.appScopedID(user) : (account.facebookUser?.id ?? user.fbid)
        let now = Int64(call.now + call.sandbox.graph.clockOffset)
        let payload = JSON.object([("algorithm", "HMAC-SHA256"), ("expires", .int(now + 3600)), ("issued_at", .int(now)),
                                   ("user_id", .string(userID))]).bytes
        let encoded = Base64URLPlain.encode(payload)
        let mac = HMAC<SHA256>.authenticationCode(for: Array(encoded.utf8), using: SymmetricKey(data: Array(app.secret.utf8)))
        return (Base64URLPlain.encode(Array(mac)) + "." + encoded, userID)
    }

    /// POST `/__sandbox/graph/webhooks/deauthorize|data-deletion` `{"username", "app_id"?}`: the user removes the app or
    /// asks for their data to be deleted, and Meta calls the app's URL for it; 409 when the app has none.
    static func callback(_ call: inout SandboxCall, _ kind: Callback) throws -> HTTPResponse {
        let options = try AdminHandlers.body(call)
        let (app, user, _) = try target(options, call)
        guard let id = sendSignedRequest(kind, app: app, username: user.username, call) else {
            throw AdminError(.conflict, "app \(app.id) has no \(kind.rawValue) URL (POST /__sandbox/graph/apps/\(app.id)/webhooks)")
        }
        return InstagramResponse.json(.object([("delivery", .int(Int64(id)))]))
    }

    /// Sends the app's deauthorize or data-deletion callback for a user (form field `signed_request`); nil when the
    /// app has no URL for it or the user is not one of the professional accounts.
    static func sendSignedRequest(_ kind: Callback, app: GraphFixtures.App, username: String, _ call: SandboxCall) -> Int? {
        let subscription = call.sandbox.graph.webhooks.subscription(app: app.id)
        guard let url = kind == .deauthorize ? subscription.deauthorizeURL : subscription.dataDeletionURL,
              let account = call.sandbox.graph.fixtures.accounts.first(where: { $0.username == username }),
              let user = call.world.user(username: username) else { return nil }
        let (signed, _) = signedRequest(app: app, user: user, account: account, call)
        return call.sandbox.graph.webhooks.deliver(kind: kind.rawValue, appID: app.id, url: url, body: Array("signed_request=\(signed)".utf8),
                                                   headers: [("Content-Type", "application/x-www-form-urlencoded"), ("User-Agent", "facebookexternalua")])
    }

    static func target(_ options: [String: Any], _ call: SandboxCall) throws -> (GraphFixtures.App, SandboxUser, GraphFixtures.Account) {
        let graph = call.sandbox.graph
        guard let username = JSONInput.string(options["username"]),
              let account = graph.fixtures.accounts.first(where: { $0.username == username }),
              let user = call.world.user(username: username) else { throw AdminError(.badRequest, "username must name a professional account") }
        let appID = JSONInput.string(options["app_id"]) ?? graph.fixtures.apps.first?.id ?? ""
        guard let app = graph.app(appID) else { throw AdminError(.notFound, "no such app") }
        return (app, user, account)
    }

    /// `sha256=<hex>`.
    static func signature(_ body: [UInt8], secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }
}

/// Base64url without padding (Meta's signed requests).
enum Base64URLPlain {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
