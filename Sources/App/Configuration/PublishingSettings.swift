/// The publishing job's limits and the uploads' lifetimes (issue 14).
public struct PublishingSettings: Sendable {
    /// Seconds a container may stay `IN_PROGRESS` before the post fails `CONTAINER_STUCK`
    /// (`INSTAGATE_PUBLISH_CONTAINER_TIMEOUT`, default 300: Meta advises to stop polling after 5 minutes).
    public var containerTimeout: Double
    /// Seconds an upload is kept after it was made (`INSTAGATE_UPLOAD_TTL`, default 86400), and past the
    /// `scheduled_at` of a post that names it.
    public var uploadLifetime: Double
    /// Seconds a link the publishing job signs for Meta to fetch an upload is valid (`INSTAGATE_UPLOAD_LINK_TTL`,
    /// default 3600: the container is made and processed within it).
    public var uploadLinkLifetime: Double
    /// Seconds between runs of the `upload_cleanup` job (`INSTAGATE_UPLOAD_CLEANUP_INTERVAL`, default 600), which
    /// removes expired uploads' rows and files, never one a post that has not ended still names.
    public var uploadCleanupInterval: Double

    public init() {
        containerTimeout = 300
        uploadLifetime = 86_400
        uploadLinkLifetime = 3600
        uploadCleanupInterval = 600
    }

    init(reading env: inout EnvironmentReader) {
        self.init()
        containerTimeout = env.number("INSTAGATE_PUBLISH_CONTAINER_TIMEOUT", default: containerTimeout, in: 1...86_400)
        uploadLifetime = env.number("INSTAGATE_UPLOAD_TTL", default: uploadLifetime, in: 60...(30 * 86_400))
        uploadLinkLifetime = env.number("INSTAGATE_UPLOAD_LINK_TTL", default: uploadLinkLifetime, in: 60...86_400)
        uploadCleanupInterval = env.number("INSTAGATE_UPLOAD_CLEANUP_INTERVAL", default: uploadCleanupInterval, in: 1...86_400)
    }
}
