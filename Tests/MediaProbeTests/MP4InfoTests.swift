import MediaProbe
import Testing

/// `MP4Info` reads an MP4's brand, whether `moov` comes first and the `mvhd` duration, from the real fixtures
/// (ffmpeg, faststart) and hand-made boxes (mdat first, 64-bit sizes, version 1 headers, impossible sizes).
@Suite struct MP4InfoTests {
    @Test func theFixturesBrandAndDurationComeFromTheirBoxes() throws {
        let info = try #require(MP4Info.read(try MediaFiles.fixture("v03.mp4")))
        #expect(info.majorBrand == "isom" && info.isMP4OrMOV && info.moovFirst)
        #expect(info.duration == 3.0)
        #expect(MP4Info.read(try MediaFiles.fixture("v01.mp4"))?.duration == 2.0)
    }

    @Test func theHeadIsEnough() throws {
        let file = try MediaFiles.fixture("v03.mp4")
        #expect(MP4Info.read(Array(file.prefix(4096)))?.duration == 3.0, "ftyp and moov are in the first 4 KiB")
    }

    @Test func mediaDataBeforeTheMovieHeaderIsNotFirst() {
        let file = MediaFiles.ftyp() + MediaFiles.box("mdat", [UInt8](repeating: 7, count: 64))
            + MediaFiles.box("moov", MediaFiles.mvhd(timescale: 600, duration: 6000))
        let info = MP4Info.read(file)
        #expect(info?.moovFirst == false && info?.duration == nil)
    }

    @Test func versionOneHeadersAndLargeSizesAreRead() {
        let moov = MediaFiles.box("moov", MediaFiles.box("free", [1, 2, 3]) + MediaFiles.mvhd(timescale: 90_000, duration: 90_000 * 42, version: 1))
        let large = MediaFiles.be(1, 4) + Array("free".utf8) + MediaFiles.be(24, 8) + [0, 0, 0, 0, 0, 0, 0, 0]
        let info = MP4Info.read(MediaFiles.ftyp("qt  ") + large + moov)
        #expect(info?.majorBrand == "qt  " && info?.moovFirst == true && info?.duration == 42)
    }

    @Test func brokenBoxesAreNoCrash() throws {
        #expect(MP4Info.read(try MediaFiles.fixture("p01.jpg")) == nil)
        #expect(MP4Info.read(MediaFiles.be(3, 4) + Array("ftyp".utf8)) == nil, "a size under 8")
        let huge = MediaFiles.ftyp() + MediaFiles.be(1, 4) + Array("moov".utf8) + MediaFiles.be(UInt64.max, 8)
        #expect(MP4Info.read(huge)?.moovFirst == false)
        let zeroScale = MediaFiles.ftyp() + MediaFiles.box("moov", MediaFiles.mvhd(timescale: 0, duration: 10))
        #expect(MP4Info.read(zeroScale)?.duration == nil)
        let file = try MediaFiles.fixture("v03.mp4")
        for length in 0...min(file.count, 3000) { _ = MP4Info.read(Array(file.prefix(length))) }
        var flipped = file
        for index in stride(from: 0, to: min(flipped.count, 2900), by: 7) {
            flipped[index] ^= 0xFF
            _ = MP4Info.read(flipped)
        }
    }
}
