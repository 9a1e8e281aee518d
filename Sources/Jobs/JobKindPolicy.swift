/// Limits for one kind of job: how many may run at once across all workers, and per API user.
public struct JobKindPolicy: Sendable, Equatable {
    /// Jobs of this kind running at once, all workers together (nil: no cap).
    public var globalCap: Int?
    /// Jobs of this kind running at once for one owner (nil: no cap).
    public var perUserCap: Int?
    /// A short job due at a time (a post published at its minute): a worker runs one slot more than its concurrency
    /// for such kinds only, so that they never wait behind long jobs (a 100k-follower analysis, a whole profile).
    public var isPrompt: Bool

    public init(globalCap: Int? = nil, perUserCap: Int? = nil, prompt: Bool = false) {
        self.globalCap = globalCap
        self.perUserCap = perUserCap
        self.isPrompt = prompt
    }

    /// Whether the kind needs the serialised (capped) claim.
    public var isCapped: Bool { globalCap != nil || perUserCap != nil }

    /// Whether one more job of an owner may start, given what runs now. Pure; the claim query applies
    /// the same rule under an advisory lock so it holds across workers.
    public func admits(runningOfKind: Int, runningOfOwner: Int, hasOwner: Bool) -> Bool {
        if let globalCap, runningOfKind >= globalCap { return false }
        if hasOwner, let perUserCap, runningOfOwner >= perUserCap { return false }
        return true
    }
}
