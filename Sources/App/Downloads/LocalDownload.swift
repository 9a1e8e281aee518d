import Foundation
import HTTPClient
import Instagram
import Logging
import Postgres

/// `instagate download`: the same download as `POST /api/download`, without the server, into a directory.
public enum LocalDownload {
    /// Downloads `url` into `directory/{shortcode}/`; `session` names a saved Instagram session (newest of that
    /// username in the database) to use when the post needs a login.
    public static func run(url: String, directory: String, session username: String?, configuration: AppConfiguration,
                           logger: Logger, progress: @escaping (Int64) -> Void) throws -> DownloadMetadata {
        let post = try PostURLParser(field: "URL").parse(url)
        var settings = configuration.downloads
        settings.directory = directory
        let instagramSettings = InstagramClientConfiguration(webBaseURL: configuration.instagramWebURL,
                                                             apiBaseURL: configuration.instagramAPIURL)
        let client = InstagramClients.make(instagramSettings, logger: logger)
        let cdn = HTTPClient(configuration: HTTPClientConfiguration(allowedHosts: HostAllowList(
            [configuration.instagramWebURL, configuration.instagramAPIURL].compactMap { URLParts($0)?.hostAndPort }
                + configuration.instagramCDNHosts.patterns)))
        let downloader = PostDownloader(settings: settings, instagram: client, cdn: cdn, logger: logger)
        downloader.onProgress = progress
        let session = try username.map { try savedSession($0, configuration: configuration) }
        return try downloader.download(post, session: session, selectItem: false)
    }

    static func savedSession(_ username: String, configuration: AppConfiguration) throws -> InstagramSession {
        let db = try PostgresConnection(conninfo: configuration.databaseURL)
        let box = try SecretBox(keyFile: configuration.secretKeyFile)
        let owner = try db.query("""
            SELECT user_id FROM instagram_sessions WHERE lower(username) = lower(\(username)) ORDER BY updated_at DESC LIMIT 1
            """).first
        guard let userID: Int64 = try owner?.decode("user_id"),
              let found = try InstagramSessionStore(db: db, box: box).load(userID: userID, username: username) else {
            throw DownloadError(.configuration, "no saved Instagram session for @\(username) (save one with POST /api/instagram/session)")
        }
        return found.session
    }
}
