import Synchronization

/// Holds the armed faults and decides, deterministically, which fire for each request.
///
/// Rules are consulted in the order they were added; a `count` rule fires for the next N matching
/// requests, a `probability` rule draws from its own generator seeded with `seed` (default: the rule id),
/// so the same sequence of requests meets the same faults on every run.
public final class FaultInjector: Sendable {
    struct State {
        var rules: [FaultRule] = []
        var generators: [Int: SeededRandom] = [:]
        var nextID = 1
    }

    private let state = Mutex(State())
    /// How many rules are armed, read without the lock on every request.
    private let armed = Atomic<Int>(0)

    /// True when no rule is armed (the common case: no lock taken).
    public var isEmpty: Bool { armed.load(ordering: .relaxed) == 0 }

    public init() {}

    /// Arms a rule (its `id` and `fired` are assigned here) and returns it.
    @discardableResult
    public func add(_ rule: FaultRule) -> FaultRule {
        state.withLock { state in
            var rule = rule
            rule.id = state.nextID
            rule.fired = 0
            state.nextID += 1
            state.generators[rule.id] = SeededRandom(seed: rule.seed ?? UInt64(rule.id))
            state.rules.append(rule)
            armed.store(state.rules.count, ordering: .relaxed)
            return rule
        }
    }

    public var rules: [FaultRule] { state.withLock { $0.rules } }

    /// Disarms one rule; false when there is none with that id.
    public func remove(id: Int) -> Bool {
        state.withLock { state in
            guard let index = state.rules.firstIndex(where: { $0.id == id }) else { return false }
            state.rules.remove(at: index)
            armed.store(state.rules.count, ordering: .relaxed)
            return true
        }
    }

    /// Disarms everything.
    public func clear() {
        state.withLock { state in
            state.rules.removeAll()
            state.generators.removeAll()
            armed.store(0, ordering: .relaxed)
        }
    }

    /// The faults that fire for this request (at most one of each kind), consuming counts and draws;
    /// `session` is the request's decoded `sessionid` cookie (rules naming a session match only it).
    public func draw(method: String, path: String, session: String? = nil) -> [FaultRule] {
        state.withLock { state in
            guard !state.rules.isEmpty else { return [] }
            var fired: [FaultRule] = []
            var index = 0
            while index < state.rules.count {
                var rule = state.rules[index]
                guard rule.matches(method: method, path: path, session: session), !fired.contains(where: { $0.kind == rule.kind }) else {
                    index += 1
                    continue
                }
                var fires = true
                if let probability = rule.probability {
                    fires = state.generators[rule.id, default: SeededRandom(seed: UInt64(rule.id))].nextUnit() < probability
                }
                if fires {
                    rule.fired += 1
                    if let count = rule.count { rule.count = count - 1 }
                    fired.append(rule)
                }
                if rule.count == 0 {
                    state.rules.remove(at: index)
                } else {
                    state.rules[index] = rule
                    index += 1
                }
            }
            armed.store(state.rules.count, ordering: .relaxed)
            return fired
        }
    }
}
