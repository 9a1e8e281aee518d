import CFileIO
import Crypto

/// The SHA-256 and CRC-32 of a small file computed from its chunks as they are received, on the receiving thread:
/// for a file of a few megabytes this costs less than handing the work to a `BackgroundHasher` thread and waiting
/// for it (two thread wake-ups per file, each a scheduling delay on a busy machine) and reads nothing back.
struct InlineDigest {
    private var sha = SHA256()
    private var crc: UInt32 = 0
    /// The bytes hashed so far (from byte 0 of the file).
    private(set) var count: Int64 = 0

    /// Adds the next bytes of the file.
    mutating func update(_ chunk: UnsafeRawBufferPointer) {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        sha.update(bufferPointer: chunk)
        crc = instagate_crc32(crc, base, UInt64(chunk.count))
        count += Int64(chunk.count)
    }

    /// The hex SHA-256 and the CRC-32 of the bytes added.
    func digest() -> (sha256: String, crc32: UInt32) {
        (sha.finalize().hexEncoded, crc)
    }
}
