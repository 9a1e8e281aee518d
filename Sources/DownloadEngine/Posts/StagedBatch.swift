import Foundation

/// Publishes staged posts together with two syncs of the filesystem for the whole batch instead of two per post,
/// keeping the promise of `PostDownloader.publish`: a post is visible only once every byte of it is on disk. First
/// one `syncfs` makes every staged file durable (data, inode and its entry in its partial directory: one flush of
/// the disk's cache for the batch, where an `fsync` per file flushed it once per file), then each post's partial
/// directory is renamed to `downloads/{shortcode}/` whole, so its files and metadata file appear at once, and a
/// second `syncfs` makes the renames durable before the caller records any row. A post whose directory already
/// exists (an item downloaded alone before) has its files moved into it one by one, the metadata file last. The
/// caller holds every post's lock. A batch with a staged file missing or changed publishes nothing.
public enum StagedBatch {
    /// Syncs and moves `posts` into place; the first failure is thrown (the posts before it are in place, durable
    /// or not: the caller records none of them without a sync).
    public static func publish(_ posts: [StagedPost], settings: DownloadSettings) throws(DownloadError) {
        guard !posts.isEmpty else { return }
        for post in posts { try check(post) }
        try FilesystemSync.sync(settings.directory)
        var failure: DownloadError?
        for post in posts {
            do throws(DownloadError) {
                try move(post, settings: settings)
            } catch {
                failure = error
                break
            }
        }
        try FilesystemSync.sync(settings.directory) // the renames done, failure or not
        if let failure { throw failure }
    }

    /// Renames the post's partial directory into place, or, when the target directory exists, its files.
    private static func move(_ post: StagedPost, settings: DownloadSettings) throws(DownloadError) {
        let target = settings.postDirectory(post.metadata.post.shortcode)
        if rename(post.partial, target) == 0 { return }
        guard errno == EEXIST || errno == ENOTEMPTY else {
            throw DownloadError(.storage, "cannot move the post into place: \(String(cString: strerror(errno)))")
        }
        for name in paths(of: post) {
            guard rename("\(post.partial)/\(name)", "\(target)/\(name)") == 0 else {
                throw DownloadError(.storage, "cannot move \(name) into place")
            }
        }
        _ = rmdir(post.partial)
    }

    /// Refuses a post whose partial directory lacks a file, or holds one at another size than its metadata says.
    private static func check(_ post: StagedPost) throws(DownloadError) {
        var info = stat()
        for file in post.metadata.files {
            guard stat("\(post.partial)/\(file.name)", &info) == 0, Int64(info.st_size) == file.size else {
                throw DownloadError(.storage, "the staged file \(file.name) is missing or has changed")
            }
        }
        guard stat("\(post.partial)/\(DownloadMetadata.fileName(post.metadata.post.shortcode))", &info) == 0 else {
            throw DownloadError(.storage, "the staged metadata file of \(post.metadata.post.shortcode) is missing")
        }
    }

    /// The names to move, the metadata file last.
    private static func paths(of post: StagedPost) -> [String] {
        post.metadata.files.map(\.name) + [DownloadMetadata.fileName(post.metadata.post.shortcode)]
    }
}
