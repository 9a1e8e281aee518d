import Foundation
import Instagram
import Jobs

extension PublishJob {
    /// The media id of a story whose container Meta says is `PUBLISHED`: stories are not in `/media`, so it is found
    /// among the account's live stories (`/stories`) by `PublishedStoryMatch`: exactly, by the live story ids recorded
    /// just before the publish (`liveStoryIDs`), or by its fallback rule when they could not be read (said in the
    /// job's `story_match_fallback` event).
    func publishedStory(_ post: Publication, media: PublishedMedia, access: GraphAccountAccess, account: ConnectedAccount,
                        store: PublicationStore, context: JobContext) throws -> String {
        let stories = try access.withToken(account) { (token) throws(GraphAPIError) in
            try access.client.stories(igUserID: account.igUserID, token: token)
        }
        let claimed = try store.recordedMediaIDs(accountID: post.accountID, among: stories.map(\.id), except: post.id)
        let before = try store.storiesBefore(post.id)
        if before == nil {
            context.event("story_match_fallback", "the live stories were not read before the publish: the newest unclaimed story since it is taken")
        }
        let match = PublishedStoryMatch(requestedAt: post.publishRequestedAt ?? post.createdAt, isVideo: media.videoURL != nil, before: before)
        if let id = match.match(stories, claimed: claimed) { return id }
        throw JobFailure(code: "PUBLISHED_NOT_FOUND", message: "Meta says the story was published, but it is not among the account's live stories yet",
                         isRetryable: true)
    }

    /// Takes the account's story lock (`PublicationStore.lockStoryPublishing`), waiting at most `storyLockWait`;
    /// the Instagram user id it is held for. When another story's publish held it all that time, the job is put back,
    /// due `storyLockRetry` seconds later without charging the attempt (`JobInterruption.postponed`): a worker slot
    /// never waits longer than that.
    func holdStoryLock(_ account: ConnectedAccount, store: PublicationStore) throws -> String {
        guard try store.lockStoryPublishing(igUserID: account.igUserID, timeout: PublishJob.storyLockWait) else {
            throw JobInterruption.postponed(seconds: PublishJob.storyLockRetry,
                                            reason: "another story of the account is being published; tried again in a few seconds")
        }
        return account.igUserID
    }

    /// The account's live story ids, read just before a story's `media_publish` so a lost answer is recovered
    /// exactly; nil when they cannot be read (the publish goes on: the recovery then uses the fallback rule).
    func liveStoryIDs(access: GraphAccountAccess, account: ConnectedAccount, context: JobContext) -> [String]? {
        do {
            return try access.withToken(account) { (token) throws(GraphAPIError) in
                try access.client.stories(igUserID: account.igUserID, token: token)
            }.map(\.id)
        } catch {
            context.logger.warning("live stories not read before the publish", metadata: [.error: "\(error)"])
            return nil
        }
    }
}
