import Foundation

/// The bytes of a stored (uncompressed) ZIP archive around its members' contents, computed from their names, sizes
/// and CRC-32s alone: a local header before each member, the central directory and the end records after them,
/// with ZIP64 fields where a size, an offset or the number of members needs them. The members' bytes are not
/// read: each is a `.file` piece that whoever sends the archive (nginx) copies from disk.
public struct ZipLayout: Sendable {
    /// A run of the archive: bytes made here, or a member's file.
    public enum Piece: Sendable, Equatable {
        case bytes([UInt8])
        case file(ZipEntry)
    }

    /// Sizes and offsets from this value on are written as ZIP64 (the format's limit; tests lower it).
    let zip64Threshold: Int64

    /// A layout with the format's own ZIP64 threshold (0xFFFFFFFF), or a lower one.
    public init(zip64Threshold: Int64 = 0xFFFF_FFFF) {
        self.zip64Threshold = zip64Threshold
    }

    /// The archive of `entries`, in order, as pieces; its total size is `length(of:)`.
    public func pieces(_ entries: [ZipEntry]) -> [Piece] {
        var pieces: [Piece] = []
        var central: [UInt8] = []
        var offset: Int64 = 0
        for entry in entries {
            let header = localHeader(entry)
            pieces.append(.bytes(header))
            pieces.append(.file(entry))
            central += centralEntry(entry, offset: offset)
            offset += Int64(header.count) + entry.size
        }
        pieces.append(.bytes(central + endRecords(count: entries.count, centralSize: Int64(central.count), centralOffset: offset)))
        return pieces
    }

    /// The archive's size in bytes.
    public static func length(of pieces: [Piece]) -> Int64 {
        pieces.reduce(0) { total, piece in
            switch piece {
            case .bytes(let bytes): total + Int64(bytes.count)
            case .file(let entry): total + entry.size
            }
        }
    }

    private func needsZip64(_ value: Int64) -> Bool { value >= zip64Threshold }

    private func localHeader(_ entry: ZipEntry) -> [UInt8] {
        let wide = needsZip64(entry.size)
        let name = Array(entry.name.utf8)
        var out = ZipBytes()
        out.u32(0x0403_4B50)
        out.u16(wide ? 45 : 20)
        out.u16(0x0800) // names in UTF-8
        out.u16(0) // stored
        out.dosTime(entry.modified)
        out.u32(entry.crc32)
        out.u32(wide ? 0xFFFF_FFFF : UInt32(entry.size))
        out.u32(wide ? 0xFFFF_FFFF : UInt32(entry.size))
        out.u16(UInt16(name.count))
        out.u16(wide ? 20 : 0)
        out.bytes += name
        if wide {
            out.u16(0x0001)
            out.u16(16)
            out.u64(UInt64(entry.size))
            out.u64(UInt64(entry.size))
        }
        return out.bytes
    }

    private func centralEntry(_ entry: ZipEntry, offset: Int64) -> [UInt8] {
        let wide = needsZip64(entry.size) || needsZip64(offset)
        let name = Array(entry.name.utf8)
        var out = ZipBytes()
        out.u32(0x0201_4B50)
        out.u16(3 << 8 | 45) // made by: Unix, 4.5
        out.u16(wide ? 45 : 20)
        out.u16(0x0800)
        out.u16(0)
        out.dosTime(entry.modified)
        out.u32(entry.crc32)
        out.u32(wide ? 0xFFFF_FFFF : UInt32(entry.size))
        out.u32(wide ? 0xFFFF_FFFF : UInt32(entry.size))
        out.u16(UInt16(name.count))
        out.u16(wide ? 28 : 0)
        out.u16(0) // comment
        out.u16(0) // disk
        out.u16(0) // internal attributes
        out.u32(0o100644 << 16) // a regular file, rw-r--r--
        out.u32(wide ? 0xFFFF_FFFF : UInt32(offset))
        out.bytes += name
        if wide {
            out.u16(0x0001)
            out.u16(24)
            out.u64(UInt64(entry.size))
            out.u64(UInt64(entry.size))
            out.u64(UInt64(offset))
        }
        return out.bytes
    }

    private func endRecords(count: Int, centralSize: Int64, centralOffset: Int64) -> [UInt8] {
        let wide = count >= 0xFFFF || needsZip64(centralSize) || needsZip64(centralOffset)
        var out = ZipBytes()
        if wide {
            out.u32(0x0606_4B50) // ZIP64 end of central directory record
            out.u64(44)
            out.u16(3 << 8 | 45)
            out.u16(45)
            out.u32(0)
            out.u32(0)
            out.u64(UInt64(count))
            out.u64(UInt64(count))
            out.u64(UInt64(centralSize))
            out.u64(UInt64(centralOffset))
            out.u32(0x0706_4B50) // its locator
            out.u32(0)
            out.u64(UInt64(centralOffset + centralSize))
            out.u32(1)
        }
        out.u32(0x0605_4B50)
        out.u16(0)
        out.u16(0)
        out.u16(wide ? 0xFFFF : UInt16(count))
        out.u16(wide ? 0xFFFF : UInt16(count))
        out.u32(wide ? 0xFFFF_FFFF : UInt32(centralSize))
        out.u32(wide ? 0xFFFF_FFFF : UInt32(centralOffset))
        out.u16(0) // comment
        return out.bytes
    }
}
