import Foundation

extension MediaParser {
    /// A v1 media item (`media/<pk>/info/`, web_info): `media_type` 1 image, 2 video, 8 carousel.
    public static func post(fromV1 item: JSONTree) throws(InstagramError) -> InstagramPost {
        guard let pk = item["pk"].string, let code = item["code"].string, let mediaType = item["media_type"].int else {
            throw InstagramError(.badResponse, "the media item lacks pk, code or media_type")
        }
        let children = mediaType == 8 ? item["carousel_media"].array : [item]
        var items: [MediaItem] = []
        for (offset, child) in children.enumerated() { items.append(try v1Item(child, index: offset + 1)) }
        guard !items.isEmpty else { throw InstagramError(.badResponse, "the post has no media") }
        let caption = item["caption"]["text"].string
        let entities = CaptionEntities(caption)
        let hidden = item["like_and_view_counts_disabled"].bool ?? false
        let kind: InstagramPost.PostType = mediaType == 8 ? .carousel : (mediaType == 2 ? .video : .photo)
        return InstagramPost(
            shortcode: code, mediaID: item["id"].string ?? pk, pk: pk, type: kind,
            productType: item["product_type"].string, url: postURL(code: code, productType: item["product_type"].string),
            caption: caption, hashtags: entities.hashtags, mentions: entities.mentions,
            likeCount: count(item["like_count"], hidden: hidden), commentCount: count(item["comment_count"]),
            viewCount: count(item["view_count"]), playCount: count(item["play_count"]),
            author: try author(item.first(["user"], ["owner"])), takenAt: try date(item["taken_at"]),
            location: location(item["location"]), accessibilityCaption: item["accessibility_caption"].string,
            width: int(item["original_width"]), height: int(item["original_height"]),
            duration: item["video_duration"].double, items: items)
    }

    static func v1Item(_ node: JSONTree, index: Int) throws(InstagramError) -> MediaItem {
        guard let image = MediaCandidate.best(MediaCandidate.list(node["image_versions2"]["candidates"])) else {
            throw InstagramError(.badResponse, "item \(index) has no image candidates")
        }
        let video = MediaCandidate.best(MediaCandidate.list(node["video_versions"]))
        let isVideo = node["media_type"].int == 2 || video != nil
        guard !isVideo || video != nil else { throw InstagramError(.badResponse, "video item \(index) has no video_versions") }
        return MediaItem(index: index, kind: isVideo ? .video : .photo, pk: node["pk"].string, imageURL: image.url,
                         videoURL: video?.url, width: int(node["original_width"]) ?? (video ?? image).width,
                         height: int(node["original_height"]) ?? (video ?? image).height,
                         duration: isVideo ? node["video_duration"].double : nil,
                         accessibilityCaption: node["accessibility_caption"].string)
    }

    static func postURL(code: String, productType: String?) -> String {
        let section = productType == "clips" ? "reel" : (productType == "igtv" ? "tv" : "p")
        return "https://www.instagram.com/\(section)/\(code)/"
    }
}
