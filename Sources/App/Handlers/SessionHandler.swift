import Foundation
import Instagram
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

    @Sendable static func save(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        let user = try context.requireUser()
        let body = try request.decodeJSON(SaveBody.self)
        let session = try validate(body)
        let box = try context.secretBox()
        let client = try context.instagramClient()
        let owner: InstagramUser
        do {
            owner = try client.currentUser(session: session)
        } catch {
            context.logger.info("instagram session refused", metadata: ["code": "\(error.code.rawValue)"])
            throw APIError(instagram: error)
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
        if !isUsername(body.username) { errors["username"] = "must be an Instagram username (1–30 of A–Z a–z 0–9 . _)" }
        if !isCookie(body.sessionID, max: 512) { errors["session_id"] = "must be the sessionid cookie (1–512 printable characters)" }
        if !isCookie(body.csrfToken, max: 256) { errors["csrf_token"] = "must be the csrftoken cookie (1–256 printable characters)" }
        if let id = body.dsUserID, id.isEmpty || id.count > 32 || !id.allSatisfy({ $0.isASCII && $0.isNumber }) {
            errors["ds_user_id"] = "must be the numeric ds_user_id cookie"
        }
        guard errors.isEmpty else { throw APIError.validation(errors) }
        return InstagramSession(sessionID: body.sessionID, csrfToken: body.csrfToken, dsUserID: body.dsUserID)
    }

    static func isUsername(_ text: String) -> Bool {
        (1...30).contains(text.count) && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_") }
    }

    static func isCookie(_ text: String, max: Int) -> Bool {
        (1...max).contains(text.utf8.count) && text.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ";") }
    }

    @Sendable static func list(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        let user = try context.requireUser()
        let sessions = try InstagramSessionStore(db: try context.database(), box: try context.secretBox()).list(userID: user.id)
        return .json(Listed(sessions: sessions))
    }

    @Sendable static func delete(_ request: HTTPRequest, _ context: inout RequestContext) throws -> HTTPResponse {
        let user = try context.requireUser()
        let username = request.parameter("username") ?? ""
        guard isUsername(username),
              try InstagramSessionStore(db: try context.database(), box: try context.secretBox()).delete(userID: user.id, username: username)
        else {
            throw APIError.notFound("No saved Instagram session with that username.")
        }
        return .json(["success": JSONValue.bool(true), "deleted": .string(username)])
    }
}
