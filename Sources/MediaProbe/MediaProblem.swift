/// One way a media file breaks Meta's rules: Meta's code and subcode for it (graph-api.md §3.8) and a sentence
/// saying what to change.
public struct MediaProblem: Equatable, Sendable, CustomStringConvertible {
    public var code: Int
    public var subcode: Int
    public var message: String

    public init(code: Int, subcode: Int, message: String) {
        self.code = code
        self.subcode = subcode
        self.message = message
    }

    public var description: String { message }

    static func notJPEG() -> MediaProblem {
        MediaProblem(code: 36001, subcode: 2207005, message: "is not a JPEG (Instagram publishes JPEG images only)")
    }

    static func tooLarge(_ bytes: Int, _ kind: MediaKind) -> MediaProblem {
        let limit = kind.isVideo ? "\(kind.maxBytes / 1_048_576) MiB" : "8 MiB"
        if kind.isVideo {
            return MediaProblem(code: 352, subcode: 2207026, message: "is \(megabytes(bytes)), more than the \(limit) Meta takes for this video")
        }
        return MediaProblem(code: 36000, subcode: 2207004, message: "is \(megabytes(bytes)), more than the 8 MiB Meta takes for an image")
    }

    static func aspectRatio(_ info: JPEGInfo) -> MediaProblem {
        MediaProblem(code: 36003, subcode: 2207009,
                     message: "is \(info.width)×\(info.height) (aspect ratio \(rounded(info.aspectRatio))): it must be between 4:5 (0.8) and 1.91:1")
    }

    static func notMP4() -> MediaProblem {
        MediaProblem(code: 352, subcode: 2207026, message: "is not an MP4 or MOV video (no ftyp box of those formats)")
    }

    static func moovNotFirst() -> MediaProblem {
        MediaProblem(code: 352, subcode: 2207026, message: "has no moov box before its media data: put it at the front (ffmpeg -movflags +faststart)")
    }

    static func duration(_ seconds: Double, _ kind: MediaKind) -> MediaProblem {
        let range = kind.durationRange
        let longest = range.upperBound >= 120 ? "\(Int(range.upperBound / 60)) minutes" : "\(Int(range.upperBound)) seconds"
        return MediaProblem(code: 352, subcode: 2207026,
                            message: "lasts \(rounded(seconds)) s: it must last \(Int(range.lowerBound)) seconds to \(longest)")
    }

    static func videoCodec(_ codec: String) -> MediaProblem {
        MediaProblem(code: 352, subcode: 2207026, message: "is encoded as \(codec.filter { $0 != " " }): Meta takes H.264 or HEVC video")
    }

    static func videoWidth(_ track: MP4Track) -> MediaProblem {
        MediaProblem(code: 352, subcode: 2207026,
                     message: "is \(Int(track.width))×\(Int(track.height)): Meta takes video at most \(Int(MediaKind.maxVideoWidth)) pixels wide")
    }

    static func frameRate(_ rate: Double) -> MediaProblem {
        MediaProblem(code: 352, subcode: 2207026, message: "plays at \(rounded(rate)) fps: Meta takes at most \(Int(MediaKind.maxFrameRate)) frames per second")
    }

    static func lowFrameRate(_ rate: Double) -> MediaProblem {
        MediaProblem(code: 352, subcode: 2207026, message: "plays at \(rounded(rate)) fps: Meta takes at least \(Int(MediaKind.minFrameRate)) frames per second")
    }

    static func audioCodec(_ codec: String) -> MediaProblem {
        MediaProblem(code: 352, subcode: 2207026, message: "has \(codec.filter { $0 != " " }) audio: Meta takes AAC audio")
    }

    static func rounded(_ value: Double) -> String {
        let hundredths = (value * 100).rounded()
        return hundredths.truncatingRemainder(dividingBy: 100) == 0 ? "\(Int(hundredths / 100))" : "\(hundredths / 100)"
    }

    static func megabytes(_ bytes: Int) -> String {
        "\(rounded(Double(bytes) / 1_048_576)) MiB"
    }
}
