import Foundation
import Instagram
import Jobs

/// The earlier follower-analysis service's words and units (seed 003), shown beside instagate's own fields:
/// its four status values, unix-second times, a 0-based "position in queue" and a wait estimate.
enum AnalysisVocabulary {
    /// The document's status: `queued`, `processing`, `completed` or `failed` (a cancelled job is `failed`;
    /// its `state` field says `cancelled`).
    static func status(_ state: JobState) -> String {
        switch state {
        case .queued: return "queued"
        case .running: return "processing"
        case .completed: return "completed"
        case .failed, .cancelled: return "failed"
        }
    }

    /// Whole seconds since 1970, as the earlier service gave `created_at`.
    static func unixSeconds(_ date: Date) -> Int {
        Int(date.timeIntervalSince1970.rounded(.down))
    }

    /// The document's `position_in_queue`: the 1-based queue position, 0 for a job that is not waiting.
    static func positionInQueue(_ position: Int?) -> Int {
        position ?? 0
    }

    /// Minutes one analysis ahead in the queue is expected to take (the earlier service's estimate).
    static let minutesPerQueuedJob = 2

    /// The document's `estimated_wait_time`: "Starting in ~4 minutes" for the second in the queue.
    static func estimatedWait(state: JobState, position: Int?) -> String {
        switch state {
        case .queued:
            let minutes = max(1, (position ?? 1) * minutesPerQueuedJob)
            return "Starting in ~\(minutes) minute\(minutes == 1 ? "" : "s")"
        case .running: return "Processing now"
        default: return "Finished"
        }
    }

    /// What the answers show for a `session_id`: its owner's id and a mask (`7419826350:…`), never the cookie.
    static func sessionLabel(sessionID: String) -> String {
        (InstagramSession.userID(fromSessionID: sessionID) ?? "") + ":…"
    }
}
