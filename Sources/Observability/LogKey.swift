/// Every metadata key instagate logs under, in one place (as PostgresNIO's `LoggerMetaDataKey`): a call site
/// writes `metadata: [.jobID: "\(job.id)"]`, so a key cannot be misspelt into a second name for the same thing.
/// The log handlers write the values of `LogRedaction.keys` as `[redacted]`.
public enum LogKey: String, CaseIterable, Sendable {
    // A request (the responder).
    case requestID = "request_id"
    case thread
    case userID = "user_id"
    case method
    case route
    case status
    case milliseconds = "ms"

    // What went wrong.
    case error
    /// An error's code (`InstagramError`, `JobFailure`, `DownloadError` ...).
    case code
    case sqlState = "sqlstate"
    case reason

    // The processes: responder, worker, metrics listener.
    case address
    case threads
    case version
    case signal
    case requestsCutOff = "requests_cut_off"
    case inTime = "in_time"
    case slots
    case workerID = "worker_id"

    // Jobs.
    case jobID = "job_id"
    case kind
    case slot
    case event
    case count
    case decision
    case attempt
    case delay

    // Downloads and files.
    case shortcode
    case fromStorage = "from_storage"
    case files
    case file
    case bytes
    case seconds
    case transfer
    case fsyncAndHash = "fsync_and_hash"
    case offset
    case rows
    case directories
    /// Where a run's time went, phase by phase (a profile download's batches: `CollectionTimings`).
    case phases
    /// A URL's path without its query string (`URLParts.redacted`).
    case path

    // Connected accounts (Graph API)
    case accountID = "account_id"
    case accounts
    case flavour

    // Secrets: never logged on purpose; if one is, the handlers write `[redacted]` (`LogRedaction.keys`).
    case authorization
    case cookie
    case csrfToken = "csrf_token"
    case sessionID = "session_id"
    case apiKey = "api_key"
    case password
    case secret
    case accessToken = "access_token"
}
