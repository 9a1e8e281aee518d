import Foundation
import Instagram
import Jobs
import Web

/// `POST /api/download` with a profile, stories or highlight URL (issue 16): always a job, answered 202 with its id.
/// Any other URL goes on to the post downloader (`DownloadHandler`) untouched.
enum CollectionDownloadHandler {
    struct Body: StrictDecodable {
        static let allowedFields: Set<String> = ["url", "session", "since", "until", "max_posts", "callback_url", "async", "wait",
                                                 "refresh"]
        var url: String
        var session: String?
        var since: String?
        var until: String?
        var maxPosts: Int?
        var callbackURL: String?
        enum CodingKeys: String, CodingKey {
            case url, session, since, until
            case maxPosts = "max_posts"
            case callbackURL = "callback_url"
        }
    }

    /// The answer of an accepted collection download.
    struct Accepted: Encodable {
        var success = true
        var status: String
        var kind: String
        var url: String
        var jobID: String
        var statusURL: String
        /// False when the same download was already queued or running: that job is answered.
        var created: Bool
        enum CodingKeys: String, CodingKey {
            case success, status, kind, url, created
            case jobID = "job_id"
            case statusURL = "status_url"
        }
    }

    /// The route's handler: a collection URL is queued here, anything else is a post download.
    @Sendable static func download(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        guard let target = try collection(in: request) else { return try DownloadHandler.download(request, context) }
        let arguments = try request.decodeJSON(Body.self) { body in try validate(body, target: target, context: context) }
        try requireSession(arguments.session, for: target, context: context)
        let (job, created) = try ProfileStore(db: try context.database()).enqueue(arguments, target: target)
        return accepted(job, target: target, created: created, context: context)
    }

    /// The collection a request's `url` names; nil for a post URL or a body that is not a JSON object with a `url`
    /// (the post handler then gives its own answer).
    static func collection(in request: HTTPRequest) throws -> CollectionURL? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any],
              let url = object["url"] as? String else { return nil }
        return try CollectionURLParser(field: "url").parse(url)
    }

    /// Checks every field (all problems named at once); reads and changes nothing.
    static func validate(_ body: Body, target: CollectionURL, context: UserContext) throws -> CollectionDownloadJob.Arguments {
        var errors: [String: String] = [:]
        let since = body.since.flatMap { Self.date($0) }
        let until = body.until.flatMap { Self.date($0) }
        if body.since != nil, since == nil { errors["since"] = "must be a date (2024-06-11) or an ISO 8601 time (2024-06-11T08:00:00Z)" }
        if body.until != nil, until == nil { errors["until"] = "must be a date (2024-06-11) or an ISO 8601 time (2024-06-11T08:00:00Z)" }
        if let since, let until, since > until { errors["until"] = "must not be before since" }
        if let max = body.maxPosts, !(1...100_000).contains(max) { errors["max_posts"] = "must be a number from 1 to 100000" }
        if let session = body.session, !InstagramNames.isUsername(session) {
            errors["session"] = "must be the username of a saved Instagram session"
        }
        if let url = body.callbackURL, let problem = try CallbackURLCheck.problem(url, context: context) {
            errors["callback_url"] = problem
        }
        if !errors.isEmpty { throw APIError.validation(errors) }
        return CollectionDownloadJob.Arguments(userID: context.user.id, url: target.canonicalURL, session: body.session,
                                               since: since, until: until.map { Self.endOfDay($0, given: body.until ?? "") },
                                               maxPosts: body.maxPosts, callbackURL: body.callbackURL)
    }

    /// That the named saved session exists (422 otherwise), and that there is one where the target needs it.
    static func requireSession(_ username: String?, for target: CollectionURL, context: UserContext) throws {
        let session = try DownloadHandler.loadSession(username, context: context, userID: context.user.id)
        if target.needsSession, session == nil {
            throw CollectionError(.sessionRequired, "\(target.kind == "stories" ? "Stories" : "Highlights") are shown to logged-in "
                                  + "accounts only: save an Instagram session first (POST /api/instagram/session).")
        }
    }

    static func accepted(_ job: Job, target: CollectionURL, created: Bool, context: UserContext) -> HTTPResponse {
        let id = job.publicID ?? ""
        let answer = Accepted(status: job.state == .running ? "running" : "pending", kind: target.kind, url: target.canonicalURL,
                              jobID: id, statusURL: "\(context.configuration.publicURL)/api/collections/\(id)", created: created)
        var response = HTTPResponse.json(answer, status: .accepted)
        response.headers["Location"] = "/api/collections/\(id)"
        return response
    }

    /// `2024-06-11` (UTC midnight) or an ISO 8601 time.
    static func date(_ text: String) -> Date? {
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text) { return date }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return text.count == 10 ? day.date(from: text) : nil
    }

    /// A bare date as `until` covers that whole day.
    static func endOfDay(_ date: Date, given text: String) -> Date {
        text.count == 10 ? date.addingTimeInterval(86_399) : date
    }
}
