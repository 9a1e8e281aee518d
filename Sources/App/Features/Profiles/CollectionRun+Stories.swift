import Foundation
import Instagram
import Jobs

extension CollectionRun {
    /// A profile's live stories (or the one story named), with a session: Instagram shows stories to logged-in
    /// accounts only. The profile is found as a whole profile's is (`startingProfile`: renamed since an attempt
    /// before this one, or since a watch's last run, it is followed by the pk kept on the job).
    func stories(_ username: String, storyPK: String?) throws -> CollectionResult {
        progress.phase = "stories"
        let session = try requiredSession("Stories")
        let profile = try startingProfile(username, session: session)
        guard profile.postsVisible else {
            throw CollectionError(.privateProfile, "@\(profile.username) is private and the session's account does not follow it.")
        }
        let client = self.client
        let reel = try client.storyReels(ids: [profile.id], session: session).first
        var stories = reel?.items ?? []
        if let storyPK {
            stories = stories.filter { $0.pk == storyPK }
            guard !stories.isEmpty else {
                throw CollectionError(.storyNotFound, "@\(profile.username) has no live story \(storyPK): stories expire after 24 hours.")
            }
        }
        progress.postsTotal = Int64(stories.count)
        try context.progress(progress)
        var skipped: [CollectionResult.Skipped] = []
        for story in stories {
            do {
                try save(story) { try Self.refetch(story, reel: profile.id, client: client, session: session) }
            } catch let error where !(error is JobInterruption) {
                // A story that ended part-way is passed over (its files may be gone); any other failure stands.
                guard Self.hasEnded(story, reel: profile.id, client: client, session: session) else { throw error }
                context.event("story_expired", "story \(story.shortcode) expired before it was downloaded: skipped")
                skipped.append(.init(shortcode: story.shortcode, reason: "expired"))
                progress.postsSkipped += 1
                try context.progress(progress)
            }
        }
        progress.phase = "done"
        return CollectionResult(kind: "stories", url: target.canonicalURL, username: profile.username, profileID: profile.id,
                                pictureCode: nil, title: nil, stoppedBecause: "end", items: items,
                                skipped: skipped.isEmpty ? nil : skipped)
    }

    /// One highlight's items, with a session.
    func highlight(_ id: String) throws -> CollectionResult {
        progress.phase = "highlight"
        let session = try requiredSession("Highlights")
        let reelID = "highlight:\(id)"
        guard let reel = try client.storyReels(ids: [reelID], session: session).first else {
            throw CollectionError(.highlightNotFound, "Instagram has no highlight \(id), or the session's account may not see it.")
        }
        progress.postsTotal = Int64(reel.items.count)
        try context.progress(progress)
        let client = self.client
        for item in reel.items {
            try save(item) { try Self.refetch(item, reel: reelID, client: client, session: session) }
        }
        progress.phase = "done"
        return CollectionResult(kind: "highlight", url: target.canonicalURL, username: reel.owner.username, profileID: reel.owner.id,
                                pictureCode: nil, title: reel.title, stoppedBecause: "end", items: items)
    }

    /// The named or newest saved session; none → `SESSION_REQUIRED`.
    func requiredSession(_ what: String) throws -> InstagramSession {
        guard let found = try anySession() else {
            throw CollectionError(.sessionRequired,
                                  "\(what) are shown to logged-in accounts only: save an Instagram session first (POST /api/instagram/session).")
        }
        return found.session
    }

    /// Whether a fresh listing of the reel no longer has the story (it expired); false when the listing fails.
    static func hasEnded(_ item: InstagramPost, reel: String, client: InstagramWebClient, session: InstagramSession) -> Bool {
        do {
            _ = try refetch(item, reel: reel, client: client, session: session)
            return false
        } catch let error as CollectionError {
            return error.code == .storyNotFound
        } catch {
            return false
        }
    }

    /// The same item from a fresh listing of its reel (new CDN URLs); gone → `STORY_NOT_FOUND`.
    static func refetch(_ item: InstagramPost, reel: String, client: InstagramWebClient,
                        session: InstagramSession) throws -> InstagramPost {
        let fresh = try client.storyReels(ids: [reel], session: session).first?.items.first { $0.pk == item.pk }
        guard let fresh else { throw CollectionError(.storyNotFound, "The story expired while it was being downloaded.") }
        return fresh
    }
}
