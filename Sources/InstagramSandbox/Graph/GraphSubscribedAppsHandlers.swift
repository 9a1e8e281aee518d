import Foundation
import Web

/// `POST`, `GET` and `DELETE /{me|ig-user-id}/subscribed_apps` on graph.instagram.com (graph-api.md §7): an
/// Instagram-Login account enables webhook delivery of the fields it names (`subscribed_fields=comments,messages`)
/// to the token's app; until it does, the sandbox delivers none of that account's events to an Instagram-Login app.
/// Removing the app (`POST /__sandbox/graph/revoke`, reason `app_removed`) ends the account's subscriptions to it.
/// graph-api.md says nothing of graph.facebook.com's Page subscriptions, so that host answers unknown path.
enum GraphSubscribedAppsHandlers {
    /// The webhook fields an Instagram account can subscribe (§7: comments, live comments, mentions, story
    /// insights, and the messaging fields).
    static let fields = ["comments", "live_comments", "mentions", "story_insights", "messages", "messaging_postbacks",
                         "messaging_seen", "messaging_referral", "messaging_optins", "message_reactions", "messaging_handover", "standby"]

    /// `POST`: the account's fields for the app become `subscribed_fields` (every name checked first) → `{"success": true}`.
    static func subscribe(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        let (token, user) = try subscriber(&call)
        let names = try call.require("subscribed_fields").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        for (index, name) in names.enumerated() where !fields.contains(name) {
            throw GraphError.graph("invalid_parameter", "(#100) Param subscribed_fields[\(index)] must be one of {\(fields.joined(separator: ", "))} - got \"\(name)\"",
                                   code: 100)
        }
        call.store.webhooks.setSubscribedFields(names, app: token.appID, account: user.username)
        return GraphResponse.json(.object([("success", true)]))
    }

    /// `GET` → `{"data": [{"id", "name", "subscribed_fields"}]}`: the token's app, when the account subscribed it.
    static func list(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        let (token, user) = try subscriber(&call)
        var data: [JSON] = []
        if let names = call.store.webhooks.subscribedFields(app: token.appID, account: user.username) {
            let name = call.store.app(token.appID)?.name ?? ""
            data.append(.object([("id", .string(token.appID)), ("name", .string(name)),
                                 ("subscribed_fields", .array(names.map { JSON.string($0) }))]))
        }
        return GraphResponse.json(.object([("data", .array(data))]))
    }

    /// `DELETE`: the account stops the app's deliveries → `{"success": true}`.
    static func unsubscribe(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        let (token, user) = try subscriber(&call)
        call.store.webhooks.setSubscribedFields(nil, app: token.appID, account: user.username)
        return GraphResponse.json(.object([("success", true)]))
    }

    /// The token and the account the path names: `me`, or the token's own account by its IG user id or app-scoped id.
    static func subscriber(_ call: inout GraphCall) throws(GraphError) -> (GraphToken, SandboxUser) {
        guard call.target.site == .instagramGraph else { throw GraphError.unknownPath(call.target.path) }
        let token = try call.requireToken()
        let (_, user) = try GraphNodeHandlers.owner(of: token, call)
        let id = call.request.parameter("id") ?? "me"
        guard id == "me" || id == user.fbid || id == GraphRenderer.appScopedID(user) else { throw GraphError.unsupportedGet(id) }
        return (token, user)
    }
}
