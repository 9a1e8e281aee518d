/// Meta's media rules (graph-api.md §3.3) checked against a file's own bytes: the one judge both instagate (before
/// any call to Meta) and the sandbox (as Meta, when it fetches the file) use.
public enum MediaCheck {
    /// Every rule `head` (the file's first bytes, at least `MediaKind.headBytes` of them or the whole file) breaks
    /// as a `kind`, the file being `totalBytes` long; empty when Meta would take it.
    public static func problems(head: [UInt8], totalBytes: Int, as kind: MediaKind) -> [MediaProblem] {
        var problems: [MediaProblem] = []
        if kind.isVideo {
            if let info = MP4Info.read(head), info.isMP4OrMOV {
                if !info.moovFirst {
                    problems.append(.moovNotFirst())
                } else if let seconds = info.duration, !kind.durationRange.contains(seconds) {
                    problems.append(.duration(seconds, kind))
                } else if info.duration == nil {
                    problems.append(.notMP4())
                }
                if info.moovFirst { problems += trackProblems(info) }
            } else {
                problems.append(.notMP4())
            }
        } else if let info = JPEGInfo.read(head) {
            let ratio = info.aspectRatio
            if kind == .feedImage && !(ratio >= 0.8 - 0.0001 && ratio <= 1.91 + 0.0001) { problems.append(.aspectRatio(info)) }
        } else {
            problems.append(.notJPEG())
        }
        if totalBytes > kind.maxBytes { problems.append(.tooLarge(totalBytes, kind)) }
        return problems
    }

    /// The video track's codec, width and frame rate (23–60 fps) and the audio track's codec against Meta's video rules (the
    /// same for reels, stories and carousel videos); a file without tracks in its head is not judged on them.
    static func trackProblems(_ info: MP4Info) -> [MediaProblem] {
        var problems: [MediaProblem] = []
        if let video = info.videoTrack {
            if let codec = video.codec, !MediaKind.videoCodecs.contains(codec) { problems.append(.videoCodec(codec)) }
            if video.width > MediaKind.maxVideoWidth { problems.append(.videoWidth(video)) }
            if let rate = video.frameRate, rate > MediaKind.maxFrameRate + 0.01 { problems.append(.frameRate(rate)) }
            if let rate = video.frameRate, rate < MediaKind.minFrameRate - 0.01 { problems.append(.lowFrameRate(rate)) }
        }
        if let codec = info.audioTrack?.codec, !MediaKind.audioCodecs.contains(codec) { problems.append(.audioCodec(codec)) }
        return problems
    }
}
