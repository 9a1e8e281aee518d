import Foundation
import Instagram
import Observability

extension PostDownloader {
    /// Downloads a post already fetched (an item of a profile's feed, a story, a highlight's item) into the same
    /// files, metadata and directory as `download(_:session:)`, without fetching it again. A CDN signature that
    /// expires mid-way calls `refetch` once for fresh URLs (nil: the error stands).
    public func download(fetched post: InstagramPost, refetch: (() throws -> InstagramPost)? = nil) throws -> DownloadMetadata {
        var post = post
        try admit?(post, DownloadPlan(post: post, selecting: nil))
        let partial = settings.partialDirectory(post.shortcode)
        let resume = try prepare(partial)
        var keep = false
        defer { if !keep { try? FileManager.default.removeItem(atPath: partial) } }
        let files = FileTally()
        do {
            if let error = downloadFilesCatching(DownloadPlan(post: post, selecting: nil), into: partial, done: files, resume: resume) {
                guard error.code == .signatureExpired, let refetch else { throw error }
                logger.info("cdn signature refused; fetching the item again", metadata: [.shortcode: "\(post.shortcode)"])
                post = try refetch()
                try downloadFiles(DownloadPlan(post: post, selecting: nil), into: partial, done: files, resume: resume)
            }
        } catch let error as DownloadError where error.code == .deadline {
            keep = FileManager.default.createFile(atPath: "\(partial)/\(Self.resumeMarker)", contents: nil)
            throw DownloadDeferral(reason: .deadline)
        }
        let plan = DownloadPlan(post: post, selecting: nil)
        let metadata = DownloadMetadata(post: post, files: plan.entries.compactMap { files.files[$0.name] }, downloadedAt: Date())
        try publish(metadata, from: partial)
        return metadata
    }
}
