import Foundation
import Instagram
import Web

/// `POST /api/watch` `{url, every, session}`, `GET /api/watch`, `DELETE /api/watch/{id}`: a profile (or its stories)
/// downloaded again every `every` seconds by a job that queues its successor when it ends; incremental, so a
/// run without new posts costs a couple of requests.
enum WatchHandler {
    struct Body: StrictDecodable {
        static let allowedFields: Set<String> = ["url", "every", "session"]
        var url: String
        var every: Int
        var session: String?
    }

    @Sendable static func create(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let minimum = context.configuration.profiles.watchMinInterval
        let (body, target) = try request.decodeJSON(Body.self) { body throws(APIError) in (body, try validate(body, minimum: minimum)) }
        let session = try DownloadHandler.loadSession(body.session, context: context, userID: context.user.id)
        if target.needsSession, session == nil {
            throw CollectionError(.sessionRequired, "Stories are shown to logged-in accounts only: save an Instagram session first "
                                  + "(POST /api/instagram/session).")
        }
        let watch = try WatchStore(db: try context.database()).upsert(userID: context.user.id, target: target, every: body.every,
                                                                     session: body.session)
        struct Created: Encodable { var success = true; var watch: WatchStore.Record }
        return .json(Created(watch: watch), status: .created)
    }

    /// The watched profile or stories, or 422 naming every bad field.
    static func validate(_ body: Body, minimum: Int) throws(APIError) -> CollectionURL {
        var errors: [String: String] = [:]
        var target: CollectionURL?
        do {
            target = try CollectionURLParser(field: "url").parse(body.url)
            if target == nil || target?.kind == "highlight" || { if case .stories(_, .some) = target { return true }; return false }() {
                errors["url"] = "must be a profile URL (instagram.com/USERNAME/) or a stories URL (/stories/USERNAME/)"
            }
        } catch {
            errors["url"] = error.message
        }
        if !(minimum...31_536_000).contains(body.every) { errors["every"] = "must be a number of seconds from \(minimum) to 31536000" }
        if let session = body.session, !InstagramNames.isUsername(session) {
            errors["session"] = "must be the username of a saved Instagram session"
        }
        guard errors.isEmpty, let target else { throw APIError.validation(errors) }
        return target
    }

    @Sendable static func list(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        struct Listed: Encodable { var success = true; var watches: [WatchStore.Record] }
        return .json(Listed(watches: try WatchStore(db: try context.database()).list(userID: context.user.id)))
    }

    @Sendable static func delete(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        guard let id = request.parameter("id").flatMap({ Int64($0) }),
              try WatchStore(db: try context.database()).delete(userID: context.user.id, id: id) else {
            throw APIError(.notFound, "WATCH_NOT_FOUND", "No watch with that id.")
        }
        return .json(["success": JSONValue.bool(true), "id": .int(Int(id)), "deleted": true])
    }
}
