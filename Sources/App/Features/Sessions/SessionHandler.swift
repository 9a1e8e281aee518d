import Foundation
import Instagram
import Observability
import Web

/// `/api/instagram/session(s)`: an API user saves the Instagram session the downloader and the account actions
/// use. Two body shapes: today's cookies as fields (`session_id`, `csrf_token`, `ds_user_id`) and the earlier
/// service's `{username, session_id, cookies: {...}, user_agent}`. The session is checked against Instagram's
/// current-user endpoint and its `csrftoken` with a harmless POST (actions need it), sealed at rest, never
/// returned; it expires INSTAGATE_SESSION_EXPIRY_HOURS after it was saved or last used.
enum SessionHandler {
    struct SaveBody: StrictDecodable {
        static let allowedFields: Set<String> = ["username", "session_id", "csrf_token", "ds_user_id", "cookies", "user_agent"]
        var username: String
        var sessionID: String?
        var csrfToken: String?
        var dsUserID: String?
        /// The browser's cookies by name (`sessionid`, `csrftoken`, `ds_user_id`; others are ignored).
        var cookies: [String: String]?
        var userAgent: String?
        enum CodingKeys: String, CodingKey {
            case username, cookies, sessionID = "session_id", csrfToken = "csrf_token", dsUserID = "ds_user_id"
            case userAgent = "user_agent"
        }
    }

    struct Saved: Encodable {
        var success = true
        var session: InstagramSessionStore.Listing
        /// The earlier service's envelope: the same listing under `data`.
        var data: [String: InstagramSessionStore.Listing]
    }

    struct Listed: Encodable {
        var success = true
        var sessions: [InstagramSessionStore.Listing]
    }

    @Sendable static func save(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let user = context.user
        let (body, session) = try request.decodeJSON(SaveBody.self) { body throws(APIError) in (body, try validate(body)) }
        let box = try context.services.secretBox()
        let client = try context.instagramClient()
        let owner: InstagramUser
        do {
            owner = try context.upstream.withSlot {
                let owner = try client.currentUser(session: session)
                try checkCSRFToken(session, owner: owner, context: context)
                return owner
            }
        } catch let error as InstagramError {
            context.logger.info("instagram session refused", metadata: [.code: "\(error.code.rawValue)"])
            throw error
        }
        guard owner.username.lowercased() == body.username.lowercased() else {
            throw APIError.validation(["username": "the session belongs to @\(owner.username), not @\(body.username)"])
        }
        let listing = try InstagramSessionStore(db: try context.database(), box: box)
            .save(userID: user.id, user: owner, session: session, lifetime: context.configuration.actions.sessionLifetimeSeconds)
        return .json(Saved(session: listing, data: ["session": listing]), status: .created)
    }

    /// The csrf token must be the session's own: every action is a POST Instagram checks it on. A refused token
    /// is `INVALID_SESSION` naming the field, and nothing is saved. One call right after the current-user check,
    /// as a browser makes it: not paced.
    static func checkCSRFToken(_ session: InstagramSession, owner: InstagramUser, context: UserContext) throws {
        let client = context.services.instagram.api(logger: context.logger, pacer: nil, maxRetries: 0,
                                                    deadline: context.configuration.upstream.deadline)
        do {
            try client.checkCSRFToken(session: session, ownerID: owner.pk)
        } catch where error.code == .invalidSession {
            throw APIError(.forbidden, "INVALID_SESSION",
                           "Instagram refused the csrf_token: it is not the csrftoken cookie of this session. Send the csrftoken of the same login.",
                           errors: ["csrf_token": "refused by Instagram for this session"])
        }
    }

    /// The session the body describes, or 422 naming every bad field (nothing is sent to Instagram).
    static func validate(_ body: SaveBody) throws(APIError) -> InstagramSession {
        var errors: [String: String] = [:]
        let cookies = body.cookies ?? [:]
        let sessionID = cookies["sessionid"] ?? body.sessionID
        let csrfToken = body.csrfToken ?? cookies["csrftoken"]
        let dsUserID = body.dsUserID ?? cookies["ds_user_id"]
        let sessionField = cookies["sessionid"] != nil ? "cookies.sessionid" : "session_id"
        let csrfField = body.csrfToken != nil || cookies["csrftoken"] == nil ? "csrf_token" : "cookies.csrftoken"
        if !InstagramNames.isUsername(body.username) { errors["username"] = "must be an Instagram username (1–30 of A–Z a–z 0–9 . _)" }
        if let sessionID {
            if InstagramNames.cookieProblem(sessionID, maxLength: 512) != nil { errors[sessionField] = "must be the sessionid cookie (1–512 printable characters)" }
        } else {
            errors["session_id"] = "is required (the sessionid cookie, or cookies.sessionid)"
        }
        if let csrfToken {
            if InstagramNames.cookieProblem(csrfToken, maxLength: 256) != nil { errors[csrfField] = "must be the csrftoken cookie (1–256 printable characters)" }
        } else {
            errors["csrf_token"] = "is required (the csrftoken cookie, or cookies.csrftoken): every action needs it"
        }
        if let id = dsUserID, id.isEmpty || id.count > 32 || !id.allSatisfy({ $0.isASCII && $0.isNumber }) {
            errors[body.dsUserID != nil ? "ds_user_id" : "cookies.ds_user_id"] = "must be the numeric ds_user_id cookie"
        }
        if let agent = body.userAgent, agent.isEmpty || agent.utf8.count > 512 || !agent.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            errors["user_agent"] = "must be the browser's User-Agent (1–512 printable ASCII characters)"
        }
        guard errors.isEmpty, let sessionID, let csrfToken else { throw APIError.validation(errors) }
        return InstagramSession(sessionID: sessionID, csrfToken: csrfToken, dsUserID: dsUserID, userAgent: body.userAgent)
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
