import Foundation

extension DownloadSettings {
    /// The settings from `INSTAGATE_*` variables, with `home` as the data directory; the defaults are those of
    /// `init(directory:secureLinkSecretFile:)`.
    init(reading env: inout EnvironmentReader, home: String, absolute: (String) -> String) {
        self.init(directory: (home as NSString).appendingPathComponent("downloads"),
                  secureLinkSecretFile: absolute(env.string("INSTAGATE_SECURE_LINK_SECRET_FILE") ?? "\(home)/secure-link.secret"))
        linkLifetime = env.integer("INSTAGATE_DOWNLOAD_LINK_TTL", default: linkLifetime, in: 1...Int.max)
        retention = env.integer("INSTAGATE_DOWNLOAD_RETENTION", default: retention, in: 1...Int.max)
        dailyQuota = env.integer("INSTAGATE_DOWNLOAD_DAILY_QUOTA", default: dailyQuota, in: 1...Int.max)
        maxFileBytes = env.integer("INSTAGATE_DOWNLOAD_MAX_FILE_BYTES", default: maxFileBytes, in: 1...Int64.max)
        sessionPacing = env.number("INSTAGATE_SESSION_PACING", default: sessionPacing, in: 0...3600)
        asyncThresholdBytes = env.integer("INSTAGATE_DOWNLOAD_ASYNC_BYTES", default: asyncThresholdBytes, in: 0...Int64.max)
        syncDeadline = env.number("INSTAGATE_DOWNLOAD_SYNC_DEADLINE", default: syncDeadline, in: 0.001...3600)
    }
}
