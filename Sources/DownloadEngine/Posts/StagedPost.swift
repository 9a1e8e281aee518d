/// A post downloaded into its partial directory but not yet visible: every file verified and hashed, the metadata
/// file written beside them, nothing synced to disk yet. `StagedBatch.publish` syncs and moves a batch of them.
public struct StagedPost: Sendable {
    /// What the post's metadata file says.
    public let metadata: DownloadMetadata
    /// The partial directory holding the files.
    let partial: String
}
