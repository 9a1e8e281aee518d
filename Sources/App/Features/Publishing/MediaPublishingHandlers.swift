import Web

/// `POST /api/sns/instagram/stories`, `/reels` and `/carousels`: each checked field by field (`StoryRequest`,
/// `ReelRequest`, `CarouselRequest`), its media judged from their own bytes where we may fetch them
/// (`MediaInspection`), then stored and published by the same job as a feed photo, with the same states, retry,
/// `Idempotency-Key` and `scheduled_at` (`PublishingHandlers.queue`).
enum MediaPublishingHandlers {
    @Sendable static func story(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let request = try UploadReferences.resolve(request, for: .story, context)
        return try PublishingHandlers.queue(try StoryRequest.parse(request) { try MediaInspection.problems($0, context: context) }, request, context)
    }

    @Sendable static func reel(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let request = try UploadReferences.resolve(request, for: .reel, context)
        return try PublishingHandlers.queue(try ReelRequest.parse(request) { try MediaInspection.problems($0, context: context) }, request, context)
    }

    @Sendable static func carousel(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let request = try UploadReferences.resolve(request, for: .carousel, context)
        return try PublishingHandlers.queue(try CarouselRequest.parse(request) { try MediaInspection.problems($0, context: context) }, request, context)
    }
}
