import Testing
@testable import App

/// A container's `ERROR` status carries Meta's subcode in its text (graph-api.md §3.4): the post fails with that
/// subcode, its code, and a sentence of what to change.
struct ContainerFailureTests {
    @Test func theSubcodeAndCodeComeFromTheStatusText() {
        let video = ContainerFailure.error(status: "Error: Media upload has failed with error code 2207026")
        #expect(video.code == 352 && video.subcode == 2207026 && video.failureCode == "CONTAINER_ERROR")
        #expect(video.message.contains("MP4 or MOV") && video.message.contains("3 seconds to 15 minutes"))
        let fetch = ContainerFailure.error(status: "Error: Media upload has failed with error code 2207052")
        #expect(fetch.code == 9004 && fetch.message.contains("could not fetch"))
        let bare = ContainerFailure.error(status: "ERROR")
        #expect(bare.code == nil && bare.subcode == nil && bare.message.contains("(ERROR)"))
        #expect(ContainerFailure.error(status: nil).subcode == nil)
    }
}
