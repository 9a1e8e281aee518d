import Foundation
import HTTPClient
import Instagram
import Jobs
import Logging
import Observability

/// The worker side of a follower analysis: validates the session, pages through followers and following
/// with Instagram-like pacing, stores every page straight into the analysis' snapshot as it arrives, and
/// ends by completing the snapshot, whose lists are computed in SQL. One per worker slot (it owns the
/// slot's Instagram client). Without pacing the next page is fetched while the previous one is stored.
final class FollowerAnalysisJob: JobHandler {
    let client: InstagramWebClient
    let secrets: Result<SecretBox, SecretBoxError>
    let pageDelay: Double
    /// Jitter ceiling of the first in-attempt retry of one call, in seconds (doubling per retry, at most 60).
    let retryDelay: Double
    /// In-attempt retries of one page after a 429 or a transient failure, before the attempt gives up.
    let pageRetries = 4
    /// In-attempt retries of an answer that is not the JSON we expect (garbage, wrong shape): one, since a
    /// second garbage answer rarely heals within seconds; the job's own retries (with backoff) follow.
    let garbageRetries = 1
    let prefetcher: PagePrefetcher
    var random = SystemRandomNumberGenerator()

    init(client: InstagramWebClient, secrets: Result<SecretBox, SecretBoxError>, pageDelay: Double, retryDelay: Double = 1) {
        self.client = client
        self.secrets = secrets
        self.pageDelay = pageDelay
        self.retryDelay = retryDelay
        self.prefetcher = PagePrefetcher(client: client)
    }

    func run(_ job: Job, context: JobContext) throws -> String? {
        let store = AnalysisStore(db: context.connection)
        let session = try openSession(job: job, store: store)
        var checkpoint: AnalysisCheckpoint
        if let saved = JobJSON.decode(AnalysisCheckpoint.self, from: job.checkpoint), saved.snapshotID != nil {
            checkpoint = saved
            context.event("resumed", saved.done ? "with both lists stored" : "from page \(saved.pages) of \(saved.list.rawValue)")
        } else {
            checkpoint = try start(job: job, session: session, store: store, context: context)
        }
        defer { prefetcher.wait() }
        while !checkpoint.done {
            try context.checkInterruption()
            let page = try fetch(checkpoint, session: session, context: context)
            let next = checkpoint.after(page.userCount, next: page.nextMaxID)
            if pageDelay == 0, !next.done {
                prefetcher.start(PagePrefetcher.Key(list: next.list, cursor: next.cursor), of: next.accountPK, session: session)
            }
            try save(page, of: checkpoint, then: next, job: job, store: store, context: context)
            checkpoint = next
            if pageDelay > 0, !next.done { try context.sleep(pageDelay * Double.random(in: 0.5...1.5, using: &random)) }
        }
        return try finish(job: job, checkpoint: checkpoint, store: store, context: context)
    }

    func finished(_ job: Job, state: JobState, context: JobContext) {
        do {
            try AnalysisStore(db: context.connection).forget(jobID: job.id)
        } catch {
            context.logger.error("cannot delete the analysis session", metadata: [.error: "\(error)"])
        }
    }

    /// The sealed cookies of the job; gone or unreadable → a terminal failure.
    func openSession(job: Job, store: AnalysisStore) throws -> InstagramSession {
        guard let sealed = try store.secret(jobID: job.id) else {
            throw JobFailure(code: "SESSION_GONE", message: "the job's session is no longer stored", isRetryable: false)
        }
        guard case .success(let box) = secrets else {
            throw JobFailure(code: "SECRET_KEY_UNAVAILABLE", message: "the worker cannot read the secret key file", isRetryable: true)
        }
        let cookies: AnalysisCookies
        do {
            cookies = try JSONDecoder().decode(AnalysisCookies.self, from: Data(box.open(sealed, context: AnalysisCookies.context(job.id))))
        } catch {
            throw JobFailure(code: "SESSION_UNREADABLE", message: "the job's session cannot be decrypted", isRetryable: false)
        }
        return InstagramSession(sessionID: cookies.sessionID, csrfToken: cookies.csrfToken)
    }
}

/// The cookies sealed for a job (`analysis_secrets.sealed`).
struct AnalysisCookies: Codable, Sendable {
    var sessionID: String
    var csrfToken: String
    enum CodingKeys: String, CodingKey { case sessionID = "session_id", csrfToken = "csrf_token" }

    /// The AES-GCM associated data: a sealed session only opens for its own job.
    static func context(_ jobID: Int64) -> String { "analysis-session:\(jobID)" }
}
