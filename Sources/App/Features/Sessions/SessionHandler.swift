import Foundation
import Instagram
import Observability
import Web

/// `/api/instagram/session(s)`: an API user saves the Instagram session the downloader uses for posts that
/// need a login. The cookies are checked against Instagram's current-user endpoint, sealed at rest, never returned.
enum SessionHandler {
    struct SaveBody: StrictDecodable {
        static let allowedFields: Set<String> = ["username", "session_id", "csrf_token", "ds_user_id"]
        var username: String
        var sessionID: String
        var csrfToken: String
        var dsUserID: String?
        enum CodingKeys: String, CodingKey {
            case username, sessionID = "session_id", csrfToken = "csrf_token", dsUserID = "ds_user_id"
        }
    }

    struct Saved: Encodable {
        var success = true
        var session: InstagramSessionStore.Listing
    }

    struct Listed: Encodable {
        var success = true
        var sessions: [InstagramSessionStore.Listing]
    }

    @Sendable static func save(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let user = context.user
        let body = try request.decodeJSON(SaveBody.self)
        let session = try validate(body)
        let box = try context.services.secretBox()
        let client = try context.instagramClient()
        let owner: InstagramUser
        do {
            owner = try context.upstream.withSlot { try client.currentUser(session: session) }
        } catch let error as InstagramError {
            context.logger.info("instagram session refused", metadata: [.code: "\(error.code.rawValue)"])
            throw error
        }
        guard owner.username.lowercased() == body.username.lowercased() else {
            throw APIError.validation(["username": "the session belongs to @\(owner.username), not @\(body.username)"])
        }
        let listing = try InstagramSessionStore(db: try context.database(), box: box)
            .save(userID: user.id, user: owner, session: session)
        return .json(Saved(session: listing), status: .created)
    }

    static func validate(_ body: SaveBody) throws(APIError) -> InstagramSession {
        var errors: [String: String] = [:]
        if !InstagramNames.isUsername(body.username) { errors["username"] = "must be an Instagram username (1–30 of A–Z a–z 0–9 . _)" }
        if InstagramNames.cookieProblem(body.sessionID, maxLength: 512) != nil { errors["session_id"] = "must be the sessionid cookie (1–512 printable characters)" }
        if InstagramNames.cookieProblem(body.csrfToken, maxLength: 256) != nil { errors["csrf_token"] = "must be the csrftoken cookie (1–256 printable characters)" }
        if let id = body.dsUserID, id.isEmpty || id.count > 32 || !id.allSatisfy({ $0.isASCII && $0.isNumber }) {
            errors["ds_user_id"] = "must be the numeric ds_user_id cookie"
        }
        guard errors.isEmpty else { throw APIError.validation(errors) }
        return InstagramSession(sessionID: body.sessionID, csrfToken: body.csrfToken, dsUserID: body.dsUserID)
    }


    @Sendable static func list(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let user = context.user
        let sessions = try InstagramSessionStore(db: try context.database(), box: try context.services.secretBox()).list(userID: user.id)
        return .json(Listed(sessions: sessions))
    }

    @Sendable static func delete(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let user = context.user
        let username = request.parameter("username") ?? ""
        guard InstagramNames.isUsername(username),
              try InstagramSessionStore(db: try context.database(), box: try context.services.secretBox()).delete(userID: user.id, username: username)
        else {
            throw APIError.notFound("No saved Instagram session with that username.")
        }
        return .json(["success": JSONValue.bool(true), "deleted": .string(username)])
    }
}
