/// A synchronous download handed to the worker (`instagate work`) instead of finishing in the request: its videos
/// are larger than `DownloadSettings.asyncThresholdBytes`, or it ran into `DownloadSettings.syncDeadline`. The
/// request is answered 202 with a job id; files already downloaded stay in the partial directory for the worker.
public struct DownloadDeferral: Error, Sendable, CustomStringConvertible {
    /// Why the download went to the worker.
    public enum Reason: String, Sendable {
        /// The videos are too large for a synchronous answer.
        case size
        /// The deadline passed; the worker resumes the partial files.
        case deadline
        /// Another request is downloading the post and did not finish within the deadline.
        case busy
    }

    /// Why it was deferred.
    public var reason: Reason
    /// The videos' total size when it was the reason.
    public var bytes: Int64?

    /// A deferral for `reason`, with the videos' size when that was it.
    public init(reason: Reason, bytes: Int64? = nil) {
        self.reason = reason
        self.bytes = bytes
    }

    /// The reason (and size), for logs.
    public var description: String { "deferred to the worker (\(reason.rawValue)\(bytes.map { ", \($0) bytes" } ?? ""))" }
}
