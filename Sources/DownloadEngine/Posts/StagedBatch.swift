import Foundation

/// Publishes staged posts together with two disk syncs for the whole batch instead of two per post, keeping the
/// promise of `PostDownloader.publish`: a post is visible only once every byte of it is on disk, its metadata file
/// last. First the writeback of every file is started at once (`Writeback`), then each is fsynced: the first fsync
/// commits the filesystem's journal for all of them, the others find their blocks written. Then the files are
/// renamed into `downloads/{shortcode}/`, the metadata file last, and the directories are fsynced (again one journal
/// commit for all the renames). The caller holds every post's lock.
public enum StagedBatch {
    /// Syncs and moves `posts` into place; the first failure is thrown (the posts before it stay published).
    public static func publish(_ posts: [StagedPost], settings: DownloadSettings) throws(DownloadError) {
        guard !posts.isEmpty else { return }
        try sync(posts.flatMap { post in paths(of: post).map { "\(post.partial)/\($0)" } })
        var directories = [settings.directory]
        for post in posts {
            let target = settings.postDirectory(post.metadata.post.shortcode)
            guard (try? FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)) != nil else {
                throw DownloadError(.storage, "cannot create the download directory")
            }
            for name in paths(of: post) {
                guard rename("\(post.partial)/\(name)", "\(target)/\(name)") == 0 else {
                    throw DownloadError(.storage, "cannot move \(name) into place")
                }
            }
            _ = rmdir(post.partial)
            directories.append(target)
        }
        try sync(directories)
    }

    /// The names to move, the metadata file last.
    private static func paths(of post: StagedPost) -> [String] {
        post.metadata.files.map(\.name) + [DownloadMetadata.fileName(post.metadata.post.shortcode)]
    }

    /// Starts the writeback of every path, then fsyncs each.
    private static func sync(_ paths: [String]) throws(DownloadError) {
        var descriptors: [Int32] = []
        defer { descriptors.forEach { close($0) } }
        for path in paths {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw DownloadError(.storage, "cannot open \((path as NSString).lastPathComponent) to sync it") }
            descriptors.append(fd)
            Writeback.start(fd, from: 0, count: 0)
        }
        for fd in descriptors {
            guard fsync(fd) == 0 else { throw DownloadError(.storage, "fsync failed: \(String(cString: strerror(errno)))") }
        }
    }
}
