import DownloadEngine
import Foundation
import Instagram
import Jobs
import Postgres
import Web

/// `GET /api/collections/{job_id}` (progress, then the items and the profile's links) and
/// `DELETE /api/collections/{job_id}` (cancel: the worker stops after the post it is on; what is done stays).
enum CollectionStatusHandler {
    struct Status: Encodable {
        var success = true
        var jobID: String
        var status: String
        var kind: String
        var url: String
        var progress: CollectionProgress
        var error: ErrorInfo?
        var createdAt: Date
        var startedAt: Date?
        var finishedAt: Date?
        var profile: ProfileLinks?
        var result: CollectionResult?
        var webhook: WebhookInfo?
        enum CodingKeys: String, CodingKey {
            case success, status, kind, url, progress, error, profile, result, webhook
            case jobID = "job_id"
            case createdAt = "created_at"
            case startedAt = "started_at"
            case finishedAt = "finished_at"
        }
    }

    /// The job's `callback_url` and every delivery attempt so far.
    struct WebhookInfo: Encodable {
        var url: String
        var deliveries: [WebhookStore.Delivery]
    }

    struct ErrorInfo: Encodable {
        var code: String
        var message: String
    }

    /// Signed links of the profile picture (full size) and the profile's metadata JSON.
    struct ProfileLinks: Encodable {
        var pictureURL: String?
        var metadataURL: String
        var expiresAt: Date
        enum CodingKeys: String, CodingKey {
            case pictureURL = "picture_url"
            case metadataURL = "metadata_url"
            case expiresAt = "expires_at"
        }
    }

    @Sendable static func show(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let job = try findJob(request, context)
        return .json(try status(job, configuration: context.configuration, services: context.services, db: try context.database()))
    }

    @Sendable static func cancel(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let job = try findJob(request, context)
        let id = job.publicID ?? ""
        switch try JobQueue(connection: try context.database()).requestCancel(jobID: job.id) {
        case .cancelled:
            return .json(["success": JSONValue.bool(true), "job_id": .string(id), "status": "cancelled"])
        case .requested:
            return .json(["success": JSONValue.bool(true), "job_id": .string(id), "status": "cancelling",
                          "message": "The worker stops after the post it is on; the posts done stay downloaded."], status: .accepted)
        case .alreadyFinished:
            return .json(["success": JSONValue.bool(true), "job_id": .string(id), "status": .string(job.state.rawValue)])
        case .notFound:
            throw CollectionError(.jobNotFound, "No profile, stories or highlight job with that id.")
        }
    }

    static func findJob(_ request: HTTPRequest, _ context: UserContext) throws -> Job {
        guard let id = request.parameter("job_id"),
              let job = try ProfileStore(db: try context.database()).findJob(publicID: id, ownerID: context.user.id) else {
            throw CollectionError(.jobNotFound, "No profile, stories or highlight job with that id.")
        }
        return job
    }

    /// The status answer of a job (also the body of its webhook).
    static func status(_ job: Job, configuration: AppConfiguration, services: AppServices, db: PostgresConnection) throws -> Status {
        let arguments = try JSONDecoder().decode(CollectionDownloadJob.Arguments.self, from: Data(job.args.utf8))
        let result = JobJSON.decode(CollectionResult.self, from: job.result)
        let progress = JobJSON.decode(CollectionProgress.self, from: job.progress) ?? CollectionProgress()
        let failed = job.state == .failed || (job.state == .queued && job.lastErrorCode != nil)
        let kind = result?.kind ?? ((try? CollectionURLParser().parse(arguments.url)) ?? nil)?.kind ?? "profile"
        let webhook = try arguments.callbackURL.map { url in
            WebhookInfo(url: url, deliveries: try WebhookStore(db: db, box: try services.secretBox()).deliveries(sourceJobID: job.id))
        }
        return Status(jobID: job.publicID ?? "", status: displayedState(job), kind: kind, url: arguments.url, progress: progress,
                      error: failed ? ErrorInfo(code: job.lastErrorCode ?? "", message: job.lastError ?? "") : nil,
                      createdAt: job.createdAt, startedAt: job.startedAt, finishedAt: job.finishedAt,
                      profile: try result?.pictureCode.map { try links($0, configuration: configuration, services: services) },
                      result: result, webhook: webhook)
    }

    /// The job's state as a user sees it: a paused queued job is `paused`, a running one whose pause has not
    /// landed yet `pausing`.
    static func displayedState(_ job: Job) -> String {
        guard job.pausedAt != nil else { return job.state.rawValue }
        switch job.state {
        case .queued: return "paused"
        case .running: return "pausing"
        default: return job.state.rawValue
        }
    }

    static func links(_ code: String, configuration: AppConfiguration, services: AppServices) throws -> ProfileLinks {
        let settings = configuration.downloads
        let signer = try services.linkSigner()
        let expires = Int(Date().timeIntervalSince1970) + settings.linkLifetime
        let base = configuration.publicURL
        let picture = DownloadStorage(settings: settings).stored(shortcode: code, item: nil)?.files.first
        return ProfileLinks(pictureURL: picture.map { signer.link(base: base, uri: "/downloads/\(code)/\($0.name)", expires: expires) },
                            metadataURL: signer.link(base: base, uri: "/downloads/\(code)/\(CollectionRun.profileFileName(code))",
                                                     expires: expires),
                            expiresAt: Date(timeIntervalSince1970: Double(expires)))
    }
}
