/// One track of an MP4/MOV as its `trak` box describes it: the handler (`vide`, `soun`), the codec of its first
/// sample entry (`stsd`: `avc1`, `hvc1`, `hev1`, `mp4a` …), the display size (`tkhd`) and the frame rate (`mdhd`'s
/// timescale over `stts`'s sample durations).
public struct MP4Track: Equatable, Sendable {
    /// `vide`, `soun`, or another handler type (`hdlr`).
    public var handler: String
    /// The sample entry's four-character code; nil when no `stsd` entry was read.
    public var codec: String?
    /// Display width and height in pixels (`tkhd`, 16.16 fixed point).
    public var width: Double
    public var height: Double
    /// Samples per second (`stts` samples over their total duration in `mdhd`'s timescale); nil when not read.
    public var frameRate: Double?

    public init(handler: String, codec: String?, width: Double, height: Double, frameRate: Double?) {
        self.handler = handler
        self.codec = codec
        self.width = width
        self.height = height
        self.frameRate = frameRate
    }

    public var isVideo: Bool { handler == "vide" }
    public var isAudio: Bool { handler == "soun" }

    /// The track in the `trak` box between `start` and `end` (the body); nil when it has no `hdlr`.
    static func read(_ bytes: [UInt8], from start: Int, to end: Int) -> MP4Track? {
        var track = MP4Track(handler: "", codec: nil, width: 0, height: 0, frameRate: nil)
        var timescale: UInt64 = 0
        var stts: (samples: UInt64, ticks: UInt64)?
        for box in MP4Info.children(bytes, from: start, to: end) {
            switch box.type {
            case "tkhd" where box.end - 8 >= box.body:
                track.width = Double(MP4Info.integer(bytes, box.end - 8, 4)) / 65_536
                track.height = Double(MP4Info.integer(bytes, box.end - 4, 4)) / 65_536
            case "mdia":
                for inner in MP4Info.children(bytes, from: box.body, to: box.end) {
                    switch inner.type {
                    case "mdhd": timescale = mediaTimescale(bytes, inner)
                    case "hdlr" where inner.body + 12 <= inner.end: track.handler = MP4Info.fourCC(bytes, inner.body + 8)
                    case "minf": (track.codec, stts) = sampleTable(bytes, inner)
                    default: break
                    }
                }
            default: break
            }
        }
        guard !track.handler.isEmpty else { return nil }
        if let stts, stts.ticks > 0, timescale > 0 { track.frameRate = Double(stts.samples) * Double(timescale) / Double(stts.ticks) }
        return track
    }

    /// `mdhd`'s timescale (version 0: after two 32-bit times; version 1: after two 64-bit ones); 0 when unreadable.
    static func mediaTimescale(_ bytes: [UInt8], _ box: MP4Info.Box) -> UInt64 {
        guard box.body < box.end else { return 0 }
        let at = box.body + (bytes[box.body] == 1 ? 20 : 12)
        return at + 4 <= box.end ? MP4Info.integer(bytes, at, 4) : 0
    }

    /// The first sample entry's code (`stsd`) and the samples and their total duration (`stts`) under `minf`/`stbl`.
    static func sampleTable(_ bytes: [UInt8], _ minf: MP4Info.Box) -> (String?, (UInt64, UInt64)?) {
        guard let stbl = MP4Info.children(bytes, from: minf.body, to: minf.end).first(where: { $0.type == "stbl" }) else { return (nil, nil) }
        var codec: String?
        var timing: (UInt64, UInt64)?
        for box in MP4Info.children(bytes, from: stbl.body, to: stbl.end) {
            if box.type == "stsd", box.body + 16 <= box.end { codec = MP4Info.fourCC(bytes, box.body + 12) }
            if box.type == "stts", box.body + 8 <= box.end {
                let count = Int(min(MP4Info.integer(bytes, box.body + 4, 4), UInt64((box.end - box.body - 8) / 8)))
                var samples: UInt64 = 0
                var ticks: UInt64 = 0
                for index in 0..<count {
                    let entry = box.body + 8 + index * 8
                    let (n, delta) = (MP4Info.integer(bytes, entry, 4), MP4Info.integer(bytes, entry + 4, 4))
                    samples = samples &+ n // wrapping: a crafted table must not trap (the values are then nonsense, not a crash)
                    ticks = ticks &+ n &* delta
                }
                timing = (samples, ticks)
            }
        }
        return (codec, timing)
    }
}
