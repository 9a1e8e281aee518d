/// Settings of profile, stories and highlight downloads and their watches (issue 16), from `INSTAGATE_*` variables.
public struct ProfileSettings: Sendable, Equatable {
    /// The shortest `every` a watch may ask for, in seconds (`INSTAGATE_WATCH_MIN_INTERVAL`, default 900).
    public var watchMinInterval: Int

    public init(watchMinInterval: Int = 900) {
        self.watchMinInterval = watchMinInterval
    }

    init(reading env: inout EnvironmentReader) {
        self.init()
        watchMinInterval = env.integer("INSTAGATE_WATCH_MIN_INTERVAL", default: watchMinInterval, in: 1...86_400)
    }
}
