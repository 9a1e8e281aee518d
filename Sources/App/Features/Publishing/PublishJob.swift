import Foundation
import Instagram
import Jobs
import Logging
import Observability
import Postgres

/// Publishes one stored post (`publish_post`): the container is created (a feed photo's, or a story's, reel's or
/// carousel's by `MediaContainers`, a carousel's children first) and its id stored, its status is
/// polled with backoff until `FINISHED`, the publishing limit is read, then `media_publish` is called once and the
/// media id, permalink and shortcode recorded. **Never twice**: a container whose publish may have happened (the
/// answer was lost to a timeout, or a worker died after asking) is asked about first; `PUBLISHED` means the post
/// is live, and its media id is found among the account's recent media.
final class PublishJob: JobHandler {
    static let name = "publish_post"
    static let maxAttempts = 5
    /// Polling a container: first wait, doubling up to `maxPollDelay`, for at most `PublishingSettings.containerTimeout`
    /// (Meta: 5 minutes).
    static let firstPollDelay = 0.5
    static let maxPollDelay = 30.0
    /// How many times a publish answered 9007 (not ready) sends the job back to polling before it gives up.
    static let maxNotReady = 3
    /// When the account is at its 24-hour cap, the post waits this long before the limit is read again.
    static let quotaRecheck = 3600.0
    /// How long a story's job waits for the account's story lock (another story's publish holds it for about one
    /// Graph call: the request timeout is 20 s) before it is put back, due `storyLockRetry` seconds later, the
    /// attempt not charged (`holdStoryLock`).
    static let storyLockWait = 20.0
    static let storyLockRetry = 5.0

    struct Arguments: Codable {
        var publicationID: Int64
        enum CodingKeys: String, CodingKey { case publicationID = "publication_id" }
    }

    let services: AppServices

    init(services: AppServices) { self.services = services }

    /// Prompt: a post due at its minute never waits behind long jobs (the worker's extra slot runs only such kinds).
    static func kind(services: AppServices) -> JobKind {
        JobKind(name: name, policy: JobKindPolicy(prompt: true)) { PublishJob(services: services) }
    }

    /// Queues the job of a stored post (in the caller's transaction), due at its `scheduled_at` or now; its id.
    /// Each of the post's jobs has its own unique key (`publish:<post>:<generation>`).
    static func enqueue(_ post: Publication, db: PostgresConnection) throws -> Int64 {
        let arguments = String(decoding: try JSONEncoder().encode(Arguments(publicationID: post.id)), as: UTF8.self)
        return try JobQueue(connection: db).enqueue(JobRequest(kind: name, ownerID: post.userID, uniqueKey: "publish:\(post.id):\(post.jobGeneration)",
                                                               args: arguments, maxAttempts: maxAttempts, runAt: post.scheduledAt)).job.id
    }

