/// What an MP4 or MOV file's own boxes say: its brand (`ftyp`), whether the `moov` box comes before the media
/// data (`mdat`), its duration from the movie header (`moov`/`mvhd`) and its tracks (`trak`: codec, size, frame
/// rate, `MP4Track`). Reads the head only: a file whose `moov` is at the front (as Meta asks) is judged from its
/// first KiB.
public struct MP4Info: Equatable, Sendable {
    /// The `ftyp` major brand (`isom`, `mp42`, `qt  `).
    public var majorBrand: String
    public var compatibleBrands: [String]
    /// `moov` was found, and before any `mdat`.
    public var moovFirst: Bool
    /// Seconds, from `mvhd`'s duration over its timescale; nil when no `mvhd` was read.
    public var duration: Double?
    /// The tracks in `moov`, in order (none when the `moov` has no `trak` the head holds whole).
    public var tracks: [MP4Track] = []

    /// Brands of the ISO base media and QuickTime families that Meta takes (MP4 and MOV).
    public static let knownBrands: Set<String> = ["isom", "iso2", "iso4", "iso5", "iso6", "mp41", "mp42", "avc1", "qt  ", "M4V ", "M4A ", "mp71", "dash", "MSNV"]

    public init(majorBrand: String, compatibleBrands: [String], moovFirst: Bool, duration: Double?) {
        self.majorBrand = majorBrand
        self.compatibleBrands = compatibleBrands
        self.moovFirst = moovFirst
        self.duration = duration
    }

    /// The first video track, and the first audio track.
    public var videoTrack: MP4Track? { tracks.first(where: \.isVideo) }
    public var audioTrack: MP4Track? { tracks.first(where: \.isAudio) }

    /// An MP4/MOV brand among the major and compatible ones.
    public var isMP4OrMOV: Bool { ([majorBrand] + compatibleBrands).contains { MP4Info.knownBrands.contains($0) } }

    /// The file's boxes read from `bytes` (the whole file or its head); nil when it does not start with `ftyp`.
    public static func read(_ bytes: [UInt8]) -> MP4Info? {
        guard let first = Box.at(0, in: bytes), first.type == "ftyp", first.end <= bytes.count, first.end - first.body >= 8 else { return nil }
        let brand = fourCC(bytes, first.body)
        var compatible: [String] = []
        var index = first.body + 8
        while index + 4 <= first.end {
            compatible.append(fourCC(bytes, index))
            index += 4
        }
        var info = MP4Info(majorBrand: brand, compatibleBrands: compatible, moovFirst: false, duration: nil)
        var offset = first.end
        while let box = Box.at(offset, in: bytes) {
            if box.type == "mdat" { break }
            if box.type == "moov" {
                info.moovFirst = true
                info.duration = movieDuration(bytes, from: box.body, to: min(box.end, bytes.count))
                info.tracks = children(bytes, from: box.body, to: min(box.end, bytes.count)).filter { $0.type == "trak" }
                    .compactMap { MP4Track.read(bytes, from: $0.body, to: $0.end) }
                break
            }
            offset = box.end
        }
        return info
    }

    /// The duration in `mvhd` among the boxes between `start` and `end`.
    static func movieDuration(_ bytes: [UInt8], from start: Int, to end: Int) -> Double? {
        var offset = start
        while offset + 8 <= end, let box = Box.at(offset, in: bytes) {
            if box.type == "mvhd" {
                let version = box.body < bytes.count ? bytes[box.body] : 255
                let long = version == 1
                let scaleAt = box.body + (long ? 20 : 12)
                let durationAt = scaleAt + 4
                guard version <= 1, durationAt + (long ? 8 : 4) <= min(box.end, bytes.count) else { return nil }
                let scale = integer(bytes, scaleAt, 4)
                let duration = integer(bytes, durationAt, long ? 8 : 4)
                guard scale > 0, duration != UInt64.max, long || duration != 0xFFFF_FFFF else { return nil }
                return Double(duration) / Double(scale)
            }
            offset = box.end
        }
        return nil
    }

    /// The boxes between `start` and `end` that lie whole within them (and within the bytes read).
    static func children(_ bytes: [UInt8], from start: Int, to end: Int) -> [Box] {
        var boxes: [Box] = []
        var offset = start
        let limit = min(end, bytes.count)
        while offset + 8 <= limit, let box = Box.at(offset, in: bytes), box.end <= limit, box.end > offset {
            boxes.append(box)
            offset = box.end
        }
        return boxes
    }

    static func fourCC(_ bytes: [UInt8], _ at: Int) -> String {
        String(decoding: bytes[at..<(at + 4)].map { (0x20...0x7E).contains($0) ? $0 : UInt8(ascii: "?") }, as: UTF8.self)
    }

    /// A big-endian unsigned integer of `count` bytes (the caller checked the bounds).
    static func integer(_ bytes: [UInt8], _ at: Int, _ count: Int) -> UInt64 {
        var value: UInt64 = 0
        for byte in bytes[at..<(at + count)] { value = value << 8 | UInt64(byte) }
        return value
    }

    /// A box header: its type, where its body starts and where it ends (may lie past the bytes read).
    struct Box {
        var type: String
        var body: Int
        var end: Int

        /// The box whose header starts at `offset`; nil when the header is cut or its size is impossible.
        static func at(_ offset: Int, in bytes: [UInt8]) -> Box? {
            guard offset >= 0, offset + 8 <= bytes.count else { return nil }
            let size = MP4Info.integer(bytes, offset, 4)
            let type = MP4Info.fourCC(bytes, offset + 4)
            switch size {
            case 0:
                return Box(type: type, body: offset + 8, end: bytes.count)
            case 1:
                guard offset + 16 <= bytes.count else { return nil }
                let large = MP4Info.integer(bytes, offset + 8, 8)
                guard large >= 16, large <= UInt64(Int.max - offset) else { return nil }
                return Box(type: type, body: offset + 16, end: offset + Int(large))
            case 2..<8:
                return nil
            default:
                return Box(type: type, body: offset + 8, end: offset + Int(size))
            }
        }
    }
}
