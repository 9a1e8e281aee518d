import Foundation

extension MediaParser {
    /// A Graph `shortcode_media` node: `GraphImage`/`GraphVideo`/`GraphSidecar` (or the `XDTGraph…` names).
    public static func post(fromGraph node: JSONTree) throws(InstagramError) -> InstagramPost {
        guard let pk = node["id"].string, let code = node["shortcode"].string else {
            throw InstagramError(.badResponse, "the shortcode_media node lacks id or shortcode")
        }
        let typename = node["__typename"].string ?? ""
        let isSidecar = typename.hasSuffix("Sidecar")
        let children = isSidecar ? node["edge_sidecar_to_children"]["edges"].array.map { $0["node"] } : [node]
        var items: [MediaItem] = []
        for (offset, child) in children.enumerated() { items.append(try graphItem(child, index: offset + 1)) }
        guard !items.isEmpty else { throw InstagramError(.badResponse, "the post has no media") }
        let caption = node["edge_media_to_caption"]["edges"][0]["node"]["text"].string
        let entities = CaptionEntities(caption)
        let hidden = node["like_and_view_counts_disabled"].bool ?? false
        let owner = try author(node["owner"])
        return InstagramPost(
            shortcode: code, mediaID: "\(pk)_\(owner.id)", pk: pk,
            type: isSidecar ? .carousel : (node["is_video"].bool == true ? .video : .photo),
            productType: node["product_type"].string, url: postURL(code: code, productType: node["product_type"].string),
            caption: caption, hashtags: entities.hashtags, mentions: entities.mentions,
            likeCount: count(node.first(["edge_media_preview_like", "count"], ["edge_liked_by", "count"]), hidden: hidden),
            commentCount: count(node.first(["edge_media_to_comment", "count"], ["edge_media_to_parent_comment", "count"],
                                           ["edge_media_preview_comment", "count"])),
            viewCount: count(node["video_view_count"]), playCount: count(node["video_play_count"]),
            author: owner, takenAt: try date(node["taken_at_timestamp"]), location: location(node["location"]),
            accessibilityCaption: node["accessibility_caption"].string,
            width: int(node["dimensions"]["width"]), height: int(node["dimensions"]["height"]),
            duration: node["video_duration"].double, items: items)
    }

    static func graphItem(_ node: JSONTree, index: Int) throws(InstagramError) -> MediaItem {
        var candidates = MediaCandidate.list(node["display_resources"])
        let width = int(node["dimensions"]["width"]), height = int(node["dimensions"]["height"])
        if let display = node["display_url"].string {
            candidates.append(MediaCandidate(url: display, width: width ?? 0, height: height ?? 0))
        }
        guard let image = MediaCandidate.best(candidates) else {
            throw InstagramError(.badResponse, "item \(index) has no display_url")
        }
        let isVideo = node["is_video"].bool == true
        let videoURL = node["video_url"].string
        guard !isVideo || videoURL != nil else { throw InstagramError(.badResponse, "video item \(index) has no video_url") }
        return MediaItem(index: index, kind: isVideo ? .video : .photo, pk: node["id"].string, imageURL: image.url,
                         videoURL: videoURL, width: width ?? image.width, height: height ?? image.height,
                         duration: isVideo ? node["video_duration"].double : nil,
                         accessibilityCaption: node["accessibility_caption"].string)
    }
}
