import Foundation
import Instagram
import Web

/// A download's metadata JSON written byte by byte: the bytes `DownloadMetadata.encoder(pretty:)` gives (the post's
/// and the download's fields in one object, keys sorted, the post's absent figures `null`, a file's or an item's
/// absent fields left out, ISO 8601 dates in whole seconds). Foundation's encoder took an eighth of a whole-profile
/// download's CPU (a metadata file per post; issue 16's `perf` figures in the README); `DownloadMetadataJSONTests`
/// holds both to the same bytes, pretty and compact.
extension DownloadMetadata {
    /// The metadata file's bytes (`pretty`), or the compact JSON a row stores.
    public func json(pretty: Bool = true) -> [UInt8] {
        var out = JSONByteWriter(capacity: 1536 + 640 * (post.items.count + files.count), pretty: pretty)
        write(to: &out)
        return out.bytes
    }

    /// The object, keys in sorted order.
    func write(to out: inout JSONByteWriter) {
        out.open()
        out.key("accessibility_caption"); out.stringOrNull(post.accessibilityCaption)
        out.key("author"); post.author.write(to: &out)
        out.key("caption"); out.stringOrNull(post.caption)
        out.key("comment_count"); out.integerOrNull(post.commentCount)
        out.key("downloaded_at"); out.date(downloadedAt)
        out.key("duration"); out.numberOrNull(post.duration)
        out.key("files"); out.array(files) { $1.write(to: &$0) }
        out.key("hashtags"); out.strings(post.hashtags)
        out.key("height"); out.integerOrNull(post.height)
        out.key("items"); out.array(post.items) { $1.write(to: &$0) }
        out.key("like_count"); out.integerOrNull(post.likeCount)
        out.key("location")
        if let location = post.location {
            out.open()
            out.field("id", location.id)
            out.field("name", location.name)
            out.close()
        } else {
            out.null()
        }
        out.key("media_id"); out.string(post.mediaID)
        out.key("mentions"); out.strings(post.mentions)
        out.key("pk"); out.string(post.pk)
        out.key("play_count"); out.integerOrNull(post.playCount)
        out.key("product_type"); out.stringOrNull(post.productType)
        out.key("selected_index"); out.integerOrNull(selectedIndex)
        out.key("shortcode"); out.string(post.shortcode)
        out.key("taken_at"); out.date(post.takenAt)
        out.key("type"); out.string(post.type.rawValue)
        out.key("url"); out.string(post.url)
        out.key("view_count"); out.integerOrNull(post.viewCount)
        out.key("width"); out.integerOrNull(post.width)
        out.close()
    }
}

extension InstagramPost.Author {
    /// The author object: absent fields left out.
    func write(to out: inout JSONByteWriter) {
        out.open()
        out.field("full_name", fullName)
        out.field("id", id)
        if let isPrivate { out.field("is_private", isPrivate) }
        if let isVerified { out.field("is_verified", isVerified) }
        out.field("username", username)
        out.close()
    }
}

extension MediaItem {
    /// An item object: absent fields left out.
    func write(to out: inout JSONByteWriter) {
        out.open()
        out.field("accessibility_caption", accessibilityCaption)
        if let duration {
            out.key("duration")
            out.number(duration)
        }
        out.field("height", height.map(Int64.init))
        out.field("image_url", imageURL)
        out.field("index", Int64(index))
        out.field("kind", kind.rawValue)
        out.field("pk", pk)
        out.field("video_url", videoURL)
        out.field("width", width.map(Int64.init))
        out.close()
    }
}

extension DownloadedFile {
    /// A file object: absent fields left out.
    func write(to out: inout JSONByteWriter) {
        out.open()
        out.field("content_type", contentType)
        out.field("crc32", crc32.map(Int64.init))
        out.field("height", height.map(Int64.init))
        out.field("index", Int64(index))
        out.field("kind", kind.rawValue)
        out.field("name", name)
        out.field("sha256", sha256)
        out.field("size", size)
        out.field("width", width.map(Int64.init))
        out.close()
    }
}
