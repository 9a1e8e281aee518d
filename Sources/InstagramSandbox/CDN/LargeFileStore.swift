import Foundation
import Synchronization

/// Generates large deterministic files into the files directory on first use, once.
///
/// The file is an MP4 `ftyp` box, a `moov` box (one `mvhd`, as a faststart video has its index first), then
/// one `mdat` box holding seeded pseudo-random bytes: file-type sniffers and structure checks see a whole video,
/// the bytes are reproducible from the seed, and nothing large lives in git.
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
            if isCurrent(target, file) { return target }
            let mine = generating.withLock { set in set.insert(file.name).inserted }
            if mine { break }
            usleep(50_000)
        }
        defer { _ = generating.withLock { $0.remove(file.name) } }
        if isCurrent(target, file) { return target }
        try write(file, to: target)
        return target
    }

    /// The file exists at its size with this version's header (an older one without `moov` is made again).
    func isCurrent(_ path: String, _ file: GeneratedFile) -> Bool {
        guard size(of: path) == file.bytes, let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let header = LargeFileStore.header(total: file.bytes)
        return (try? handle.read(upToCount: header.count)).map { [UInt8]($0) == header } ?? false
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

    /// `ftyp` (isom), `moov` with its `mvhd`, and the `mdat` header covering the rest of the file.
    static func header(total: Int) -> [UInt8] {
        var bytes: [UInt8] = [0, 0, 0, 0x20] + Array("ftypisom".utf8) + [0, 0, 2, 0] + Array("isomiso2avc1mp41".utf8)
        bytes += bigEndian(116) + Array("moov".utf8) + bigEndian(108) + Array("mvhd".utf8) + movieHeader
        bytes += bigEndian(UInt32(truncatingIfNeeded: max(8, total - bytes.count))) + Array("mdat".utf8)
        return bytes
    }

    /// `mvhd` version 0 after its box header: times 0, timescale 1000, duration 0, rate 1.0, volume 1.0, the
    /// identity matrix, next track 1 (100 bytes).
    static let movieHeader: [UInt8] = {
        var body = [UInt8](repeating: 0, count: 12) + bigEndian(1000) + bigEndian(0) + bigEndian(0x0001_0000) + [1, 0]
        body += [UInt8](repeating: 0, count: 10)
        for value: UInt32 in [0x0001_0000, 0, 0, 0, 0x0001_0000, 0, 0, 0, 0x4000_0000] { body += bigEndian(value) }
        body += [UInt8](repeating: 0, count: 24) + bigEndian(1)
        return body
    }()

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 255), UInt8(value >> 8 & 255), UInt8(value & 255)]
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
