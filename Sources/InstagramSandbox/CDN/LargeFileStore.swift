import Foundation
import Synchronization

/// Generates large deterministic files into the files directory on first use, once.
///
/// The file is an MP4 `ftyp` box, then one `mdat` box holding seeded pseudo-random bytes: file-type
/// sniffers see a video, the bytes are reproducible from the seed, and nothing large lives in git.
public final class LargeFileStore: Sendable {
    public let directory: String
    private let generating = Mutex<Set<String>>([])

    public init(directory: String) {
        self.directory = directory
    }

    public func path(of file: GeneratedFile) -> String { directory + "/" + file.name }

    /// Generates the file unless it exists with the right size. Concurrent callers for the same file wait.
    public func ensure(_ file: GeneratedFile) throws(SandboxFileError) -> String {
        let target = path(of: file)
        while true {
            if size(of: target) == file.bytes { return target }
            let mine = generating.withLock { set in set.insert(file.name).inserted }
            if mine { break }
            usleep(50_000)
        }
        defer { _ = generating.withLock { $0.remove(file.name) } }
        if size(of: target) == file.bytes { return target }
        try write(file, to: target)
        return target
    }

    func size(of path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_size)
    }

    private func write(_ file: GeneratedFile, to target: String) throws(SandboxFileError) {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let temporary = target + ".part.\(getpid())"
        guard let handle = fopen(temporary, "wb") else {
            throw SandboxFileError(path: temporary, detail: "cannot create: \(String(cString: strerror(errno)))")
        }
        var written = 0
        var chunk = LargeFileStore.header(total: file.bytes)
        var random = SeededRandom(seed: file.seed)
        let chunkSize = 1 << 20
        while written < file.bytes {
            let room = min(chunkSize, file.bytes - written) - chunk.count
            if room > 0 { LargeFileStore.fill(&chunk, count: room, random: &random) }
            let ok = chunk.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, handle) == $0.count }
            guard ok else {
                fclose(handle)
                unlink(temporary)
                throw SandboxFileError(path: temporary, detail: "write failed: \(String(cString: strerror(errno)))")
            }
            written += chunk.count
            chunk.removeAll(keepingCapacity: true)
        }
        fclose(handle)
        guard rename(temporary, target) == 0 else {
            throw SandboxFileError(path: target, detail: "rename failed: \(String(cString: strerror(errno)))")
        }
    }

    /// `ftyp` (isom) and the `mdat` header covering the rest of the file.
    static func header(total: Int) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 0, 0x20] + Array("ftypisom".utf8) + [0, 0, 2, 0] + Array("isomiso2avc1mp41".utf8)
        let mdat = UInt32(truncatingIfNeeded: max(8, total - bytes.count))
        bytes += [UInt8(mdat >> 24), UInt8(mdat >> 16 & 255), UInt8(mdat >> 8 & 255), UInt8(mdat & 255)] + Array("mdat".utf8)
        return bytes
    }

    static func fill(_ chunk: inout [UInt8], count: Int, random: inout SeededRandom) {
        let start = chunk.count
        chunk.append(contentsOf: repeatElement(0, count: count))
        chunk.withUnsafeMutableBytes { raw in
            var offset = start
            while offset + 8 <= raw.count {
                raw.storeBytes(of: random.next(), toByteOffset: offset, as: UInt64.self)
                offset += 8
            }
            while offset < raw.count {
                raw[offset] = UInt8(truncatingIfNeeded: random.next())
                offset += 1
            }
        }
    }
}

/// A generated file could not be written.
public struct SandboxFileError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var detail: String
    public var description: String { "SANDBOX_FILE_ERROR \(path): \(detail)" }
}
