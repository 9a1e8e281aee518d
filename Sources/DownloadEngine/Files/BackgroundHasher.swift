import CFileIO
import Crypto
import Foundation

/// The SHA-256 and the CRC-32 (for ZIP archives) of a file being written, computed on its own thread: the writer announces how many bytes are
/// on disk (`publish`), the hasher reads them back from the page cache in 1 MiB blocks (`pread` on its own
/// duplicate of the writer's descriptor, made when the thread starts and closed when it ends, so the writer may close
/// its own at any time) and hashes them, so hashing overlaps the transfer instead of slowing the thread that receives.
/// When the writer cuts the file back below what was hashed (`rewind`), the hash starts over from byte 0.
/// Every 32 MiB hashed it also starts the kernel's writeback of those bytes (`Writeback`), so the receiving thread
/// never submits disk I/O and the fsync at the end has little left to write.
final class BackgroundHasher: @unchecked Sendable { // shared state only under `condition`; `sha` see below
    static let blockSize = 1 << 20

    private let condition = NSCondition()
    /// The writer's descriptor (opened for reading too), duplicated when the thread starts.
    private let file: Int32
    /// Bytes whose writeback to disk was started (hasher thread only).
    private var flushed: Int64 = 0
    static let writebackEvery: Int64 = 32 << 20
    // Under `condition`:
    private var available: Int64 = 0
    private var hashed: Int64 = 0
    private var generation = 0
    private var acknowledged = 0
    private var busy = false
    private var stopped = false
    private var started = false
    private var failed = false
    /// Changed by the hasher thread while `busy` or under the lock; read by `digest` under the lock when idle.
    private var sha = SHA256()
    /// The CRC-32 of the bytes hashed, in the same pass (same rules as `sha`).
    private var crc: UInt32 = 0

    /// Hashes the file behind `fd`, which must be open for reading (`O_RDWR`); nothing is opened and no thread
    /// started before the first `publish` (a small file hashed inline by its writer never needs either).
    init(fd: Int32) {
        file = fd
    }

    /// The first `size` bytes of the file are written.
    func publish(_ size: Int64) {
        condition.lock()
        defer { condition.unlock() }
        available = size
        if !started {
            started = true
            let reader = dup(file)
            guard reader >= 0 else {
                failed = true // `digest` answers nil: the file could not be read back
                stopped = true
                condition.broadcast()
                return
            }
            let thread = Thread { [self] in
                run(reader)
                close(reader)
            }
            thread.name = "sha256"
            thread.start()
        }
        condition.broadcast()
    }

    /// The writer is about to cut the file to `length`: waits until no block is being read, and restarts the
    /// hash when bytes past `length` were already hashed.
    func rewind(to length: Int64) {
        condition.lock()
        defer { condition.unlock() }
        available = min(available, length)
        while busy { condition.wait() }
        if hashed > length { generation += 1 }
        condition.broadcast()
    }

    /// The hex SHA-256 and the CRC-32 of the first `size` bytes, once the hasher got there; nil when the file could
    /// not be read back.
    func digest(of size: Int64) -> (sha256: String, crc32: UInt32)? {
        publish(size)
        condition.lock()
        defer { condition.unlock() }
        while !failed && (busy || acknowledged != generation || hashed < size) { condition.wait() }
        guard !failed, hashed == size else { return nil }
        return (sha.finalize().hexEncoded, crc)
    }

    /// Ends the thread (after the block it is reading).
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func run(_ fd: Int32) {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: Self.blockSize, alignment: 4096)
        defer { buffer.deallocate() }
        condition.lock()
        while true {
            if acknowledged != generation {
                sha = SHA256()
                crc = 0
                hashed = 0
                acknowledged = generation
                condition.broadcast()
            }
            if stopped { break }
            guard hashed < available else {
                condition.wait()
                continue
            }
            let offset = hashed
            let count = Int(min(available - hashed, Int64(Self.blockSize)))
            busy = true
            condition.unlock()
            let read = pread(fd, buffer, count, off_t(offset))
            if read > 0 {
                sha.update(bufferPointer: UnsafeRawBufferPointer(start: buffer, count: read))
                crc = instagate_crc32(crc, buffer, UInt64(read))
                let end = offset + Int64(read)
                if end - flushed >= Self.writebackEvery {
                    Writeback.start(fd, from: flushed, count: end - flushed) // the I/O is submitted here, not by the receiver
                    flushed = end
                }
            }
            condition.lock()
            busy = false
            if read > 0 {
                hashed += Int64(read)
            } else if acknowledged == generation {
                failed = true // the written bytes are not there: the file was cut behind our back
                stopped = true
            }
            condition.broadcast()
        }
        condition.unlock()
    }
}
