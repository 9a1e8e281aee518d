/// How much of the responder a slow Instagram (or Meta) can take: the calls a waiting client makes share a
/// bounded number of threads and a total deadline, so `/health` and everyone else's requests keep answering.
public struct UpstreamSettings: Sendable {
    /// Responder threads that may wait on an upstream at once (`INSTAGATE_UPSTREAM_THREADS`, default half the
    /// threads, at least 1); always at least one thread fewer than the responder has, when it has two or more.
    public var threads: Int
    /// Seconds a responder thread waits for all of one request's upstream calls together, retries included
    /// (`INSTAGATE_UPSTREAM_DEADLINE`, default 20: well under nginx's `fastcgi_read_timeout` of 60 s).
    public var deadline: Double

    public static let defaultDeadline = 20.0

    public init(environment env: [String: String], responderThreads: Int) {
        let ceiling = responderThreads > 1 ? responderThreads - 1 : 1
        let wanted = env["INSTAGATE_UPSTREAM_THREADS"].flatMap(Int.init).filter { $0 > 0 } ?? max(1, responderThreads / 2)
        threads = min(wanted, ceiling)
        deadline = env["INSTAGATE_UPSTREAM_DEADLINE"].flatMap(Double.init).filter { $0 >= 1 && $0 <= 50 } ?? Self.defaultDeadline
    }
}
