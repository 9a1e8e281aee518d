import Foundation
import Instagram

/// The containers of a story, reel or carousel (graph-api.md §3.2): Meta's parameters for each media type, and
/// for a carousel one container per item (`is_carousel_item`) before the carousel's own (`children`).
struct MediaContainers {
    let access: GraphAccountAccess
    let account: ConnectedAccount
    /// Signs the URLs of uploads (`UploadLinks`) in each container's form; nil sends the forms as they are.
    var links: UploadLinks? = nil

    /// Creates the post's container (a carousel's children first); its id, to be stored before publishing.
    func create(_ media: PublishedMedia, caption: String) throws -> String {
        switch media.type {
        case "CAROUSEL":
            var children: [String] = []
            for item in media.items ?? [] { children.append(try container(MediaContainers.parameters(item))) }
            return try container(MediaContainers.carousel(media, caption: caption, children: children))
        default:
            return try container(MediaContainers.parameters(media, caption: caption))
        }
    }

    func container(_ parameters: [(String, String)]) throws -> String {
        try access.withToken(account) { (token) throws(GraphAPIError) in
            try access.client.createContainer(igUserID: account.igUserID, parameters: links?.signed(parameters) ?? parameters, token: token)
        }
    }

    /// A story's, reel's or feed photo's parameters (a feed photo sends no `media_type`).
    static func parameters(_ media: PublishedMedia, caption: String) -> [(String, String)] {
        var form: [(String, String)] = media.type == "IMAGE" ? [] : [("media_type", media.type)]
        if let url = media.imageURL { form.append(("image_url", url)) }
        if let text = media.altText { form.append(("alt_text", text)) }
        if let url = media.videoURL { form.append(("video_url", url)) }
        if !caption.isEmpty { form.append(("caption", caption)) }
        if let url = media.coverURL { form.append(("cover_url", url)) }
        if let offset = media.thumbOffset { form.append(("thumb_offset", String(offset))) }
        if let share = media.shareToFeed { form.append(("share_to_feed", share ? "true" : "false")) }
        appendShared(media.locationID, media.userTags, media.collaborators, to: &form)
        return form
    }

    /// A carousel item's parameters: a photo (`image_url`, `alt_text`) or a video (`media_type=VIDEO`).
    static func parameters(_ item: PublishedMedia.Item) -> [(String, String)] {
        var form: [(String, String)] = [("is_carousel_item", "true")]
        if let url = item.videoURL { form += [("media_type", "VIDEO"), ("video_url", url)] }
        if let url = item.imageURL { form.append(("image_url", url)) }
        if let text = item.altText { form.append(("alt_text", text)) }
        appendShared(nil, item.userTags, nil, to: &form)
        return form
    }

    static func carousel(_ media: PublishedMedia, caption: String, children: [String]) -> [(String, String)] {
        var form: [(String, String)] = [("media_type", "CAROUSEL"), ("children", children.joined(separator: ","))]
        if !caption.isEmpty { form.append(("caption", caption)) }
        appendShared(media.locationID, nil, media.collaborators, to: &form)
        return form
    }

    /// `location_id`, and `user_tags` and `collaborators` as the JSON text Meta reads inside a form value.
    static func appendShared(_ location: String?, _ tags: [PublishedMedia.UserTag]?, _ collaborators: [String]?, to form: inout [(String, String)]) {
        if let location { form.append(("location_id", location)) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if let tags, let data = try? encoder.encode(tags) { form.append(("user_tags", String(decoding: data, as: UTF8.self))) }
        if let collaborators, let data = try? encoder.encode(collaborators) { form.append(("collaborators", String(decoding: data, as: UTF8.self))) }
    }
}
