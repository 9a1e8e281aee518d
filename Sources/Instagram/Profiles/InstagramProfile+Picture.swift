import Foundation

extension InstagramProfile {
    /// The storage code of the profile's picture: `_` and the base64 shortcode of the profile's id (a post's
    /// code never starts with `_` at today's ids, so the two never meet in storage).
    public var pictureCode: String? {
        UInt64(id).map { "_" + Shortcode.encode($0) }
    }

    /// The profile picture in full size as a one-photo post stored like any other (`{date}_{code}.jpg` and the
    /// metadata file), dated `downloadedAt`; nil when the profile has no picture URL.
    public func picturePost(downloadedAt: Date) -> InstagramPost? {
        guard let code = pictureCode, let url = profilePicURL, !url.isEmpty else { return nil }
        let author = InstagramPost.Author(id: id, username: username, fullName: fullName, isVerified: isVerified, isPrivate: isPrivate)
        return InstagramPost(shortcode: code, mediaID: id, pk: id, type: .photo, productType: "profile_pic",
                             url: "https://www.instagram.com/\(username)/", caption: nil, hashtags: [], mentions: [],
                             likeCount: nil, commentCount: nil, viewCount: nil, playCount: nil, author: author,
                             takenAt: downloadedAt, location: nil, accessibilityCaption: nil, width: nil, height: nil,
                             duration: nil, items: [MediaItem(index: 1, kind: .photo, pk: id, imageURL: url)])
    }
}