    func run(_ job: Job, context: JobContext) throws -> String? {
        let arguments = try JSONDecoder().decode(Arguments.self, from: Data(job.args.utf8))
        let db = context.connection
        let store = PublicationStore(db: db)
        let graph = services.configuration.graph
        guard let claim = try store.claim(arguments.publicationID, jobID: job.id,
                                          appIDs: [.instagram: graph.instagramAppID ?? "", .facebook: graph.facebookAppID ?? ""]) else {
            // Published, cancelled, failed, gone, or given a newer job (a retry, a moved schedule): nothing to do.
            return "{\"skipped\":\"the post is not this job's to publish\"}"
        }
        var post = claim.post
        let box = try services.secretBox()
        let accounts = ConnectedAccountStore(db: db, box: box)
        guard let account = claim.account else {
            try fail(post, store: store, code: nil, subcode: nil, message: "The connected account was removed before the post was published.")
            return nil
        }
        let app = try graph.app(account.flavour)
        // The process's kept client: its connection to Meta stays open from the job before.
        let http = GraphHTTPPool.shared.take(app, maxRetries: 2, requestTimeout: 20)
        defer { GraphHTTPPool.shared.give(http, app, maxRetries: 2, requestTimeout: 20) }
        let client = GraphAPIClient(app: app, http: http)
        let access = GraphAccountAccess(store: accounts, client: client, logger: context.logger, settings: graph)
        if !claim.paused, account.isConnected, let sealed = claim.sealedToken,
           let token = try? box.openString(sealed, context: ConnectedAccount.tokenContext(userID: account.userID, igUserID: account.igUserID)) {
            // The claim found no pause and read the token: the first call need not ask again.
            access.memo.keep(token, for: account.id)
        }
        let ig = account.igUserID
        do {
            if let container = post.containerID, post.publishRequestedAt != nil {
                // An earlier attempt asked Meta to publish and never heard back: ask before doing anything.
                let status = try containerStatus(container, access: access, account: account)
                if status == "PUBLISHED", let media = try publishedMedia(post, access: access, account: account, context: context) {
                    finish(post, mediaID: media, access: access, account: account, store: store, context: context)
                    return "{\"media_id\":\"\(media)\",\"recovered\":true}"
                }
                if status == "EXPIRED" || status == "ERROR" {
                    // Not published, and no longer publishable (a retry after a day): a new container.
                    try store.setContainer(post.id, nil)
                    post.containerID = nil
                }
            }
            if post.containerID == nil {
                let container: String
                if let media = post.media {
                    container = try MediaContainers(access: access, account: account, links: try UploadLinks(services: services))
                        .create(media, caption: post.caption)
                } else {
                    let links = try UploadLinks(services: services)
                    container = try access.withToken(account) { (token) throws(GraphAPIError) in
                        try client.createImageContainer(igUserID: ig, imageURL: links.signed(post.imageURL), caption: post.caption, token: token)
                    }
                }
                try context.event("container_created", along: store.containerStatement(post.id, container))
                post.containerID = container
            }
            let container = post.containerID!
            try waitUntilFinished(container, access: access, account: account, context: context)
            let quota = try access.withToken(account) { (token) throws(GraphAPIError) in try client.publishingLimit(igUserID: ig, token: token) }
            if quota.usage >= quota.total {
                try waitForQuota(post, store: store, total: quota.total)
            }
            // A story: the account's other story publishes wait from here through this one's answer (and its
            // recovery, should the answer be lost), so the live stories read now decide exactly (`holdStoryLock`).
            let storyLock = post.media?.type == "STORIES" ? try holdStoryLock(account, store: store) : nil
            defer { if let storyLock { store.unlockStoryPublishing(igUserID: storyLock) } }
            let storiesBefore = storyLock != nil ? liveStoryIDs(access: access, account: account, context: context) : nil
            try store.markPublishRequested(post.id, storiesBefore: storiesBefore)
            post.publishRequestedAt = Date()
            var published: Result<String, any Error> = Result {
                try access.withToken(account) { (token) throws(GraphAPIError) in try client.publish(igUserID: ig, containerID: container, token: token) }
            }
            for _ in 0..<PublishJob.maxNotReady {
                // 9007 (not ready): nothing was published; wait for FINISHED again, then publish.
                guard case .failure(let error as GraphAPIError) = published, error.code == 9007 || error.subcode == 2207027 else { break }
                context.event("not_ready", "Meta said the media was not ready (9007); polling the container again")
                try waitUntilFinished(container, access: access, account: account, context: context)
                published = Result {
                    try access.withToken(account) { (token) throws(GraphAPIError) in try client.publish(igUserID: ig, containerID: container, token: token) }
                }
            }
            switch published {
            case .success(let media):
                finish(post, mediaID: media, access: access, account: account, store: store, context: context)
                return "{\"media_id\":\"\(media)\"}"
            case .failure(let error as GraphAPIError) where error.code == 9 || error.subcode == 2207042:
                try waitForQuota(post, store: store, total: quota.total)
            case .failure(let error as GraphAPIError) where error.kind == .transport || error.kind == .transient || error.subcode == 2207051
                                                            || error.subcode == 2207008:
                // The answer was lost (or the container is said to be gone, as it is once published): the container's
                // status decides, never a blind second publish.
                context.logger.warning("publish answer lost; asking the container", metadata: [.error: "\(error)"])
                if try containerStatus(container, access: access, account: account) == "PUBLISHED",
                   let media = try publishedMedia(post, access: access, account: account, context: context) {
                    finish(post, mediaID: media, access: access, account: account, store: store, context: context)
                    return "{\"media_id\":\"\(media)\",\"recovered\":true}"
                }
                throw JobFailure(code: "PUBLISH_UNCONFIRMED", message: "Meta did not answer the publish; the container is not published yet, so it will be tried again",
                                 isRetryable: true)
            case .failure(let error):
                throw error
            }
        } catch let error as GraphAPIError {
            let retryable = error.kind == .transport || error.kind == .transient || error.kind == .rateLimited
            if !retryable || job.attempts >= job.maxAttempts {
                try fail(post, store: store, code: error.code, subcode: error.subcode, message: PublishJob.sentence(error))
            }
            throw JobFailure(code: "GRAPH_\(error.kind.rawValue.uppercased())", message: PublishJob.sentence(error), isRetryable: retryable,
                             retryAfter: error.retryAfter)
        } catch let failure as JobFailure {
            if !failure.isRetryable || job.attempts >= job.maxAttempts {
                try fail(post, store: store, code: nil, subcode: nil, message: failure.message)
            }
            throw failure
        } catch let failure as ContainerFailure {
            try fail(post, store: store, code: failure.code, subcode: failure.subcode, message: failure.message)
            throw JobFailure(code: failure.failureCode, message: failure.message, isRetryable: false)
        } catch ConnectedAccountError.reconnectRequired {
            try fail(post, store: store, code: 190, subcode: nil, message: "The account must be connected again (its token no longer works); then post again.")
            throw JobFailure(code: "RECONNECT_REQUIRED", message: "the account must be connected again", isRetryable: false)
        }
    }

