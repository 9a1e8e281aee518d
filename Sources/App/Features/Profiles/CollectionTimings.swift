/// Where a profile run's job thread spent its time, summed over its batches, logged once when its posts are walked
/// (`collection posts walked`, `phases`): what `deploy/bench profiles` prints beside its figures. The staging threads'
/// own work is not in it; `staging` is only how long the job thread waited for them.
struct CollectionTimings: CustomStringConvertible {
    /// Batches finished.
    var batches = 0
    /// Fetching pages of posts (a page is asked while the batch before downloads).
    var pages = Duration.zero
    /// Taking a batch's locks, finding its stored posts, handing the rest to the staging threads.
    var begin = Duration.zero
    /// Waiting for a batch's files once the job thread had nothing else to do.
    var staging = Duration.zero
    /// `StagedBatch.publish`: the checks, two filesystem syncs, the renames.
    var publish = Duration.zero
    /// The batch's rows in one statement, its locks released, its progress saved.
    var rows = Duration.zero

    var description: String {
        "batches=\(batches) pages=\(Self.ms(pages)) begin=\(Self.ms(begin)) staging_wait=\(Self.ms(staging)) "
            + "publish=\(Self.ms(publish)) rows=\(Self.ms(rows))"
    }

    private static func ms(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return "\(seconds * 1000 + attoseconds / 1_000_000_000_000_000)ms"
    }
}
