import Crypto
import Foundation

/// The partial file a transfer writes into, with a running SHA-256. Body chunks are appended as they
/// arrive (bounded memory whatever the size); `rewind(to:)` drops what an error answer wrote.
final class FileSink {
    let path: String
    private let handle: FileHandle
    private(set) var size: Int64 = 0
    private(set) var hasher = SHA256()
    private(set) var failure: String?
    /// Called with the new size after every chunk (progress).
    var onWrite: ((Int64) -> Void)?

    init(path: String) throws(DownloadError) {
        self.path = path
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw DownloadError(.storage, "cannot create \((path as NSString).lastPathComponent)")
        }
        self.handle = handle
        truncate(to: 0, hasher: SHA256())
    }

    deinit {
        try? handle.close()
    }

    /// Appends one chunk; false (and `failure`) when the disk refused it.
    func write(_ chunk: UnsafeRawBufferPointer) -> Bool {
        do {
            try handle.write(contentsOf: Data(chunk))
        } catch {
            failure = "\(error)"
            return false
        }
        hasher.update(bufferPointer: chunk)
        size += Int64(chunk.count)
        onWrite?(size)
        return true
    }

    /// Cuts the file back to `length` and restores the hash state it had there.
    func truncate(to length: Int64, hasher snapshot: SHA256) {
        try? handle.truncate(atOffset: UInt64(length))
        try? handle.seek(toOffset: UInt64(length))
        size = length
        hasher = snapshot
    }

    /// The bytes written after `offset` (at most `limit`), e.g. an error answer's text.
    func tail(from offset: Int64, limit: Int = 200) -> String {
        guard let reader = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? reader.close() }
        try? reader.seek(toOffset: UInt64(offset))
        return String(decoding: (try? reader.read(upToCount: limit)) ?? Data(), as: UTF8.self)
    }

    /// fsync, then the hex SHA-256 of the whole file.
    func finish() throws(DownloadError) -> String {
        do {
            try handle.synchronize()
        } catch {
            throw DownloadError(.storage, "fsync failed: \(error)")
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}
