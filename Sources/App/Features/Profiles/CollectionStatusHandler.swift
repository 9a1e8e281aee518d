import DownloadEngine
import Foundation
import Instagram
import Jobs
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
        enum CodingKeys: String, CodingKey {
            case success, status, kind, url, progress, error, profile, result
            case jobID = "job_id"
            case createdAt = "created_at"
            case startedAt = "started_at"
            case finishedAt = "finished_at"
        }
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
        return .json(try status(job, context: context))
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

    static func status(_ job: Job, context: UserContext) throws -> Status {
        let arguments = try JSONDecoder().decode(CollectionDownloadJob.Arguments.self, from: Data(job.args.utf8))
        let result = JobJSON.decode(CollectionResult.self, from: job.result)
        let progress = JobJSON.decode(CollectionProgress.self, from: job.progress) ?? CollectionProgress()
        let failed = job.state == .failed || (job.state == .queued && job.lastErrorCode != nil)
        let kind = result?.kind ?? ((try? CollectionURLParser().parse(arguments.url)) ?? nil)?.kind ?? "profile"
        return Status(jobID: job.publicID ?? "", status: job.state.rawValue, kind: kind, url: arguments.url, progress: progress,
                      error: failed ? ErrorInfo(code: job.lastErrorCode ?? "", message: job.lastError ?? "") : nil,
                      createdAt: job.createdAt, startedAt: job.startedAt, finishedAt: job.finishedAt,
                      profile: try result?.pictureCode.map { try links($0, context: context) }, result: result)
    }

    static func links(_ code: String, context: UserContext) throws -> ProfileLinks {
        let settings = context.configuration.downloads
        let signer = try context.services.linkSigner()
        let expires = Int(Date().timeIntervalSince1970) + settings.linkLifetime
        let base = context.configuration.publicURL
        let picture = DownloadStorage(settings: settings).stored(shortcode: code, item: nil)?.files.first
        return ProfileLinks(pictureURL: picture.map { signer.link(base: base, uri: "/downloads/\(code)/\($0.name)", expires: expires) },
                            metadataURL: signer.link(base: base, uri: "/downloads/\(code)/\(CollectionRun.profileFileName(code))",
                                                     expires: expires),
                            expiresAt: Date(timeIntervalSince1970: Double(expires)))
    }
}
