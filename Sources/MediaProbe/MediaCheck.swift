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
}
