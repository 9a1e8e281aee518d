import Foundation
import Instagram
import Jobs

extension PublishJob {
    /// The media id of a story whose container Meta says is `PUBLISHED`: stories are not in `/media`, so it is found
    /// among the account's live stories (`/stories`) by `PublishedStoryMatch`.
    func publishedStory(_ post: Publication, media: PublishedMedia, access: GraphAccountAccess, account: ConnectedAccount,
                        store: PublicationStore) throws -> String {
        let stories = try access.withToken(account) { (token) throws(GraphAPIError) in
            try access.client.stories(igUserID: account.igUserID, token: token)
        }
        let claimed = try store.recordedMediaIDs(accountID: post.accountID, among: stories.map(\.id), except: post.id)
        let match = PublishedStoryMatch(requestedAt: post.publishRequestedAt ?? post.createdAt, isVideo: media.videoURL != nil)
        if let id = match.match(stories, claimed: claimed) { return id }
        throw JobFailure(code: "PUBLISHED_NOT_FOUND", message: "Meta says the story was published, but it is not among the account's live stories yet",
                         isRetryable: true)
    }
}
