/// A synchronous download handed to the worker (`instagate work`) instead of finishing in the request: its videos
/// are larger than `DownloadSettings.asyncThresholdBytes`, or it ran into `DownloadSettings.syncDeadline`. The
/// request is answered 202 with a job id; files already downloaded stay in the partial directory for the worker.
struct DownloadDeferral: Error, Sendable, CustomStringConvertible {
    enum Reason: String, Sendable {
        /// The videos are too large for a synchronous answer.
        case size
        /// The deadline passed; the worker resumes the partial files.
        case deadline
        /// Another request is downloading the post and did not finish within the deadline.
        case busy
    }

    var reason: Reason
    /// The videos' total size when it was the reason.
    var bytes: Int64?

    var description: String { "deferred to the worker (\(reason.rawValue)\(bytes.map { ", \($0) bytes" } ?? ""))" }
}
