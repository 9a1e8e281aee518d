import Foundation
import Jobs
import Postgres
import Web

/// `instagate analyze`: queues a follower analysis for an API user straight in PostgreSQL (the worker runs
/// it, as for `POST /api/analyze`) and reads its state for the CLI to show progress. Not thread-safe.
public final class LocalAnalysis {
    /// What the CLI shows of a job.
    public struct State: Sendable, Equatable, Encodable {
        public var jobID: String
        public var status: String
        public var username: String?
        public var pages: Int
        public var usersFetched: Int
        public var expectedTotal: Int
        public var percent: Double
        public var message: String
        public var errorCode: String?
        public var errorMessage: String?
        /// The five list sizes once completed (`followers`, `following`, `unfollowers`, `fans`, `mutual`).
        public var counts: AnalysisCounts?

        public var isFinished: Bool { ["completed", "failed", "cancelled"].contains(status) }

        enum CodingKeys: String, CodingKey {
            case jobID = "job_id", status, username, pages, usersFetched = "users_fetched", expectedTotal = "expected_total"
            case percent, message, errorCode = "error_code", errorMessage = "error_message", counts
        }
    }

    /// A problem the CLI reports: a code (as the API's `error_code`) and a message.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var code: String
        public var message: String
        public var description: String { "\(code): \(message)" }
    }

    let db: PostgresConnection
    let configuration: AppConfiguration

    public init(configuration: AppConfiguration) throws {
        self.configuration = configuration
        db = try PostgresConnection(conninfo: configuration.databaseURL, applicationName: "instagate-analyze")
    }

    /// The API user the job belongs to: the user of the key in `keyFile` (first line), or `userID`.
    public func owner(keyFile: String?, userID: Int64?) throws -> Int64 {
        if let userID {
            guard try APIKeyStore(db: db).userExists(id: userID) else {
                throw Failure(code: "UNKNOWN_USER", message: "no API user with id \(userID)")
            }
            return userID
        }
        let path = keyFile ?? "\(configuration.home)/api-key"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw Failure(code: "NO_API_KEY", message: "cannot read an API key from \(path) (give --key-file or --user)")
        }
        let key = text.split(whereSeparator: \.isNewline).first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
        guard let user = try APIKeyStore(db: db).authenticate(key: key) else {
            throw Failure(code: "UNAUTHORIZED", message: "the API key in \(path) is unknown or revoked")
        }
        return user.id
    }

    /// Queues the analysis; a job for the same cookie pair already queued or running is followed instead.
    public func start(csrfToken: String, sessionID: String, username: String?, ownerID: Int64) throws -> (jobID: String, created: Bool) {
        let box: SecretBox
        do {
            box = try SecretBox(keyFile: configuration.secretKeyFile)
        } catch {
            throw Failure(code: "SECRET_KEY_UNAVAILABLE", message: "\(error)")
        }
        let request = AnalysisRequest(csrfToken: csrfToken, sessionID: sessionID, username: username)
        do {
            let (job, created) = try AnalysisEnqueuer(db: db, box: box).enqueue(request, ownerID: ownerID)
            return (job.publicID ?? request.jobID, created)
        } catch let error as APIError {
            let fields = error.errors.sorted { $0.key < $1.key }.map { "--\($0.key.replacingOccurrences(of: "_", with: "-")) \($0.value)" }
            throw Failure(code: error.code, message: ([error.message] + fields).joined(separator: "; "))
        }
    }

    /// The job's state now.
    public func state(jobID: String, ownerID: Int64) throws -> State {
        guard let job = try AnalysisJobs(db: db).find(publicID: jobID, ownerID: ownerID) else {
            throw Failure(code: "JOB_NOT_FOUND", message: "no job \(jobID)")
        }
        let progress = JobJSON.decode(AnalysisProgress.self, from: job.progress)
        let summary = JobJSON.decode(AnalysisResultSummary.self, from: job.result)
        return State(jobID: jobID, status: job.state.rawValue,
                     username: summary?.username ?? JobJSON.decode(AnalysisArgs.self, from: job.args)?.username,
                     pages: progress?.pages ?? 0, usersFetched: progress?.usersFetched ?? 0,
                     expectedTotal: progress?.expectedTotal ?? 0, percent: progress?.percent ?? 0,
                     message: progress?.message ?? (job.state == .queued ? "queued" : ""),
                     errorCode: job.state == .completed ? nil : job.lastErrorCode,
                     errorMessage: job.state == .completed ? nil : job.lastError,
                     counts: job.state == .completed ? summary?.counts : nil)
    }
}
