import MediaProbe
import Testing

/// `MediaCheck` names each of Meta's rules a file breaks, with Meta's code and subcode (graph-api.md §3.3, §3.8).
@Suite struct MediaCheckTests {
    func problems(_ bytes: [UInt8], _ kind: MediaKind, total: Int? = nil) -> [Int] {
        MediaCheck.problems(head: bytes, totalBytes: total ?? bytes.count, as: kind).map(\.subcode)
    }

    @Test func goodFilesPass() throws {
        #expect(problems(try MediaFiles.fixture("p01.jpg"), .feedImage).isEmpty)
        #expect(problems(try MediaFiles.fixture("p03.jpg"), .feedImage).isEmpty, "1080×566 is 1.908:1, inside 1.91:1")
        #expect(problems(try MediaFiles.fixture("v03.mp4"), .reelVideo).isEmpty)
        #expect(problems(try MediaFiles.fixture("v03.mp4"), .storyVideo).isEmpty)
        #expect(problems(MediaFiles.jpeg(width: 500, height: 2000), .storyImage).isEmpty, "stories take any ratio")
    }

    @Test func eachBrokenRuleIsNamedWithMetasCode() throws {
        #expect(problems(try MediaFiles.fixture("v01.mp4"), .feedImage) == [2207005])
        #expect(problems(MediaFiles.jpeg(width: 2000, height: 1000), .feedImage) == [2207009])
        #expect(problems(MediaFiles.jpeg(width: 1000, height: 2000), .feedImage, total: 9 * 1_048_576) == [2207009, 2207004])
        #expect(problems(try MediaFiles.fixture("p01.jpg"), .reelVideo) == [2207026])
        let short = MediaCheck.problems(head: try MediaFiles.fixture("v01.mp4"), totalBytes: 12_441, as: .reelVideo)
        #expect(short.map(\.code) == [352] && short.first?.message == "lasts 2 s: it must last 3 seconds to 15 minutes")
        let long = MediaFiles.ftyp() + MediaFiles.box("moov", MediaFiles.mvhd(timescale: 1000, duration: 61_500))
        #expect(MediaCheck.problems(head: long, totalBytes: long.count, as: .storyVideo).first?.message == "lasts 61.5 s: it must last 3 seconds to 60 seconds")
        #expect(problems(long, .reelVideo).isEmpty)
        #expect(problems(long, .reelVideo, total: 301 * 1_048_576) == [2207026])
        let notFirst = MediaFiles.ftyp() + MediaFiles.box("mdat", [1]) + MediaFiles.box("moov", MediaFiles.mvhd(timescale: 1, duration: 5))
        #expect(MediaCheck.problems(head: notFirst, totalBytes: notFirst.count, as: .carouselVideo).first?.message.contains("faststart") == true)
    }
}
