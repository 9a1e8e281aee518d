import CFileIO

/// Starts the kernel's writeback of a file range without waiting for it (Linux `sync_file_range` with
/// `SYNC_FILE_RANGE_WRITE`), so a large download reaches the disk while it is still arriving and the fsync
/// at the end has little left to do. Glibc declares the call only under `_GNU_SOURCE`: it comes from the
/// `CFileIO` shim, compiled with it. A failure (a filesystem without it) changes nothing: the fsync writes all.
enum Writeback {
    /// Asks the kernel to start writing `count` bytes from `offset` of `fd` to disk.
    static func start(_ fd: Int32, from offset: Int64, count: Int64) {
        _ = instagate_sync_file_range_write(fd, offset, count)
    }
}
