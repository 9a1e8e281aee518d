import Foundation

/// Publishes staged posts with filesystem syncs for the whole batch instead of two per post, keeping the promise of
/// `PostDownloader.publish`: a post is visible only once every byte of it is on disk. `prepare` checks the staged
/// files and makes them durable with one `syncfs` (data, inode and its entry in its partial directory: one flush of
/// the disk's cache for the batch, where an `fsync` per file flushed it once per file); `move` then renames each
/// post's partial directory to `downloads/{shortcode}/` whole, so its files and metadata file appear at once; a later
/// sync (`sync`, or the next batch's `prepare`, which makes this batch's renames durable together with its own files)
/// must come before the caller records any row of them. A post whose directory already exists (an item downloaded
/// alone before) has its files moved into it one by one, the metadata file last. The caller holds every post's lock.
/// A batch with a staged file missing or changed publishes nothing.
public enum StagedBatch {
    /// `prepare`, `move`, then `sync`: the posts in place and durable; the first failure is thrown (the posts
    /// before it are in place, durable or not: the caller records none of them without a sync).
    public static func publish(_ posts: [StagedPost], settings: DownloadSettings) throws(DownloadError) {
        guard !posts.isEmpty else { return }
        try check(posts)
        try sync(settings)
        var failure: DownloadError?
        do throws(DownloadError) { try move(posts, settings: settings) } catch { failure = error }
        try sync(settings) // the renames done, failure or not
        if let failure { throw failure }
    }

    /// Refuses the batch when a post's partial directory lacks a file, or holds one at another size than its metadata
    /// says (nothing of the batch is to be published then).
    public static func check(_ posts: [StagedPost]) throws(DownloadError) {
        for post in posts { try check(post) }
    }

    /// Makes everything written on the downloads' filesystem durable (`syncfs`): staged files, and the renames of
    /// the batches moved before.
    public static func sync(_ settings: DownloadSettings) throws(DownloadError) {
        try FilesystemSync.sync(settings.directory)
    }

    /// Moves checked and synced posts into place, in order, stopping at the first failure (the posts before it are in
    /// place). Their renames are durable only after the next `sync`.
    public static func move(_ posts: [StagedPost], settings: DownloadSettings) throws(DownloadError) {
        for post in posts { try move(post, settings: settings) }
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
