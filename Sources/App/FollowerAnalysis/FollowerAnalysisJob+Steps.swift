import Foundation
import Instagram
import Jobs

extension FollowerAnalysisJob {
    /// First attempt: validate the session (fails fast on an expired or checkpointed one), find the account.
    func start(job: Job, session: InstagramSession, context: JobContext) throws -> AnalysisCheckpoint {
        try context.progress(AnalysisProgress(message: "validating the session", phase: "validating"))
        let owner = try withRetries(context: context, what: "session check") { () throws(InstagramError) in
            try client.currentUser(session: session)
        }
        let target = JobJSON.decode(AnalysisArgs.self, from: job.args)?.username ?? owner.username
        let counts = try withRetries(context: context, what: "profile") { () throws(InstagramError) in
            try client.friendshipCounts(username: target, session: session)
        }
        context.event("session_valid", "analysing \(counts.username): \(counts.followers) followers, \(counts.following) following")
        let checkpoint = AnalysisCheckpoint(accountPK: counts.pk, username: counts.username, expectedFollowers: counts.followers,
                                            expectedFollowing: counts.following, list: .followers, cursor: nil, pages: 0,
                                            usersFetched: 0)
        try context.checkpoint(JobJSON.encode(checkpoint), progress: JobJSON.encode(AnalysisProgress(checkpoint)))
        return checkpoint
    }

    func fetch(_ checkpoint: AnalysisCheckpoint, session: InstagramSession, context: JobContext) throws -> FriendshipPage {
        try withRetries(context: context, what: "\(checkpoint.list.rawValue) page \(checkpoint.pages + 1)") { () throws(InstagramError) in
            try client.friendshipPage(checkpoint.list, of: checkpoint.accountPK, maxID: checkpoint.cursor, session: session)
        }
    }

    /// Runs `call`; on 429 or a transient failure waits (Retry-After or backoff) and tries again, up to
    /// `pageRetries` times; then the attempt fails retryably and the job resumes later from its checkpoint.
    func withRetries<T>(context: JobContext, what: String, _ call: () throws(InstagramError) -> T) throws -> T {
        var tries = 0
        while true {
            do {
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

    /// Both lists stored: the snapshot and its counts become the job's result.
    func finish(job: Job, checkpoint: AnalysisCheckpoint, store: AnalysisStore, context: JobContext) throws -> String {
        let counts = try store.makeSnapshot(job: job, checkpoint: checkpoint)
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
