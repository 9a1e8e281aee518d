import MediaProbe
import Testing

/// `MP4Track` reads each track's codec (`stsd`), size (`tkhd`) and frame rate (`mdhd`, `stts`), and `MediaCheck`
/// holds a video to Meta's codec, width and frame-rate rules (graph-api.md §3.3), from the world's real files and
/// hand-made boxes.
@Suite struct MP4TrackTests {
    @Test func theFixturesTracksAreReadFromTheirBoxes() throws {
        let info = try #require(MP4Info.read(try MediaFiles.fixture("v03.mp4")))
        let video = try #require(info.videoTrack)
        #expect(video.codec == "avc1" && video.width == 720 && video.height == 1280 && video.frameRate == 30)
        #expect(info.audioTrack?.codec == "mp4a")
        let landscape = try #require(MP4Info.read(try MediaFiles.fixture("v04.mp4"))?.videoTrack)
        #expect(landscape.width == 1080 && landscape.height == 608)
    }

    @Test func craftedTracksAreRead() throws {
        let file = MediaFiles.mp4(tracks: [MediaFiles.trak(handler: "vide", codec: "hvc1", width: 1920, height: 1080, timescale: 90_000, samples: 150, delta: 3000),
                                           MediaFiles.trak(handler: "soun", codec: "mp4a", timescale: 48_000, samples: 10, delta: 1024)])
        let info = try #require(MP4Info.read(file))
        #expect(info.tracks.map(\.handler) == ["vide", "soun"])
        #expect(info.videoTrack == MP4Track(handler: "vide", codec: "hvc1", width: 1920, height: 1080, frameRate: 30))
        #expect(MediaCheck.problems(head: file, totalBytes: file.count, as: .reelVideo).isEmpty, "HEVC 1080p at 30 fps with AAC is fine")
    }

    @Test func eachBrokenVideoRuleIsNamed() throws {
        let file = MediaFiles.mp4(tracks: [MediaFiles.trak(handler: "vide", codec: "mp4v", width: 3840, height: 2160, timescale: 12_000, samples: 600, delta: 100),
                                           MediaFiles.trak(handler: "soun", codec: "ac-3", timescale: 48_000, samples: 10, delta: 1536)])
        for kind in [MediaKind.reelVideo, .storyVideo, .carouselVideo] {
            let problems = MediaCheck.problems(head: file, totalBytes: file.count, as: kind)
            #expect(problems.map(\.message) == ["is encoded as mp4v: Meta takes H.264 or HEVC video",
                                                "is 3840×2160: Meta takes video at most 1920 pixels wide",
                                                "plays at 120 fps: Meta takes at most 60 frames per second",
                                                "has ac-3 audio: Meta takes AAC audio"], "\(kind)")
            #expect(problems.allSatisfy { $0.code == 352 && $0.subcode == 2207026 })
        }
    }

    @Test func aFileWithoutTracksOrWithBrokenOnesIsNoCrash() throws {
        let bare = MediaFiles.mp4(tracks: [])
        #expect(MP4Info.read(bare)?.tracks == [] && MediaCheck.problems(head: bare, totalBytes: bare.count, as: .reelVideo).isEmpty)
        let good = MediaFiles.trak(handler: "vide", codec: "avc1", width: 720, height: 1280, timescale: 15_360, samples: 45, delta: 1024)
        for cut in stride(from: 8, to: good.count, by: 7) {
            let file = MediaFiles.mp4(tracks: [MediaFiles.box("trak", Array(good[8..<cut]))])
            _ = MP4Info.read(file)
        }
        let huge = MediaFiles.trak(handler: "vide", codec: "avc1", timescale: 1, samples: UInt64(UInt32.max), delta: UInt64(UInt32.max))
        #expect(MP4Info.read(MediaFiles.mp4(tracks: [huge, huge]))?.tracks.count == 2)
    }

    @Test func aVideoBelow23FramesPerSecondIsRefused() throws {
        // The world's v03 (30 fps) with its video track's `mdhd` timescale halved: the same frames over twice the
        // time in Meta's reading, 15 fps (the world's videos before deploy/world-videos), its 3 s duration unchanged.
        let slow = MediaFiles.halvingFrameRate(try MediaFiles.fixture("v03.mp4"))
        #expect(MP4Info.read(slow)?.videoTrack?.frameRate == 15 && MP4Info.read(slow)?.duration == 3)
        for kind in [MediaKind.reelVideo, .storyVideo, .carouselVideo] {
            let problems = MediaCheck.problems(head: slow, totalBytes: slow.count, as: kind)
            #expect(problems.map(\.message) == ["plays at 15 fps: Meta takes at least 23 frames per second"], "\(kind)")
            #expect(problems.allSatisfy { $0.code == 352 && $0.subcode == 2207026 })
        }
        for (delta, refused) in [(UInt64(1000), false), (1001, true)] {  // 23 fps exactly, and 22.98
            let file = MediaFiles.mp4(tracks: [MediaFiles.trak(handler: "vide", codec: "avc1", width: 720, height: 1280, timescale: 23_000,
                                                               samples: 115, delta: delta)])
            #expect(MediaCheck.problems(head: file, totalBytes: file.count, as: .reelVideo).isEmpty != refused, "\(delta) ticks a frame")
        }
    }
}
