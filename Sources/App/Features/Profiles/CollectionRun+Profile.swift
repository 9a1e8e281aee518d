import DownloadEngine
import Foundation
import HTTPClient
import Instagram

extension CollectionRun {
    /// A whole profile: its metadata and picture, then its posts newest first, as far as the filters allow or,
    /// on a re-run without filters, down to the newest post the last complete run stored (incremental).
    func profile(_ username: String) throws -> CollectionResult {
        progress.phase = "profile"
        var session = try namedSession()
        var profile = try startingProfile(username, session: session)
        if !profile.postsVisible, session == nil, let saved = try anySession() {
            session = saved.session
            profile = try client.fetchProfile(username: profile.username, session: session)
        }
        guard profile.postsVisible else {
            throw CollectionError(.privateProfile, session == nil
                ? "@\(profile.username) is private: save an Instagram session of an account that follows it (POST /api/instagram/session)."
                : "@\(profile.username) is private and the session's account does not follow it.")
        }
        let previous = try store.profile(userID: arguments.userID, pk: profile.id)
        progress.postsTotal = profile.mediaCount
        let picturePath = try savePicture(profile, previous: previous)
        progress.phase = "posts"
        try context.progress(progress)
        let watermark = arguments.isFiltered ? nil : previous?.newestTakenAt
        let stopped = try walkPosts(profile, session: session, watermark: watermark)
        let complete = !arguments.isFiltered && (stopped == "end" || stopped == "up_to_date")
        let newest = items.map(\.takenAt).max()
        try store.saveProfile(userID: arguments.userID, profile: profile, pictureCode: picturePath == nil ? nil : profile.pictureCode,
                              picturePath: picturePath, newestTakenAt: complete ? newest : nil)
        progress.phase = "done"
        return CollectionResult(kind: "profile", url: target.canonicalURL, username: profile.username, profileID: profile.id,
                                pictureCode: profile.pictureCode, title: nil, stoppedBecause: stopped, items: items)
    }

    /// Pages through the posts, each page's chosen posts one batch, in a two-stage pipeline: while the staging threads
    /// download a batch, the job thread starts the next page's batch behind it (`begin`) and publishes the batch before
    /// (`finish`), the page after it asked meanwhile (`PostsPageAhead`, when it goes unpaced): at most two batches in
    /// flight, their locks held, and one page. The reason it stopped.
    private func walkPosts(_ profile: InstagramProfile, session first: InstagramSession?, watermark: Date?) throws -> String {
        let stager = CollectionStager(settings: settings, clients: services.instagram, logger: context.logger)
        let ahead = PostsPageAhead(clients: services.instagram, logger: context.logger)
        self.stager = stager
        defer {
            abandonInFlight() // an error or an interruption: nothing of the batch in flight is published
            stager.close()
            ahead.close()
            self.stager = nil
            context.logger.info("collection posts walked", metadata: [.phases: "\(timings)"])
        }
        var cursor: String?
        var session = first
        var username = profile.username
        repeat {
            // Renamed part-way: it goes on under the new name from the same cursor; deleted: it stops, saying so.
            let page = try nextPage(&username, id: profile.id, after: cursor, session: &session, ahead: ahead)
            let (chosen, stopped) = try choose(page, watermark: watermark)
            if stopped == nil, let next = page.nextCursor, PostsPageAhead.mayAsk(with: session, pacing: settings.sessionPacing) {
                ahead.ask(PostsPageAhead.Key(username: username, cursor: next, session: session))
            }
            let (client, current) = (self.client, session)
            let next = try begin(chosen) { post in try client.fetchPost(PostURL(code: post.shortcode), session: current) }
            let previous = inFlight
            inFlight = next
            if let previous { try finish(previous) } // published while `next` downloads
            if let stopped {
                try settleInFlight()
                return stopped
            }
            cursor = page.nextCursor
        } while cursor != nil
        try settleInFlight()
        return "end"
    }

    /// The next page of posts (`pageFollowingRenames`); when it fails, the batch in flight is finished first, as the
    /// pages before the failing one would have been one at a time.
    private func nextPage(_ username: inout String, id: String, after cursor: String?, session: inout InstagramSession?,
                          ahead: PostsPageAhead) throws -> ProfileFeedPage {
        let started = ContinuousClock.now
        defer { timings.pages += .now - started }
        do {
            let asked = cursor.flatMap { ahead.take(PostsPageAhead.Key(username: username, cursor: $0, session: session)) }
            return try pageFollowingRenames(&username, id: id, after: cursor, session: &session, asked: asked)
        } catch {
            try settleInFlight()
            throw error
        }
    }

