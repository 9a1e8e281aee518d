import Foundation

/// A container Meta will not publish: `ERROR` after processing (the subcode read from its `status`, graph-api.md
/// §3.4), `EXPIRED`, or still `IN_PROGRESS` when Meta's advice to stop polling is reached. The post fails with
/// Meta's code and subcode where Meta gave them and a sentence of what to change.
struct ContainerFailure: Error, Equatable {
    var code: Int?
    var subcode: Int?
    var message: String
    /// `CONTAINER_ERROR`, `CONTAINER_EXPIRED`, `CONTAINER_STUCK`.
    var failureCode: String

    /// An `ERROR` status such as `Error: Media upload has failed with error code 2207026`.
    static func error(status text: String?) -> ContainerFailure {
        let subcode = text.flatMap { text in
            text.range(of: #"\d{7}"#, options: .regularExpression).flatMap { Int(text[$0]) }
        }
        return ContainerFailure(code: subcode.flatMap { codes[$0] }, subcode: subcode, message: sentence(subcode, status: text),
                                failureCode: "CONTAINER_ERROR")
    }

    /// Meta's code of each subcode a container's `ERROR` carries (graph-api.md §3.8).
    static let codes: [Int: Int] = [2207026: 352, 2207052: 9004, 2207053: -1, 2207001: -1, 2207032: -1, 2207003: -2, 2207020: -2,
                                    2207057: 1, 2207004: 36000, 2207005: 36001, 2207009: 36003]

    static func sentence(_ subcode: Int?, status: String?) -> String {
        switch subcode {
        case 2207026:
            return "Meta could not process the video: it must be an MP4 or MOV (H.264 or HEVC, AAC) with its moov box at the front, lasting 3 seconds to 15 minutes for a reel (to 60 seconds for a story or a carousel video) and at most 300 MB (100 MB for a story or a carousel video). Fix the video and post again."
        case 2207052: return "Meta could not fetch the media from its URL: make it public and reachable, then post again."
        case 2207003: return "Meta took too long to download the media: put it on a faster host, then post again."
        case 2207020: return "The media expired before Meta processed it: post it again."
        case 2207057: return "thumb_offset is past the end of the video: choose a frame within it."
        default: return "Meta could not process the media (\(status ?? "ERROR")): check the files and post again."
        }
    }

    static let expired = ContainerFailure(code: nil, subcode: nil, message: "The media container expired (24 hours) before it was published: post it again.",
                                          failureCode: "CONTAINER_EXPIRED")

    /// Still `IN_PROGRESS` after `seconds` of polling (`PublishingSettings.containerTimeout`, Meta's 5 minutes by default).
    static func stuck(after seconds: Double) -> ContainerFailure {
        ContainerFailure(code: nil, subcode: nil,
                         message: "Meta was still processing the media after \(duration(seconds)) (Meta advises to stop polling then): post it again later.",
                         failureCode: "CONTAINER_STUCK")
    }

    /// `5 minutes`, `1 minute`, `90 seconds`.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole >= 60 && whole % 60 == 0 { return whole == 60 ? "1 minute" : "\(whole / 60) minutes" }
        return whole == 1 ? "1 second" : "\(whole) seconds"
    }
}
