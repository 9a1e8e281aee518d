import DownloadEngine
import Foundation
import Instagram
import Logging
import Postgres

/// `instagate download` of a profile, stories or highlight URL: the same listing and files as the collection job,
/// without the server or the database's rows, into `directory/{shortcode}/` (a post already there is kept).
public enum LocalCollectionDownload {
    /// The collection `url` names; nil for a post URL (then `LocalDownload` runs).
    public static func target(_ url: String) throws -> CollectionURL? {
        try CollectionURLParser(field: "URL").parse(url)
    }

    /// Downloads every item; `progress` gets the items and bytes done after each one, `file` every finished file.
    /// Returns the items' metadata, newest post (or oldest story) first.
    public static func run(_ target: CollectionURL, directory: String, session username: String?, maxPosts: Int?,
                           configuration: AppConfiguration, logger: Logger, progress: @escaping (Int, Int64) -> Void,
                           file: @escaping (DownloadedFile) -> Void = { _ in }) throws -> [DownloadMetadata] {
        var settings = configuration.downloads
        settings.directory = directory
        let services = AppServices(configuration: configuration, logger: logger)
        var session: InstagramSession?
        var pacer: SessionPacer?
        if let username {
            let db = try PostgresConnection(conninfo: configuration.databaseURL)
            session = try LocalDownload.savedSession(username, db: db, box: try services.secretBox())
            pacer = SessionPacer(db: db, interval: settings.sessionPacing)
        }
        let client = services.instagram.api(logger: logger, pacer: pacer)
        let downloader = PostDownloader(settings: settings, instagram: client, cdn: services.instagram.files(), logger: logger)
        downloader.onFile = file
        var done: [DownloadMetadata] = []
        func save(_ post: InstagramPost) throws {
            let stored = DownloadStorage(settings: settings).stored(shortcode: post.shortcode, item: nil)
            done.append(try stored ?? downloader.download(fetched: post))
            progress(done.count, done.reduce(Int64(0)) { $0 + $1.files.reduce(0) { $0 + $1.size } })
        }
        switch target {
        case .profile(let name):
            let profile = try client.fetchProfile(username: name, session: session)
            guard profile.postsVisible else {
                throw CollectionError(.privateProfile, "@\(profile.username) is private: name a saved session of an account that follows it (--session).")
            }
            if let picture = profile.picturePost(downloadedAt: Date()) { try save(picture) }
            var cursor: String?
            var posts = 0
            pages: repeat {
                let page = try client.profilePostsPage(username: profile.username, after: cursor, session: session)
                for post in page.posts {
                    if let maxPosts, posts >= maxPosts { break pages }
                    try save(post)
                    posts += 1
                }
                cursor = page.nextCursor
            } while cursor != nil
        case .stories(let name, let storyPK):
            guard let session else { throw CollectionError(.sessionRequired, "Stories need a logged-in session: --session USERNAME.") }
            let profile = try client.fetchProfile(username: name, session: session)
            let items = try client.storyReels(ids: [profile.id], session: session).first?.items ?? []
            for story in items where storyPK == nil || story.pk == storyPK { try save(story) }
        case .highlight(let id):
            guard let session else { throw CollectionError(.sessionRequired, "Highlights need a logged-in session: --session USERNAME.") }
            guard let reel = try client.storyReels(ids: ["highlight:\(id)"], session: session).first else {
                throw CollectionError(.highlightNotFound, "Instagram has no highlight \(id), or the session may not see it.")
            }
            for item in reel.items { try save(item) }
        }
        return done
    }
}