    /// The page's posts to save (by the filters, the watermark and `max_posts`), and the reason to stop after
    /// them, nil to go on to the next page.
    private func choose(_ page: ProfileFeedPage, watermark: Date?) throws -> ([InstagramPost], String?) {
        var chosen: [InstagramPost] = []
        for post in page.posts where !walked.contains(post.shortcode) { // listed before (the posts shifted): done once
            walked.insert(post.shortcode)
            // A pinned post is old but shown first: it never ends the walk (it is downloaded or skipped by date).
            let pinned = page.pinned.contains(post.shortcode)
            let tooNew = arguments.until.map { post.takenAt > $0 } ?? false
            let tooOld = arguments.since.map { post.takenAt < $0 } ?? false
            if tooOld, !pinned { return (chosen, "since") }
            if tooNew || tooOld {
                progress.postsSkipped += 1
                continue
            }
            if let watermark, !pinned, post.takenAt <= watermark,
               try store.hasCompleted(userID: arguments.userID, shortcode: post.shortcode) { return (chosen, "up_to_date") }
            if let max = arguments.maxPosts, items.count + (inFlight?.posts.count ?? 0) + chosen.count >= max { return (chosen, "max_posts") }
            chosen.append(post)
        }
        return (chosen, nil)
    }

    /// One page of posts (`asked`: its answer, when it was asked ahead); past a login wall (anonymous calls refused
    /// part-way), again with the caller's saved session, which then stays in use; without one, `LOGIN_REQUIRED` saying
    /// what to do.
    func page(_ username: String, after cursor: String?, session: inout InstagramSession?,
              asked: Result<ProfileFeedPage, InstagramError>? = nil) throws -> ProfileFeedPage {
        do {
            if let asked { return try asked.get() }
            return try client.profilePostsPage(username: username, after: cursor, session: session)
        } catch {
            guard error.code == .loginRequired, session == nil else { throw error }
            try settleInFlight() // the posts done, in the message, include the batch in flight
            guard let saved = try anySession() else {
                throw CollectionError(.loginRequired, "Instagram wants a login to list more posts of @\(username): save an Instagram "
                                      + "session (POST /api/instagram/session) and run again; the \(items.count) posts done stay downloaded.")
            }
            context.event("login_wall", "continuing with the saved session @\(saved.username)")
            session = saved.session
            return try client.profilePostsPage(username: username, after: cursor, session: session)
        }
    }

    /// The profile picture in full size (fetched again only when Instagram serves another file) and the
    /// profile's metadata JSON beside it; the picture's CDN path, nil when the profile has none.
    private func savePicture(_ profile: InstagramProfile, previous: ProfileStore.ProfileRecord?) throws -> String? {
        guard let code = profile.pictureCode, let post = profile.picturePost(downloadedAt: Date()) else { return nil }
        let path = URLParts(post.items[0].imageURL)?.pathAndQuery.split(separator: "?").first.map(String.init)
        let changed = previous?.picturePath != path
        let outcome = try coordinator.withLock(code) { () throws -> DownloadMetadata in
            let storage = DownloadStorage(settings: settings)
            if !changed, let stored = storage.stored(shortcode: code, item: nil) { return stored }
            _ = try? storage.removePost(code) // the old picture goes: one picture per profile, no duplicates
            return try downloader.download(fetched: post)
        }
        try downloads.complete(userID: arguments.userID, metadata: outcome)
        try coordinator.withLock(code) { try writeProfileJSON(profile, code: code) }
        return path
    }

    /// `{code}_profile.json` in the picture's directory (temporary file, then rename).
    private func writeProfileJSON(_ profile: InstagramProfile, code: String) throws {
        let directory = settings.postDirectory(code)
        let data = try DownloadMetadata.encoder().encode(profile)
        let temp = "\(directory)/.\(code)_profile.json.tmp"
        guard FileManager.default.createFile(atPath: temp, contents: data), rename(temp, "\(directory)/\(Self.profileFileName(code))") == 0 else {
            throw DownloadError(.storage, "cannot write the profile metadata file")
        }
    }

    /// The profile metadata file's name.
    static func profileFileName(_ code: String) -> String { "\(code)_profile.json" }
}
