import Foundation
@testable import Instagram
import Testing
@testable import DownloadEngine

@Suite("Download plan")
struct DownloadPlanTests {
    @Test("file names: {date}_{shortcode}.jpg, carousel items numbered, video thumbnails")
    func names() {
        let single = DownloadPlan(post: PostFixtures.post(items: [MediaItem(index: 1, kind: .photo, imageURL: "i")]), selecting: nil)
        #expect(single.entries.map(\.name) == ["2022-08-26_15-53-51_Chunk8-jurw.jpg"])
        let carousel = DownloadPlan(post: PostFixtures.post(items: [
            MediaItem(index: 1, kind: .photo, imageURL: "a"),
            MediaItem(index: 2, kind: .video, imageURL: "b", videoURL: "v"),
        ]), selecting: nil)
        #expect(carousel.entries.map(\.name) == ["2022-08-26_15-53-51_Chunk8-jurw_1.jpg", "2022-08-26_15-53-51_Chunk8-jurw_2.mp4",
                                                 "2022-08-26_15-53-51_Chunk8-jurw_2_thumbnail.jpg"])
        #expect(carousel.entries.map(\.typePrefix) == ["image/", "video/", "image/"])
        let selected = DownloadPlan(post: PostFixtures.post(items: [
            MediaItem(index: 1, kind: .photo, imageURL: "a"), MediaItem(index: 2, kind: .photo, imageURL: "b"),
        ]), selecting: 2)
        #expect(selected.entries.map(\.url) == ["b"])
    }

    @Test("the date in a file name is the upload time in UTC, seconds cut (not rounded), as a DateFormatter writes it")
    func dateStampMatchesTheFormatter() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd_HH-mm-ss"
        let times: [TimeInterval] = [0, 59.999, 951_782_400, 1_661_529_231, 1_709_164_799.5, 1_735_689_599, 4_102_444_800]
        for time in times {
            let date = Date(timeIntervalSince1970: time)
            #expect(DownloadPlan.dateStamp(date) == formatter.string(from: date), "at \(time)")
        }
        #expect(DownloadPlan.dateStamp(Date(timeIntervalSince1970: 1_661_529_231.75)) == "2022-08-26_15-53-51")
    }
}
