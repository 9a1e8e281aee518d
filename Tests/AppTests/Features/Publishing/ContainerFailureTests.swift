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

    @Test func aStuckContainerSaysHowLongItWasPolled() {
        #expect(ContainerFailure.stuck(after: 300).message == "Meta was still processing the media after 5 minutes (Meta advises to stop polling then): post it again later.")
        #expect(ContainerFailure.stuck(after: 6).message.contains("after 6 seconds") && ContainerFailure.stuck(after: 60).message.contains("after 1 minute "))
        #expect(ContainerFailure.stuck(after: 90).failureCode == "CONTAINER_STUCK" && ContainerFailure.stuck(after: 90).message.contains("90 seconds"))
    }
}
