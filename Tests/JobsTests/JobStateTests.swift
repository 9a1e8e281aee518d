import Testing
@testable import Jobs

@Suite struct JobStateTests {
    @Test func queuedJobsStartOrAreCancelled() {
        #expect(JobState.queued.canMove(to: .running))
        #expect(JobState.queued.canMove(to: .cancelled))
        #expect(!JobState.queued.canMove(to: .completed))
    }

    @Test func runningJobsEndOrGoBackToTheQueue() {
        for next in [JobState.queued, .completed, .failed, .cancelled] {
            #expect(JobState.running.canMove(to: next))
        }
    }

    @Test func terminalStatesNeverChange() {
        for state in JobState.allCases where state.isTerminal {
            #expect(!state.isLive)
            for next in JobState.allCases { #expect(!state.canMove(to: next)) }
        }
    }
}

@Suite struct RetryPolicyTests {
    /// Deterministic (SplitMix64 steps): a constant generator would never end `random(in:)`'s rejection loop.
    struct Fixed: RandomNumberGenerator {
        var value: UInt64
        mutating func next() -> UInt64 {
            value &+= 0x9E37_79B9_7F4A_7C15
            var z = value
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    let retryable = JobFailure(code: "UPSTREAM_ERROR", message: "503", isRetryable: true)

    @Test func ceilingDoublesAndIsCapped() {
        let policy = RetryPolicy(baseDelay: 2, maxDelay: 30)
        #expect(policy.ceiling(attempt: 1) == 2)
        #expect(policy.ceiling(attempt: 2) == 4)
        #expect(policy.ceiling(attempt: 4) == 16)
        #expect(policy.ceiling(attempt: 5) == 30)
        #expect(policy.ceiling(attempt: 60) == 30)
    }

    @Test func delayIsJitteredWithinTheCeiling() {
        var random = SystemRandomNumberGenerator()
        let policy = RetryPolicy(baseDelay: 2, maxDelay: 30)
        for _ in 0..<200 {
            guard case .retry(let delay) = policy.decide(attempts: 3, maxAttempts: 5, failure: retryable, random: &random) else {
                Issue.record("expected a retry")
                return
            }
            #expect(delay >= 0 && delay <= 8)
        }
    }

    @Test func retryAfterIsALowerBound() {
        var random = Fixed(value: 0)
        var failure = retryable
        failure.retryAfter = 42
        #expect(RetryPolicy().decide(attempts: 1, maxAttempts: 5, failure: failure, random: &random) == .retry(after: 42))
    }

    @Test func terminalErrorsAndLastAttemptsFail() {
        var random = SystemRandomNumberGenerator()
        let terminal = JobFailure(code: "INVALID_SESSION", message: "logged out", isRetryable: false)
        #expect(RetryPolicy().decide(attempts: 1, maxAttempts: 5, failure: terminal, random: &random) == .fail)
        #expect(RetryPolicy().decide(attempts: 5, maxAttempts: 5, failure: retryable, random: &random) == .fail)
    }
}

@Suite struct JobKindPolicyTests {
    @Test func globalCapCountsEveryOwner() {
        let policy = JobKindPolicy(globalCap: 5, perUserCap: 2)
        #expect(policy.admits(runningOfKind: 4, runningOfOwner: 0, hasOwner: true))
        #expect(!policy.admits(runningOfKind: 5, runningOfOwner: 0, hasOwner: true))
    }

    @Test func perUserCapOnlyForOwnedJobs() {
        let policy = JobKindPolicy(globalCap: 5, perUserCap: 2)
        #expect(!policy.admits(runningOfKind: 2, runningOfOwner: 2, hasOwner: true))
        #expect(policy.admits(runningOfKind: 2, runningOfOwner: 2, hasOwner: false))
    }

    @Test func uncappedKindsAdmitEverything() {
        #expect(!JobKindPolicy().isCapped)
        #expect(JobKindPolicy().admits(runningOfKind: 1_000, runningOfOwner: 1_000, hasOwner: true))
    }
}
