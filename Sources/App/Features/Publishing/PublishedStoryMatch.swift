import Foundation
import Instagram

/// Which live story is the one a lost `media_publish` made (a story is never in `/media`, and has no caption to
/// find it by).
///
/// **Exact**, when the account's live story ids were read just before the publish (`before`): the story not among
/// them, of the post's kind (photo or video), that no other post of ours recorded; of several such (someone else
/// posted one on the account between our publish and its recovery), the first posted, since ours was published
/// right after the list was read.
///
/// **The fallback**, when that list could not be read: among the account's stories of the post's kind posted no
/// earlier than the publish was asked for (less `skew`, for the clocks of instagate and Meta) that no other post of
/// ours recorded, the newest. Newest, not nearest to the time asked: that compares Meta's clock with ours, and a few
/// seconds between them (or the sandbox's clock, moved by tests) would take an older story of the account, posted
/// from the app minutes before, for ours. A story posted by someone else between our publish and its recovery
/// (seconds) would be taken for ours here: the job records the `story_match_fallback` event when it uses this rule.
struct PublishedStoryMatch {
    /// When the publish was asked for.
    var requestedAt: Date
    var isVideo: Bool
    /// The account's live story ids read just before the publish; nil when they could not be read.
    var before: Set<String>? = nil
    /// Seconds Meta's clock may be behind ours.
    var skew: TimeInterval = 600

    /// The story's media id among `stories`, `claimed` being the media ids other posts recorded; nil when none fits.
    func match(_ stories: [GraphMedia], claimed: Set<String>) -> String? {
        if let before { return PublishedStoryMatch.firstNew(stories, before: before, claimed: claimed, isVideo: isVideo) }
        let candidates = stories.compactMap { story -> (id: String, posted: Date)? in
            guard !claimed.contains(story.id), (story.mediaType == "VIDEO") == isVideo,
                  let posted = story.timestamp.flatMap(PublishedStoryMatch.date), posted >= requestedAt.addingTimeInterval(-skew) else { return nil }
            return (story.id, posted)
        }
        // Ties (the same second): the later in Meta's list, which is oldest first (`max` keeps the first of equals).
        return candidates.reversed().max { $0.posted < $1.posted }?.id
    }

    /// The first posted of the stories of the kind that are not in `before` nor `claimed` (ties, or no timestamp:
    /// the earlier in Meta's list, which is oldest first).
    static func firstNew(_ stories: [GraphMedia], before: Set<String>, claimed: Set<String>, isVideo: Bool) -> String? {
        let candidates = stories.enumerated().compactMap { index, story -> (id: String, posted: Date, index: Int)? in
            guard !before.contains(story.id), !claimed.contains(story.id), (story.mediaType == "VIDEO") == isVideo else { return nil }
            return (story.id, story.timestamp.flatMap(PublishedStoryMatch.date) ?? .distantFuture, index)
        }
        return candidates.min { ($0.posted, $0.index) < ($1.posted, $1.index) }?.id
    }

    /// Meta's `2026-05-04T09:12:33+0000`.
    static func date(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ssZ"
        return formatter.date(from: text)
    }
}
