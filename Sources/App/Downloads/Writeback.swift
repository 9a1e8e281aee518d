import Foundation

/// Starts the kernel's writeback of a file range without waiting for it (Linux `sync_file_range` with
/// `SYNC_FILE_RANGE_WRITE`), so a large download reaches the disk while it is still arriving and the fsync
/// at the end has little left to do. Glibc declares the call only under `_GNU_SOURCE`, which Swift's Glibc
/// module does not see: it is looked up once with `dlsym`. Without it (another libc) this does nothing.
enum Writeback {
    private typealias SyncFileRange = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32
    private static let syncFileRangeWrite: UInt32 = 2 // SYNC_FILE_RANGE_WRITE

    private static let syncFileRange: SyncFileRange? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "sync_file_range") else { return nil }
        return unsafeBitCast(symbol, to: SyncFileRange.self)
    }()

    /// Asks the kernel to start writing `count` bytes from `offset` of `fd` to disk.
    static func start(_ fd: Int32, from offset: Int64, count: Int64) {
        _ = syncFileRange?(fd, offset, count, syncFileRangeWrite)
    }
}
