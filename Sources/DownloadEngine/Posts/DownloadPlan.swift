import Foundation
import Instagram

/// The files a post turns into, named as the old service named them: `{date}_{shortcode}.jpg|.mp4`, carousel
/// items `{date}_{shortcode}_{n}.jpg|.mp4`, video thumbnails `…_thumbnail.jpg`; `{date}` is the upload time
/// in UTC as `yyyy-MM-dd_HH-mm-ss`.
public struct DownloadPlan: Sendable {
    /// One file of the plan.
    public struct Entry: Sendable {
        /// The file name in the post's directory.
        public internal(set) var name: String
        /// The CDN URL (signed: never log it whole).
        public internal(set) var url: String
        /// Photo, video or video thumbnail.
        public internal(set) var kind: DownloadedFile.Kind
        /// 1-based position of the item in the post.
        public internal(set) var index: Int
        /// The item's pixel size, when Instagram gave it.
        public internal(set) var width: Int?
        /// The item's pixel size, when Instagram gave it.
        public internal(set) var height: Int?
        var typePrefix: String { kind == .video ? "video/" : "image/" }
    }

    /// The files in download order.
    public internal(set) var entries: [Entry]

    init(post: InstagramPost, selecting index: Int?) {
        let stem = "\(DownloadPlan.dateStamp(post.takenAt))_\(post.shortcode)"
        let numbered = post.items.count > 1
        entries = post.items.filter { index == nil || $0.index == index }.flatMap { item -> [Entry] in
            let base = numbered ? "\(stem)_\(item.index)" : stem
            guard let video = item.videoURL else {
                return [Entry(name: base + ".jpg", url: item.imageURL, kind: .photo, index: item.index, width: item.width, height: item.height)]
            }
            return [Entry(name: base + ".mp4", url: video, kind: .video, index: item.index, width: item.width, height: item.height),
                    Entry(name: base + "_thumbnail.jpg", url: item.imageURL, kind: .thumbnail, index: item.index,
                          width: item.width, height: item.height)]
        }
    }

    /// `yyyy-MM-dd_HH-mm-ss` in UTC, from the C library's calendar arithmetic (`gmtime_r`): a `DateFormatter` made
    /// for each plan cost more than the rest of a small post's work on the downloading thread.
    static func dateStamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { return "0000-00-00_00-00-00" }
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let year = Int(parts.tm_year) + 1900
        let yyyy = year >= 0 && year < 1000 ? String(repeating: "0", count: 4 - String(year).count) + String(year) : String(year)
        return "\(yyyy)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))_\(two(parts.tm_hour))-\(two(parts.tm_min))-\(two(parts.tm_sec))"
    }
}
