import Foundation

/// The default world's media fixtures (real files made by ffmpeg and ImageMagick), and small files built by hand.
enum MediaFiles {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/InstagramSandbox/Worlds/default/media")

    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// `mp4` with the first `mdhd`'s timescale (version 0: its video track's, as ffmpeg writes the video first) halved:
    /// half the frame rate in Meta's reading (`stts` ticks over that timescale), the `mvhd` duration as it was.
    static func halvingFrameRate(_ mp4: [UInt8]) -> [UInt8] {
        guard let at = (0..<(mp4.count - 4)).first(where: { mp4[$0..<($0 + 4)].elementsEqual("mdhd".utf8) }) else { return mp4 }
        let offset = at + 4 + 12
        let timescale = mp4[offset..<(offset + 4)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        var copy = mp4
        copy.replaceSubrange(offset..<(offset + 4), with: be(timescale / 2, 4))
        return copy
    }

    /// A box: 32-bit size, type, body.
    static func box(_ type: String, _ body: [UInt8]) -> [UInt8] {
        be(UInt64(8 + body.count), 4) + Array(type.utf8) + body
    }

    static func be(_ value: UInt64, _ count: Int) -> [UInt8] {
        (0..<count).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    static func ftyp(_ brand: String = "isom") -> [UInt8] { box("ftyp", Array(brand.utf8) + be(512, 4) + Array("isommp41".utf8)) }

    /// `mvhd` version 0 (32-bit times) or 1 (64-bit).
    static func mvhd(timescale: UInt64, duration: UInt64, version: UInt8 = 0) -> [UInt8] {
        let times = version == 1 ? [UInt8](repeating: 0, count: 16) : [UInt8](repeating: 0, count: 8)
        let length = version == 1 ? be(duration, 8) : be(duration, 4)
        return box("mvhd", [version, 0, 0, 0] + times + be(timescale, 4) + length + [UInt8](repeating: 0, count: 80))
    }

    /// A JPEG head: SOI, an APP0, then a baseline SOF0 of `width`×`height`.
    static func jpeg(width: Int, height: Int) -> [UInt8] {
        let app0: [UInt8] = [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        let sof: [UInt8] = [0xFF, 0xC0, 0x00, 0x11, 0x08, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF),
                            0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]
        return [0xFF, 0xD8] + app0 + sof + [0xFF, 0xD9]
    }
}

extension MediaFiles {
    /// A `trak` as ffmpeg writes one, reduced to what `MP4Track` reads: `tkhd` (version 0, the size in 16.16 at its
    /// end), `mdia` with `mdhd` (timescale), `hdlr` (handler), `minf`/`stbl` with `stsd` (one entry of `codec`) and
    /// `stts` (`samples` of `delta` ticks each).
    static func trak(handler: String, codec: String, width: Int = 0, height: Int = 0, timescale: UInt64, samples: UInt64, delta: UInt64) -> [UInt8] {
        let tkhd = box("tkhd", [0, 0, 0, 3] + [UInt8](repeating: 0, count: 72) + be(UInt64(width) << 16, 4) + be(UInt64(height) << 16, 4))
        let mdhd = box("mdhd", [0, 0, 0, 0] + be(0, 8) + be(timescale, 4) + be(samples * delta, 4) + [0x55, 0xC4, 0, 0])
        let hdlr = box("hdlr", [0, 0, 0, 0] + be(0, 4) + Array(handler.utf8) + [UInt8](repeating: 0, count: 13))
        let stsd = box("stsd", [0, 0, 0, 0] + be(1, 4) + box(codec, [UInt8](repeating: 0, count: 78)))
        let stts = box("stts", [0, 0, 0, 0] + be(1, 4) + be(samples, 4) + be(delta, 4))
        return box("trak", tkhd + box("mdia", mdhd + hdlr + box("minf", box("stbl", stsd + stts))))
    }

    /// A faststart MP4 of `seconds` with these tracks, then a small `mdat`.
    static func mp4(seconds: UInt64 = 5, tracks: [[UInt8]]) -> [UInt8] {
        ftyp() + box("moov", mvhd(timescale: 1000, duration: seconds * 1000) + tracks.joined()) + box("mdat", [UInt8](repeating: 0, count: 32))
    }
}
