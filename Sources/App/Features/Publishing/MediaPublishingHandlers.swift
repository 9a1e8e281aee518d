import Web

/// `POST /api/sns/instagram/stories`, `/reels` and `/carousels`: each checked field by field (`StoryRequest`,
/// `ReelRequest`, `CarouselRequest`), its media judged from their own bytes where we may fetch them
/// (`MediaInspection`), then stored and published by the same job as a feed photo, with the same states, retry,
/// `Idempotency-Key` and `scheduled_at` (`PublishingHandlers.queue`).
enum MediaPublishingHandlers {
    @Sendable static func story(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        try publish(request, to: .story, context) { try StoryRequest.parse($0) { try MediaInspection.problems($0, context: context) } }
    }

    @Sendable static func reel(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        try publish(request, to: .reel, context) { try ReelRequest.parse($0) { try MediaInspection.problems($0, context: context) } }
    }

    @Sendable static func carousel(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        try publish(request, to: .carousel, context) { try CarouselRequest.parse($0) { try MediaInspection.problems($0, context: context) } }
    }

    /// The request's uploads resolved, the post parsed (one 422 naming every bad field, uploads included), then stored
    /// and queued (`PublishingHandlers.queue`: one post, a batch or a draft).
    static func publish(_ request: HTTPRequest, to destination: UploadReferences.Destination, _ context: UserContext,
                        parse: (HTTPRequest) throws -> PostRequest) throws -> HTTPResponse {
        let resolved = try UploadReferences.resolve(request, for: destination, context)
        var post = try resolved.parse(parse)
        post.uploadTokens = resolved.tokens
        return try PublishingHandlers.queue(post, resolved.request, context)
    }
}