    /// Polls the container with backoff until `FINISHED`; `ERROR`, `EXPIRED` or `PUBLISHED` (by someone else) end it.
    func waitUntilFinished(_ container: String, access: GraphAccountAccess, account: ConnectedAccount, context: JobContext) throws {
        var delay = PublishJob.firstPollDelay
        let started = Date()
        let limit = services.configuration.publishing.containerTimeout
        while true {
            let status = try access.withToken(account) { (token) throws(GraphAPIError) in try access.client.containerStatus(container, token: token) }
            switch status.code {
            case "FINISHED": return
            case "IN_PROGRESS":
                let waited = Date().timeIntervalSince(started)
                guard waited < limit else { throw ContainerFailure.stuck(after: limit) }
                try context.sleep(min(delay, max(0.05, limit - waited)))
                delay = min(PublishJob.maxPollDelay, delay * 2)
            case "ERROR":
                throw ContainerFailure.error(status: status.text)
            case "EXPIRED":
                throw ContainerFailure.expired
            default:
                throw JobFailure(code: "CONTAINER_\(status.code)", message: "The media container is \(status.code.lowercased()) (\(status.text ?? "")); post it again.",
                                 isRetryable: false)
            }
        }
    }

    /// The container's `status_code` (IN_PROGRESS, FINISHED, PUBLISHED, EXPIRED, ERROR).
    func containerStatus(_ container: String, access: GraphAccountAccess, account: ConnectedAccount) throws -> String {
        try access.withToken(account) { (token) throws(GraphAPIError) in try access.client.containerStatus(container, token: token) }.code
    }

    /// The media id of a post whose container Meta says is `PUBLISHED`, found among the account's recent media (a
    /// story among its live stories, `publishedStory`).
    func publishedMedia(_ post: Publication, access: GraphAccountAccess, account: ConnectedAccount, context: JobContext) throws -> String? {
        context.event("already_published", "the container was published by an earlier attempt")
        if let media = post.media, media.type == "STORIES" {
            return try publishedStory(post, media: media, access: access, account: account, store: PublicationStore(db: context.connection),
                                      context: context)
        }
        let page = try access.withToken(account) { (token) throws(GraphAPIError) in
            try access.client.media(igUserID: account.igUserID, token: token, limit: 25, after: nil)
        }
        // Not one another post of ours recorded (two posts of one caption whose answers were both lost).
        let claimed = try PublicationStore(db: context.connection).recordedMediaIDs(accountID: post.accountID, among: page.media.map(\.id),
                                                                                     except: post.id)
        if let match = page.media.first(where: { ($0.caption ?? "") == post.caption && !claimed.contains($0.id) }) { return match.id }
        throw JobFailure(code: "PUBLISHED_NOT_FOUND", message: "Meta says the post was published, but it is not among the account's recent media yet",
                         isRetryable: true)
    }

    /// Fetches the permalink and records the post as published in the job's completion statement (one round trip:
    /// should that statement fail, the next attempt finds the container `PUBLISHED` and records it then).
    func finish(_ post: Publication, mediaID: String, access: GraphAccountAccess, account: ConnectedAccount, store: PublicationStore,
                context: JobContext) {
        let link = try? access.withToken(account) { (token) throws(GraphAPIError) in try access.client.permalink(mediaID: mediaID, token: token) }
        context.completeAlong(store.publishedStatement(post.id, mediaID: mediaID, permalink: link?.permalink, shortcode: link?.shortcode))
    }

    func waitForQuota(_ post: Publication, store: PublicationStore, total: Int) throws -> Never {
        let message = "The account has published its \(total) posts of the last 24 hours (Meta's publishing limit); the post waits and is tried again."
        try store.markProblem(post.id, state: "waiting_quota", code: 9, subcode: 2207042, message: message)
        throw JobFailure(code: "PUBLISHING_LIMIT", message: message, isRetryable: true, retryAfter: PublishJob.quotaRecheck)
    }

    func fail(_ post: Publication, store: PublicationStore, code: Int?, subcode: Int?, message: String) throws {
        try store.markProblem(post.id, state: "failed", code: code, subcode: subcode, message: message)
    }

    /// A plain sentence of what to change, from Meta's code and subcode (graph-api.md §3.8).
    static func sentence(_ error: GraphAPIError) -> String {
        switch error.subcode {
        case 2207052: return "Meta could not fetch the media from its URL: make it public and reachable, then post again."
        case 2207005: return "The image is not a JPEG: Instagram publishes JPEG images only."
        case 2207004: return "The image is larger than 8 MiB: make it smaller."
        case 2207009: return "The image's aspect ratio is outside 4:5 to 1.91:1: crop it."
        case 2207010: return "The caption is too long (2,200 characters, 30 hashtags)."
        case 2207040: return "The caption has more than 20 @-mentions."
        case 2207008, 2207020: return "The media container expired or does not exist: post again."
        case 2207051: return "Meta restricted this account's activity (suspected spam): check the account in the Instagram app."
        default: break
        }
        switch error.kind {
        case .permission:
            return "Meta does not allow this account to publish (code \(error.code ?? 0)): connect it again and grant content publishing, then retry the post."
        case .rateLimited:
            return "Meta's rate limit held the post back (code \(error.code ?? 0)) after every attempt: retry it later."
        default:
            return "Meta refused the post (code \(error.code ?? 0)/\(error.subcode ?? 0)): \(error.message)"
        }
    }
}
