import Foundation

/// Whether a downloaded file is structurally whole for its type, read back from disk with `pread` (a few bytes
/// per box, whatever the file's size): an MP4's top-level boxes follow one another exactly to the end of the
/// file and include `moov` (a cut video loses the end of its last box); a JPEG starts with SOI (`FF D8`) and
/// ends with EOI (`FF D9`). A file without a stated type (a `416` resuming a complete file) is recognised by
/// its signature; other types (`image/webp`, `image/heic`) are checked by size only.
enum MediaStructure {
    /// What is wrong with the first `size` bytes of `fd` as `contentType`; nil when nothing is.
    static func problem(fd: Int32, size: Int64, contentType: String) -> String? {
        switch contentType {
        case "video/mp4", "video/quicktime": return mp4Problem(fd: fd, size: size)
        case "image/jpeg", "image/jpg", "image/pjpeg": return jpegProblem(fd: fd, size: size)
        case "", "image/*", "video/*":
            guard let head = read(fd, at: 0, count: 8), head.count == 8 else { return nil }
            if head[4..<8].elementsEqual("ftyp".utf8) { return mp4Problem(fd: fd, size: size) }
            return head[0] == 0xFF && head[1] == 0xD8 ? jpegProblem(fd: fd, size: size) : nil
        default: return nil
        }
    }

    /// The MP4 check: boxes `size|type` (a size of 1 has a 64-bit size after the type; 0 runs to the end).
    static func mp4Problem(fd: Int32, size: Int64) -> String? {
        var offset: Int64 = 0
        var types: [String] = []
        while offset < size {
            guard size - offset >= 8, let header = read(fd, at: offset, count: 16), header.count >= 8 else {
                return "MP4 box at byte \(offset) is cut (\(size - offset) bytes left)"
            }
            let type = String(decoding: header[4..<8], as: UTF8.self)
            var length = Int64(bigEndian: header, at: 0, bytes: 4)
            if length == 1 {
                guard header.count == 16 else { return "MP4 box \(type) at byte \(offset) is cut" }
                length = Int64(bigEndian: header, at: 8, bytes: 8)
            } else if length == 0 {
                length = size - offset
            }
            guard length >= 8 else { return "MP4 box \(type) at byte \(offset) has an impossible size \(length)" }
            guard length <= size - offset else {
                return "MP4 box \(type) at byte \(offset) needs \(length) bytes, the file has \(size - offset) left"
            }
            types.append(type)
            offset += length
        }
        guard types.first == "ftyp" else { return "not an MP4 (no ftyp box first)" }
        guard types.contains("moov") else { return "MP4 without a moov box" }
        return nil
    }

    /// The JPEG check: SOI first, EOI last.
    static func jpegProblem(fd: Int32, size: Int64) -> String? {
        guard size >= 4, let head = read(fd, at: 0, count: 2), let tail = read(fd, at: size - 2, count: 2) else {
            return "JPEG of \(size) bytes is too short"
        }
        guard head == [0xFF, 0xD8] else { return "not a JPEG (no SOI marker)" }
        guard tail == [0xFF, 0xD9] else { return "JPEG without its end marker (EOI): the file is cut" }
        return nil
    }

    /// Up to `count` bytes at `offset`; nil when nothing could be read.
    private static func read(_ fd: Int32, at offset: Int64, count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset)) }
        guard got > 0 else { return nil }
        return Array(bytes.prefix(got))
    }
}

extension Int64 {
    /// The big-endian unsigned integer of `bytes` bytes at `offset` of `buffer`.
    init(bigEndian buffer: [UInt8], at offset: Int, bytes: Int) {
        self = buffer[offset..<offset + bytes].reduce(Int64(0)) { $0 << 8 | Int64($1) }
    }
}
