import Foundation
import Observability
import Web

/// Meta's calls to instagate (no key: each is checked against the app secret on its raw bytes first):
/// the subscription check, webhook events, the deauthorize and data-deletion callbacks, and the deletion status page.
enum MetaWebhookHandlers {
    /// GET `/api/sns/instagram/webhook?hub.mode=subscribe&hub.verify_token=…&hub.challenge=…`: the challenge, as text,
    /// when the verify token is ours; 403 otherwise.
    @Sendable static func verify(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        guard request.query("hub.mode") == "subscribe", let expected = context.configuration.graph.webhookVerifyToken,
              let given = request.query("hub.verify_token"),
              MetaWebhookSignature.equal(Array(given.utf8), Array(expected.utf8)), let challenge = request.query("hub.challenge") else {
            throw MetaWebhookError.verificationFailed
        }
        return .text(challenge)
    }

    /// POST `/api/sns/instagram/webhook`: an event signed with `X-Hub-Signature-256`; stored once verified.
    @Sendable static func receive(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        guard MetaWebhookSignature.verify(body: request.body, header: request.headers["X-Hub-Signature-256"],
                                      secrets: context.configuration.graph.appSecrets) else {
            context.logger.warning("webhook refused: bad signature", metadata: [.bytes: "\(request.body.count)"])
            throw MetaWebhookError.badSignature
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] else {
            throw APIError.badRequest("MALFORMED_JSON", "The event is not a JSON object.")
        }
        let entry = (object["entry"] as? [[String: Any]])?.first
        let subject = (entry?["id"] as? String) ?? (entry?["id"] as? NSNumber)?.stringValue
        let id = try MetaWebhookStore(db: try context.database()).record(kind: "event", object: object["object"] as? String, subjectID: subject,
                                                                    payload: String(decoding: request.body, as: UTF8.self))
        return .json(["success": JSONValue.bool(true), "event_id": .int(Int(id))])
    }

    /// POST `/api/sns/instagram/deauthorize` (`signed_request`): the user removed the app; their accounts are disconnected.
    @Sendable static func deauthorize(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let (userID, payload) = try signed(request, context)
        let store = MetaWebhookStore(db: try context.database())
        let affected = try store.deauthorize(userID: userID)
        context.services.accountCache.removeAll() // this process at once; the others by notice
        try store.record(kind: "deauthorize", object: nil, subjectID: userID, payload: payload, affected: affected)
        context.logger.info("deauthorized at Meta", metadata: [.count: "\(affected)"])
        return .json(["success": JSONValue.bool(true), "accounts_disconnected": .int(affected)])
    }

    /// POST `/api/sns/instagram/data-deletion` (`signed_request`): the user's accounts are deleted; Meta gets the
    /// status URL and confirmation code it shows the user.
    @Sendable static func dataDeletion(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let (userID, payload) = try signed(request, context)
        let store = MetaWebhookStore(db: try context.database())
        let code = OAuthState.make(userID: 0, flavour: .instagram, ttl: 0).nonce
        let affected = try context.database().transaction { () throws -> Int in
            let affected = try store.deleteData(userID: userID)
            try store.record(kind: "data_deletion", object: nil, subjectID: userID, payload: payload, confirmationCode: code, affected: affected)
            return affected
        }
        context.services.accountCache.removeAll() // after the commit: this process at once; the others by notice
        context.logger.info("data deletion at Meta's request", metadata: [.count: "\(affected)"])
        let url = context.configuration.graph.publicURL + "/api/sns/instagram/data-deletion/status?code=" + code
        return .json(["url": JSONValue.string(url), "confirmation_code": .string(code)])
    }

    /// GET `/api/sns/instagram/data-deletion/status?code=`: what a deletion request did.
    @Sendable static func deletionStatus(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        guard let code = request.query("code"), code.count <= 64,
              let found = try MetaWebhookStore(db: try context.database()).deletion(code: code) else {
            throw APIError.notFound("No data-deletion request has that confirmation code.")
        }
        return .json(["success": JSONValue.bool(true), "confirmation_code": .string(code), "status": "completed",
                      "accounts_deleted": .int(found.affected),
                      "received_at": .string(ISO8601DateFormatter().string(from: found.receivedAt))])
    }

    /// The verified payload's `user_id` and the payload as JSON text.
    static func signed(_ request: HTTPRequest, _ context: RequestContext) throws -> (String, String) {
        let form = request.formFields
        guard let text = form["signed_request"],
              let payload = MetaWebhookSignature.signedRequest(text, secrets: context.configuration.graph.appSecrets),
              let userID = (payload["user_id"] as? String) ?? (payload["user_id"] as? NSNumber)?.stringValue else {
            throw MetaWebhookError.badSignature
        }
        let json = (try? JSONSerialization.data(withJSONObject: payload)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return (userID, json)
    }
}

extension HTTPRequest {
    /// The fields of an `application/x-www-form-urlencoded` body (the first value of a name wins).
    var formFields: [String: String] {
        var fields: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = PercentDecoding.decode(parts[0], plusAsSpace: true), fields[name] == nil else { continue }
            fields[name] = parts.count > 1 ? PercentDecoding.decode(parts[1], plusAsSpace: true) ?? "" : ""
        }
        return fields
    }
}

/// A call that claims to be Meta's but is not: 403 (a wrong verify token, a signature no app secret made).
enum MetaWebhookError: Error {
    case verificationFailed
    case badSignature
}
