import Crypto
import Foundation
import Web

/// What Meta sends an app, composed and signed as Meta does, for a test (or a tool) to deliver: a webhook event
/// with `X-Hub-Signature-256` (HMAC-SHA256 of the raw body with the app secret) and the `signed_request` of the
/// deauthorize and data-deletion callbacks (the HMAC of the base64url payload). The sandbox does not call out itself.
enum GraphWebhookAdmin {
    static func register(_ router: inout Router<SandboxRoutes.Route>) {
        router.post("/__sandbox/graph/webhooks/event", event)
        router.post("/__sandbox/graph/webhooks/signed-request", signedRequest)
    }

    /// POST `{"username", "field": "comments", "value": {…}, "app_id"?}` → `{"body", "signature"}`.
    static func event(_ call: inout SandboxCall) throws -> HTTPResponse {
        let options = try AdminHandlers.body(call)
        let (app, user, _) = try target(options, call)
        let field = JSONInput.string(options["field"]) ?? "comments"
        let value = JSONValueBridge.json(from: (try? JSONSerialization.data(withJSONObject: options["value"] ?? [:])).map { [UInt8]($0) } ?? [])
        let now = Int64(call.now + call.sandbox.graph.clockOffset)
        let body = JSON.object([("object", "instagram"), ("entry", .array([.object([
            ("id", .string(user.fbid)), ("time", .int(now)), ("changes", .array([.object([("field", .string(field)), ("value", value)])])),
        ])]))]).bytes
        return InstagramResponse.json(.object([("body", .string(String(decoding: body, as: UTF8.self))),
                                               ("signature", .string(signature(body, secret: app.secret)))]))
    }

    /// POST `{"username", "app_id"?}` → `{"signed_request", "user_id"}` (the app-scoped id the app knows the user by).
    static func signedRequest(_ call: inout SandboxCall) throws -> HTTPResponse {
        let options = try AdminHandlers.body(call)
        let (app, user, account) = try target(options, call)
        let userID = app.flavour == .instagram ? GraphRenderer.appScopedID(user) : (account.facebookUser?.id ?? user.fbid)
        let now = Int64(call.now + call.sandbox.graph.clockOffset)
        let payload = JSON.object([("algorithm", "HMAC-SHA256"), ("expires", .int(now + 3600)), ("issued_at", .int(now)),
                                   ("user_id", .string(userID))]).bytes
        let encoded = Base64URLPlain.encode(payload)
        let mac = HMAC<SHA256>.authenticationCode(for: Array(encoded.utf8), using: SymmetricKey(data: Array(app.secret.utf8)))
        return InstagramResponse.json(.object([("signed_request", .string(Base64URLPlain.encode(Array(mac)) + "." + encoded)),
                                               ("user_id", .string(userID))]))
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
