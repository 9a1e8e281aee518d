import MediaProbe
import Testing

/// `JPEGInfo` reads a JPEG's size from its SOF marker, from the real fixtures and hand-made heads; anything
/// else, and every cut of a real file, is nil and never a crash.
@Suite struct JPEGInfoTests {
    @Test func theFixturesSizesComeFromTheirSOF() throws {
        #expect(JPEGInfo.read(try MediaFiles.fixture("p01.jpg")) == JPEGInfo(width: 1080, height: 1350))
        #expect(JPEGInfo.read(try MediaFiles.fixture("p03.jpg")) == JPEGInfo(width: 1080, height: 566))
        #expect(JPEGInfo.read(try MediaFiles.fixture("v01-cover.jpg")) == JPEGInfo(width: 720, height: 1280))
        #expect(JPEGInfo.read(MediaFiles.jpeg(width: 2000, height: 500)) == JPEGInfo(width: 2000, height: 500))
    }

    @Test func otherBytesAreNoJPEG() throws {
        #expect(JPEGInfo.read(try MediaFiles.fixture("v01.mp4")) == nil)
        #expect(JPEGInfo.read(Array("GIF89a\u{1}\u{0}\u{1}\u{0}".utf8)) == nil)
        #expect(JPEGInfo.read([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) == nil)
        #expect(JPEGInfo.read(MediaFiles.jpeg(width: 0, height: 10)) == nil, "a zero width is no image")
    }

    @Test func everyCutOfARealFileIsSafe() throws {
        let file = try MediaFiles.fixture("p02.jpg")
        var found = 0
        for length in 0...min(file.count, 4096) {
            if JPEGInfo.read(Array(file.prefix(length))) != nil { found += 1 }
        }
        #expect(found > 0, "the SOF lies in the first 4 KiB")
        #expect(JPEGInfo.read(Array(file.prefix(20))) == nil)
    }
}
