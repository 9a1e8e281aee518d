import Foundation
import Instagram
import Jobs
import Postgres

extension FollowerAnalysisJob {
    /// First attempt: validate the session (fails fast on an expired or checkpointed one), find the account,
    /// create the snapshot the pages go into.
    func start(job: Job, session: InstagramSession, store: AnalysisStore, context: JobContext) throws -> AnalysisCheckpoint {
        try context.progress(AnalysisProgress(message: "validating the session", phase: "validating"))
        let owner = try withRetries(context: context, what: "session check") { () throws(InstagramError) in
            try client.currentUser(session: session)
        }
        let target = JobJSON.decode(AnalysisArgs.self, from: job.args)?.username ?? owner.username
        let counts = try withRetries(context: context, what: "profile") { () throws(InstagramError) in
            try client.friendshipCounts(username: target, session: session)
        }
        context.event("session_valid", "analysing \(counts.username): \(counts.followers) followers, \(counts.following) following")
        let snapshotID = try store.createSnapshot(job: job, accountPK: counts.pk, username: counts.username)
        let checkpoint = AnalysisCheckpoint(accountPK: counts.pk, username: counts.username, expectedFollowers: counts.followers,
                                            expectedFollowing: counts.following, list: .followers, cursor: nil, pages: 0,
                                            usersFetched: 0, snapshotID: snapshotID)
        try context.checkpoint(JobJSON.encode(checkpoint), progress: JobJSON.encode(AnalysisProgress(checkpoint)))
        return checkpoint
    }

    /// The page `checkpoint` points at: the prefetched one when it was fetched ahead (a failed prefetch counts
    /// as the first try), else fetched now, with in-attempt retries.
    func fetch(_ checkpoint: AnalysisCheckpoint, session: InstagramSession, context: JobContext) throws -> RawFriendshipPage {
        let what = "\(checkpoint.list.rawValue) page \(checkpoint.pages + 1)"
        var firstError: InstagramError?
        switch prefetcher.take(PagePrefetcher.Key(list: checkpoint.list, cursor: checkpoint.cursor)) {
        case .success(let page): return page
        case .failure(let error): firstError = error
        case nil: break
        }
        return try withRetries(context: context, what: what, firstError: firstError) { () throws(InstagramError) in
            try client.rawFriendshipPage(checkpoint.list, of: checkpoint.accountPK, maxID: checkpoint.cursor, session: session)
        }
    }

    /// Stores a page and the checkpoint after it in one statement. PostgreSQL refusing the page's users
    /// (a user without `pk` or `username`, JSON it cannot read) is the answer's fault: `BAD_RESPONSE`.
    func save(_ page: RawFriendshipPage, of checkpoint: AnalysisCheckpoint, then next: AnalysisCheckpoint, job: Job,
              store: AnalysisStore, context: JobContext) throws {
        let outcome = Result { () throws(PostgresError) -> LeaseStatus in
            try store.storePage(String(decoding: page.body, as: UTF8.self), snapshotID: checkpoint.snapshotID ?? 0,
                                list: checkpoint.list, job: job, context: context,
                                checkpoint: JobJSON.encode(next), progress: JobJSON.encode(AnalysisProgress(next)))
        }
        switch outcome {
        case .success(let status):
            try context.apply(status)
        case .failure(let error):
            switch error.code {
            case .dataException, .notNullViolation:
                throw JobFailure(instagram: InstagramError(.badResponse, "the page's users cannot be stored (SQLSTATE \(error.sqlState))"))
            default:
                throw error
            }
        }
    }

    /// Runs `call`; on 429 or a transient failure waits (Retry-After or backoff) and tries again, up to
    /// `pageRetries` times; then the attempt fails retryably and the job resumes later from its checkpoint.
    func withRetries<T>(context: JobContext, what: String, firstError: InstagramError? = nil,
                        _ call: () throws(InstagramError) -> T) throws -> T {
        var tries = 0
        var pendingError = firstError
        while true {
            do throws(InstagramError) {
                if let failed = pendingError {
                    pendingError = nil
                    throw failed
                }
                return try call()
            } catch {
                tries += 1
                guard error.isRetryable else { throw JobFailure(instagram: error) }
                guard tries <= (error.code == .badResponse ? garbageRetries : pageRetries) else {
                    throw JobFailure(instagram: error)
                }
                let ceiling = min(60, retryDelay * pow(2, Double(tries - 1)))
                let delay = max(error.retryAfter ?? 0, Double.random(in: 0...ceiling, using: &random))
                context.event("backoff", "\(what): \(error.code.rawValue), waiting \(String(format: "%.1f", delay)) s")
                try context.sleep(delay)
            }
        }
    }

    /// Both lists stored: the snapshot is completed and its counts become the job's result.
    func finish(job: Job, checkpoint: AnalysisCheckpoint, store: AnalysisStore, context: JobContext) throws -> String {
        let counts = try store.completeSnapshot(checkpoint.snapshotID ?? 0)
        context.event("completed", "\(counts.followers) followers, \(counts.following) following, \(counts.unfollowers) unfollowers")
        try context.checkpoint(nil, progress: JobJSON.encode(AnalysisProgress(
            pages: checkpoint.pages, usersFetched: checkpoint.usersFetched, expectedTotal: checkpoint.usersFetched,
            message: "done", phase: "completed")))
        return JobJSON.encode(AnalysisResultSummary(username: checkpoint.username, accountPK: checkpoint.accountPK, counts: counts))
    }
}

/// The job's stored result.
struct AnalysisResultSummary: Codable, Sendable {
    var username: String
    var accountPK: String
    var counts: AnalysisCounts
    enum CodingKeys: String, CodingKey { case username, accountPK = "account_pk", counts }
}

extension JobFailure {
    /// An Instagram error as a job failure: the same code, retryable as the client classifies it.
    init(instagram error: InstagramError) {
        self.init(code: error.code.rawValue, message: error.message, isRetryable: error.isRetryable, retryAfter: error.retryAfter)
    }
}
