import Foundation
import Instagram

extension PostDownloader {
    /// Downloads a post already fetched into its partial directory, as `download(fetched:)` does, but neither syncs
    /// nor publishes it: `StagedBatch.publish` does both for many posts at once (two disk syncs per batch instead of
    /// two per post). Nothing of it is visible until then; on failure the partial directory is removed. A CDN
    /// signature that expired is thrown (`DownloadError.signatureExpired`) for the caller to fetch the post again.
    /// Safe to call from several threads at once with one `PostDownloader` each (no shared state).
    public func stage(fetched post: InstagramPost) throws -> StagedPost {
        try admit?(post, DownloadPlan(post: post, selecting: nil))
        let partial = settings.partialDirectory(post.shortcode)
        let resume = try prepare(partial)
        var keep = false
        defer { if !keep { try? FileManager.default.removeItem(atPath: partial) } }
        let files = FileTally()
        let plan = DownloadPlan(post: post, selecting: nil)
        try downloadFiles(plan, into: partial, done: files, resume: resume, sync: false)
        let metadata = DownloadMetadata(post: post, files: plan.entries.compactMap { files.files[$0.name] }, downloadedAt: Date())
        let json = try Self.writeMetadata(metadata, into: partial, sync: false)
        keep = true
        return StagedPost(metadata: metadata, partial: partial, json: json)
    }
}
