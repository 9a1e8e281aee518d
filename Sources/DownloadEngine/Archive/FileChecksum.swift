import CFileIO
import Foundation

/// Checksums of a stored file read back from disk, for files stored before the download kept them.
public enum FileChecksum {
    /// The ZIP CRC-32 of the file at `path` and its size, read in 1 MiB blocks; nil when it cannot be read.
    public static func crc32(path: String) -> (crc32: UInt32, size: Int64)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 1 << 20, alignment: 4096)
        defer { buffer.deallocate() }
        var crc: UInt32 = 0
        var size: Int64 = 0
        while true {
            let count = read(fd, buffer, 1 << 20)
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return nil }
            if count == 0 { return (crc, size) }
            crc = instagate_crc32(crc, buffer, UInt64(count))
            size += Int64(count)
        }
    }

    /// The ZIP CRC-32 of bytes in memory.
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { instagate_crc32(0, $0.baseAddress, UInt64($0.count)) }
    }
}
