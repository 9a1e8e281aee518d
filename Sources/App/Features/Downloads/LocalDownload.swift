import DownloadEngine
import Foundation
import HTTPClient
import Instagram
import Logging
import Postgres

/// `instagate download`: the same download as `POST /api/download`, without the server, into a directory.
public enum LocalDownload {
    /// Downloads `url` into `directory/{shortcode}/`; `session` names a saved Instagram session (newest of that
    /// username in the database) to use when the post needs a login; its calls are paced with the servers'
    /// (`SessionPacer`, through the same database). `progress` gets the bytes so far, `file` each finished file.
    public static func run(url: String, directory: String, session username: String?, configuration: AppConfiguration,
                           logger: Logger, progress: @escaping (Int64) -> Void,
                           file: @escaping (DownloadedFile) -> Void = { _ in }) throws -> DownloadMetadata {
        let post = try PostURLParser(field: "URL").parse(url)
        var settings = configuration.downloads
        settings.directory = directory
        let services = AppServices(configuration: configuration, logger: logger)
        var session: InstagramSession?
        var pacer: SessionPacer?
        if let username {
            let db = try PostgresConnection(conninfo: configuration.databaseURL)
            session = try savedSession(username, db: db, box: try services.secretBox())
            pacer = SessionPacer(db: db, interval: settings.sessionPacing)
        }
        let client = services.instagram.api(logger: logger, pacer: pacer)
        let downloader = PostDownloader(settings: settings, instagram: client, cdn: services.instagram.files(), logger: logger)
        downloader.onProgress = progress
        downloader.onFile = file
        downloader.resumesLeftovers = false // no post lock here: another run may be writing the partial directory
        return try downloader.download(post, session: session, selectItem: false)
    }

    static func savedSession(_ username: String, db: PostgresConnection, box: SecretBox) throws -> InstagramSession {
        let store = InstagramSessionStore(db: db, box: box)
        guard let userID = try store.newestOwner(of: username), let found = try store.load(userID: userID, username: username) else {
            throw DownloadError(.configuration, "no saved Instagram session for @\(username) (save one with POST /api/instagram/session)")
        }
        return found.session
    }
}
