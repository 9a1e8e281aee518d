import Foundation

/// A post downloaded into its partial directory but not yet visible: every file verified and hashed, the metadata
/// file written beside them, nothing synced to disk yet. `StagedBatch.publish` syncs and moves a batch of them.
public struct StagedPost: Sendable {
    /// What the post's metadata file says.
    public let metadata: DownloadMetadata
    /// The partial directory holding the files.
    let partial: String
    /// The metadata file's bytes (JSON of `metadata`), for a row to store without encoding it again.
    public internal(set) var json: Data? = nil
}

extension StagedPost {
    /// Removes the staged files (a batch given up before it was published: nothing of it was visible).
    public func discard() {
        try? FileManager.default.removeItem(atPath: partial)
    }
}
