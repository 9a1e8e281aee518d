import Web

extension OpenAPIDocument {
    /// Paths of the webhook endpoints (issue 16).
    static var webhookPaths: [String: JSONValue] {
        ["/api/webhooks/secret": ["post": operation(
            "rotateWebhookSecret", "Make (or replace) this user's webhook signing secret; shown only in this answer. A callback_url needs one",
            ok: nil, auth: true,
            extra: ["201": inline("The secret", ["type": "object", "properties": ["success": ["type": "boolean"], "secret": ["type": "string"]]]),
                    "200": nil])]]
    }
}
