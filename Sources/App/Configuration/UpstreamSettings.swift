/// How much of the responder a slow Instagram (or Meta) can take: the calls a waiting client makes share a
/// bounded number of threads and a total deadline, so `/health` and everyone else's requests keep answering.
public struct UpstreamSettings: Sendable {
    /// Responder threads that may wait on an upstream at once (`INSTAGATE_UPSTREAM_THREADS`, default half the
    /// threads, at least 1); always at least one thread fewer than the responder has, when it has two or more.
    public var threads: Int
    /// Seconds a responder thread waits for all of one request's upstream calls together, retries and pacing
    /// included (`INSTAGATE_UPSTREAM_DEADLINE`, 1 to 50, default 20: well under nginx's `fastcgi_read_timeout` of 60 s).
    public var deadline: Double

    public init(threads: Int, deadline: Double = 20) {
        self.threads = max(1, threads)
        self.deadline = deadline
    }

    init(reading env: inout EnvironmentReader, responderThreads: Int) {
        let defaults = UpstreamSettings(threads: max(1, responderThreads / 2))
        let wanted = env.integer("INSTAGATE_UPSTREAM_THREADS", default: defaults.threads, in: 1...1024)
        self.init(threads: min(wanted, responderThreads > 1 ? responderThreads - 1 : 1),
                  deadline: env.number("INSTAGATE_UPSTREAM_DEADLINE", default: defaults.deadline, in: 1...50))
    }
}
