import CFileIO
import Foundation

/// Makes everything written on the filesystem of a directory durable at once (Linux `syncfs(2)`, from the `CFileIO`
/// shim): its files' data and inodes and its directories' entries, then one flush of the disk's cache. A batch of
/// many small files costs one cache flush this way instead of one per `fsync` (each a few milliseconds on a
/// virtual disk). It also writes what other programs left dirty on that filesystem; keep the downloads directory
/// off a filesystem that something else fills with dirty pages faster than the disk takes them.
enum FilesystemSync {
    /// Syncs the filesystem holding `directory`.
    static func sync(_ directory: String) throws(DownloadError) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw DownloadError(.storage, "cannot open the download directory to sync it") }
        defer { close(fd) }
        guard instagate_syncfs(fd) == 0 else { throw DownloadError(.storage, "syncfs failed: \(String(cString: strerror(errno)))") }
    }
}
