import Foundation
import Web

/// Drafts (`"draft": true` on `POST /api/sns/instagram/posts`, `/stories`, `/reels` or `/carousels`): checked as any post when made and at each edit,
/// listed with `?state=draft`, edited with `PATCH …/posts/{id}`, published with `POST …/posts/{id}/publish`, deleted
/// with `DELETE`. Nothing of a draft reaches Meta until it is published.
enum DraftHandlers {
    /// `PATCH` of a draft: a feed photo's `image_url` or `image_upload_id`, `caption`, `hashtags`, `scheduled_at` (its
    /// planned time; `null` clears it), each replacing the draft's own, the whole checked again as a new post would be:
    /// 200 with the draft.
    /// A story's, reel's or carousel's draft takes its kind's fields, checked by its kind's rules (`MediaDraftEdit`).
    static func edit(_ request: HTTPRequest, _ current: Publication, _ context: UserContext) throws -> HTTPResponse {
        let post: PostRequest
        if let media = current.media, MediaDraftEdit.types.contains(media.type) {
            post = try MediaDraftEdit.post(request, current, media: media, context)
        } else {
            post = try feedPhoto(request, current, context)
        }
        let row = try context.database().transaction { tx -> Publication? in
            guard let row = try PublicationStore(db: tx).updateDraft(current.id, userID: context.user.id, post: post) else { return nil }
            try UploadReferences.keep(post.uploadTokens, for: post.scheduledAt,
                                      lifetime: context.thread.configuration.publishing.uploadLifetime, userID: context.user.id, db: tx)
            return row
        }
        guard let row else { throw PublishingError.notScheduled(try PublishingHandlers.post(request, context).state) }
        return .json(PublicationJSON(row))
    }

    /// A feed photo's draft edited: `EditBody`'s fields over the draft's own, checked as a new feed photo: an
    /// `image_upload_id` as on `POST …/posts` (`UploadReferences`: this user's, live, a JPEG within Meta's rules; kept
    /// with the draft), a new `image_url` judged from its bytes (`MediaInspection`); `image_upload_id: null` would leave
    /// the photo without its image, so it is named.
    static func feedPhoto(_ request: HTTPRequest, _ current: Publication, _ context: UserContext) throws -> PostRequest {
        let patch = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
        var resolved = try UploadReferences.resolve(request, for: .feed, context)
        if patch["image_upload_id"] is NSNull {
            resolved.errors["image_upload_id"] = "a feed photo needs its image: give another image_upload_id or an image_url"
        }
        let changesImage = patch["image_url"] != nil || patch["image_upload_id"] != nil
        var post = try resolved.parse { request in
            let post = try feedPhotoFields(request, current)
            let problems = changesImage ? try MediaInspection.problems(PublishedMedia(type: "IMAGE", imageURL: post.imageURL), context: context) : [:]
            if !problems.isEmpty { throw APIError.validation(problems) }
            return post
        }
        post.uploadTokens = resolved.tokens
        return post
    }

    /// The patch's fields over the draft's own, checked by a feed photo's rules (`PostRequest.validate`).
    static func feedPhotoFields(_ request: HTTPRequest, _ current: Publication) throws -> PostRequest {
        try request.decodeJSON(EditBody.self) { patch throws(APIError) in
            var body = PostRequest.Body(accountID: current.accountID, imageURL: patch.imageURL ?? current.imageURL,
                                        caption: patch.caption ?? current.caption, hashtags: patch.hashtags,
                                        scheduledAt: current.scheduledAt.map(DraftHandlers.rfc3339))
            if patch.clearsSchedule { body.scheduledAt = nil } else if let time = patch.scheduledAt { body.scheduledAt = time }
            return try PostRequest.validate(body, request: nil, kept: current.media)
        }
    }

    /// `POST …/posts/{id}/publish` (optional body `{"scheduled_at": …}`): a draft becomes `scheduled` at that time, or
    /// at its planned time while that is still ahead, else `queued` for now, with its job: 202 with the post. Its
    /// uploads, even past their expiry, are kept for the publishing (`UploadReferences.renew`); one deleted since is a
    /// 422 naming its `…_upload_id`, the draft unchanged.
    @Sendable static func publish(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let time: Date?
        if request.body.isEmpty {
            time = nil
        } else {
            time = try request.decodeJSON(PublicationActionHandlers.MoveBody.self) { body throws(APIError) in
                try body.time(ifMissing: "is required with a body")
            }
        }
        let current = try PublishingHandlers.post(request, context)
        guard current.state == "draft" else { throw PublishingError.notDraft(current.state) }
        let accounts = try context.thread.connectedAccounts()
        guard let account = try accounts.account(id: current.accountID, userID: context.user.id) else { throw PublishingHandlers.notFound }
        guard account.isConnected else { throw ConnectedAccountError.reconnectRequired }
        let planned = current.scheduledAt.flatMap { $0 > Date() ? $0 : nil }
        let lifetime = context.thread.configuration.publishing.uploadLifetime
        let row = try PublicationActionHandlers.requeue(context) { store in
            // Its uploads, expired or not, kept for the publishing; one removed since is named (422) and nothing changes.
            try UploadReferences.renew(mediaURLs(current), until: (time ?? planned ?? Date()).addingTimeInterval(lifetime),
                                       userID: context.user.id, context: context, db: store.db)
            return try store.releaseDraft(current.id, userID: context.user.id, at: time ?? planned)
        }
        guard let row else { throw PublishingError.notDraft(try PublishingHandlers.post(request, context).state) }
        context.logger.info("draft published", metadata: [.jobID: "\(row.jobID ?? 0)"])
        return .json(PublicationJSON(row), status: .accepted)
    }

    /// The URLs of a stored post's files, with the request fields that named them (a feed photo's `image_url`).
    static func mediaURLs(_ post: Publication) -> [(field: String, url: String)] {
        guard let media = post.media else { return [("image_url", post.imageURL)] }
        return MediaInspection.targets(media).map { ($0.field, $0.url) }
    }

    /// A draft's edit: the fields it replaces. `scheduled_at: null` clears the planned time.
    struct EditBody: StrictDecodable {
        static let allowedFields: Set<String> = ["image_url", "caption", "hashtags", "scheduled_at"]
        var imageURL: String?
        var caption: String?
        var hashtags: PostRequest.HashtagList?
        var scheduledAt: String?
        /// `scheduled_at` was sent as `null`.
        var clearsSchedule = false

        enum CodingKeys: String, CodingKey {
            case caption, hashtags
            case imageURL = "image_url", scheduledAt = "scheduled_at"
        }

        init(from decoder: any Decoder) throws {
            let fields = try decoder.container(keyedBy: CodingKeys.self)
            imageURL = try fields.decodeIfPresent(String.self, forKey: .imageURL)
            caption = try fields.decodeIfPresent(String.self, forKey: .caption)
            hashtags = try fields.decodeIfPresent(PostRequest.HashtagList.self, forKey: .hashtags)
            scheduledAt = try fields.decodeIfPresent(String.self, forKey: .scheduledAt)
            clearsSchedule = try fields.contains(.scheduledAt) && fields.decodeNil(forKey: .scheduledAt)
        }
    }

    /// A stored time as `scheduled_at` text (UTC, with its fraction), to be checked again with the edit.
    static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
