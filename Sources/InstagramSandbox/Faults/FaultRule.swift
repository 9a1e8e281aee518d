import Web

/// One armed fault: what to do, to which paths, how often.
public struct FaultRule: Codable, Sendable, Equatable {
    /// What the fault does.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Sleep `latency_ms` before answering (then answer normally).
        case latency
        /// Answer `status` (5xx, or 429 with Instagram's "Please wait" body) instead.
        case status
        /// Close the connection without an answer (nginx `return 444`).
        case reset
        /// Send only `fraction` of the body while declaring the full `Content-Length`.
        case truncate
        /// Limit the transfer to `bytes_per_second` (nginx `X-Accel-Limit-Rate`).
        case slow
        /// Declare a `Content-Length` off by `delta` bytes.
        case wrongLength = "wrong_length"
        /// Answer 200 with `body` instead (default: an HTML page, not JSON): garbage or a wrong-shaped JSON.
        case garbage
        /// Refuse as Instagram does (`message`: `feedback_required` (default, for the path's action type),
        /// `checkpoint_required`, `challenge_required`, `login_required`, `please_wait`, `comments_disabled`): one
        /// action type, one path.
        case refusal
    }

    public var id: Int
    public var kind: Kind
    /// Path pattern: `*` matches any run of characters; without `*` it is a prefix. Empty matches everything.
    public var path: String
    /// Only this method (`GET`, `POST`, ...), any when nil.
    public var method: String?
    /// Fire for the next N matching requests; nil with a probability means unlimited.
    public var count: Int?
    /// Fire with this probability (0...1) from the rule's seeded generator.
    public var probability: Double?
    public var seed: UInt64?
    public var status: Int?
    public var latencyMs: Int?
    public var bytesPerSecond: Int?
    public var fraction: Double?
    public var delta: Int?
    /// How many times it fired.
    public var fired: Int
    /// The body a `garbage` fault answers (JSON when it starts with `{` or `[`).
    public var body: String? = nil
    /// Which refusal a `refusal` fault answers.
    public var message: String? = nil
    /// A `latency` fault that sleeps after the request was handled (the work is done, the answer comes late:
    /// a client timing out never learns it succeeded); a `status` or `reset` fault that replaces the answer of a
    /// call that was done (the answer is lost). Graph calls only.
    public var after: Bool? = nil
    /// Only requests presenting this session (its `sessionid` cookie, given as sent or percent-decoded, kept
    /// decoded): a test's fault meets only its own session's calls, whatever else reads the same account at the time.
    public var session: String? = nil

    enum CodingKeys: String, CodingKey {
        case id, kind, path, method, count, probability, seed, status, fired, fraction, delta, body, message, after, session
        case latencyMs = "latency_ms"
        case bytesPerSecond = "bytes_per_second"
    }

    /// Whether the rule applies to a method and path, from a request presenting `session` (the decoded
    /// `sessionid` cookie, nil for none).
    public func matches(method: String, path: String, session: String? = nil) -> Bool {
        if let only = self.method, only.uppercased() != method { return false }
        if let only = self.session, only != session { return false }
        return FaultRule.glob(self.path, path)
    }

    /// `*` wildcard match; a pattern without `*` matches as a prefix.
    static func glob(_ pattern: String, _ text: String) -> Bool {
        guard pattern.contains("*") else { return text.hasPrefix(pattern) }
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        var rest = Substring(text)
        for (index, part) in parts.enumerated() {
            if index == 0 {
                guard rest.hasPrefix(part) else { return false }
                rest = rest.dropFirst(part.count)
            } else if index == parts.count - 1 {
                return part.isEmpty || rest.hasSuffix(part)
            } else if let range = rest.range(of: part) {
                rest = rest[range.upperBound...]
            } else {
                return false
            }
        }
        return rest.isEmpty
    }
}

extension FaultRule {
    /// Decodes an admin request body: only `kind` is required; `id` and `fired` are assigned by the injector.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decodeIfPresent(Int.self, forKey: .id) ?? 0
        kind = try c.decode(Kind.self, forKey: .kind)
        path = try c.decodeIfPresent(String.self, forKey: .path) ?? ""
        method = try c.decodeIfPresent(String.self, forKey: .method)
        count = try c.decodeIfPresent(Int.self, forKey: .count)
        probability = try c.decodeIfPresent(Double.self, forKey: .probability)
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed)
        status = try c.decodeIfPresent(Int.self, forKey: .status)
        latencyMs = try c.decodeIfPresent(Int.self, forKey: .latencyMs)
        bytesPerSecond = try c.decodeIfPresent(Int.self, forKey: .bytesPerSecond)
        fraction = try c.decodeIfPresent(Double.self, forKey: .fraction)
        delta = try c.decodeIfPresent(Int.self, forKey: .delta)
        fired = try c.decodeIfPresent(Int.self, forKey: .fired) ?? 0
        body = try c.decodeIfPresent(String.self, forKey: .body)
        message = try c.decodeIfPresent(String.self, forKey: .message)
        after = try c.decodeIfPresent(Bool.self, forKey: .after)
        session = try c.decodeIfPresent(String.self, forKey: .session).map { PercentDecoding.decode(Substring($0)) ?? $0 }
        if count == nil && probability == nil { count = 1 }
    }
}
