import Foundation

/// The partial file a transfer writes into. Body chunks go from curl's buffer straight to the file with
/// `pwrite(2)` (no copy, bounded memory whatever the size); the SHA-256 is computed alongside by a
/// `BackgroundHasher`, which also starts the writeback to disk as it goes, so that the one fsync at the end is short.
/// A file announced (`reserve`, from its `Content-Length`) at most `inlineLimit` bytes long and started from byte 0
/// is hashed on the receiving thread instead (`InlineDigest`: no thread, nothing read back), as long as it is
/// written straight through; cut back part-way, it goes to the hasher, which hashes it from the file.
/// `truncate(to:)` drops what an error answer or a broken attempt wrote.
final class FileSink {
    private let fd: Int32
    private let hasher: BackgroundHasher
    private(set) var size: Int64 = 0
    private(set) var failure: String?
    /// Called with the new size after every chunk (progress).
    var onWrite: ((Int64) -> Void)?
    private var published: Int64 = 0
    /// Whether the hasher was told of any bytes (then it, not `inline`, hashes the file).
    private var handedToHasher = false
    /// The digest of a small file computed as it is written; nil when the hasher does it.
    private var inline: InlineDigest?

    static let publishEvery: Int64 = 1 << 20
    /// The largest announced size hashed on the receiving thread.
    static let inlineLimit: Int64 = 4 << 20

    /// Opens (creating) `path` for writing and reading back, one descriptor for the writes, the hasher (which
    /// duplicates it if it starts) and the structure check; with `resume` the bytes already in it are kept (and
    /// hashed again), else it is emptied.
    init(path: String, resume: Bool = false) throws(DownloadError) {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | (resume ? 0 : O_TRUNC), 0o644)
        guard fd >= 0 else { throw DownloadError(.storage, "cannot create \((path as NSString).lastPathComponent)") }
        hasher = BackgroundHasher(fd: fd)
        if resume {
            size = Int64(lseek(fd, 0, SEEK_END))
            if size < 0 { size = 0 }
            publish()
        }
    }

    deinit {
        hasher.stop()
        close(fd)
    }

    /// Appends one chunk; false (and `failure`) when the disk refused it.
    func write(_ chunk: UnsafeRawBufferPointer) -> Bool {
        guard var next = chunk.baseAddress else { return true }
        var left = chunk.count
        while left > 0 {
            let written = pwrite(fd, next, left, off_t(size))
            if written < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return false
            }
            size += Int64(written)
            left -= written
            next += written
        }
        if inline != nil {
            inline?.update(chunk)
        } else if size - published >= Self.publishEvery {
            publish()
        }
        onWrite?(size)
        return true
    }

    private func publish() {
        handedToHasher = true
        published = size
        hasher.publish(size)
    }

    /// Reserves disk space for `count` more bytes (the answer's `Content-Length`); false (and `failure`) when
    /// the disk does not have them, so a download that cannot fit stops before its first byte.
    func reserve(_ count: Int64) -> Bool {
        if size == 0, !handedToHasher, count <= Self.inlineLimit { inline = InlineDigest() }
        switch DiskReservation.reserve(fd: fd, offset: size, count: count) {
        case .reserved, .unsupported:
            return true
        case .noSpace:
            failure = "no space left on the device for \(count) bytes"
            return false
        }
    }

    /// Cuts the file back to `length` (the hash follows).
    func truncate(to length: Int64) {
        guard length < size else { return }
        if inline != nil { inline = length == 0 ? InlineDigest() : nil } // part-way: the hasher reads the kept bytes back
        hasher.rewind(to: length)
        _ = ftruncate(fd, off_t(length))
        size = length
        published = min(published, length)
    }

    /// The bytes written after `offset` (at most `limit`), e.g. an error answer's text.
    func tail(from offset: Int64, limit: Int = 200) -> String {
        guard offset < size else { return "" }
        var bytes = [UInt8](repeating: 0, count: min(limit, Int(size - offset)))
        let read = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(offset)) }
        return String(decoding: bytes.prefix(max(0, read)), as: UTF8.self)
    }

    /// What is structurally wrong with the file as `contentType` (`MediaStructure`); nil when nothing is.
    func structureProblem(contentType: String) -> String? {
        MediaStructure.problem(fd: fd, size: size, contentType: contentType)
    }

    /// fsync (unless `sync` is false: the caller syncs a batch of files later, `StagedBatch`), then the hex
    /// SHA-256 and the CRC-32 of the whole file (hashed meanwhile on the hasher's thread).
    func finish(sync: Bool = true) throws(DownloadError) -> (sha256: String, crc32: UInt32) {
        if let inline, inline.count == size {
            guard !sync || fsync(fd) == 0 else { throw DownloadError(.storage, "fsync failed: \(String(cString: strerror(errno)))") }
            return inline.digest()
        }
        publish()
        guard !sync || fsync(fd) == 0 else { throw DownloadError(.storage, "fsync failed: \(String(cString: strerror(errno)))") }
        guard let digest = hasher.digest(of: size) else { throw DownloadError(.storage, "the file could not be read back to hash it") }
        return digest
    }
}
