import Web

/// `POST /api/webhooks/secret`: makes (or replaces) the API user's webhook signing secret and shows it, once.
enum WebhookSecretHandler {
    @Sendable static func rotate(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let secret = try WebhookStore(db: try context.database(), box: try context.services.secretBox())
            .rotateSecret(userID: context.user.id)
        return .json(["success": JSONValue.bool(true), "secret": .string(secret),
                      "message": "Shown only now. Each webhook carries X-Instagate-Signature: t=UNIX,v1=hex(HMAC-SHA256(secret, \"UNIX.\" + body))."],
                     status: .created)
    }
}
