import Foundation
import Synchronization
import Testing

/// The gates of the tests that need the stack (every test target uses them): each names the environment variables `deploy/test` sets for it. A test
/// whose variables are missing is skipped with a comment naming them, and the first such skip of a run says so
/// loudly on stderr (a plain `swift test` runs the unit tests only). `deploy/test` fails a run that skips
/// anything, so a gate can never turn into a silent green skip in CI.
public enum StackGate {
    /// nginx → responder → PostgreSQL, the API key and the binary.
    public static let stack = ["INSTAGATE_TEST_BASE_URL", "INSTAGATE_TEST_API_KEY", "INSTAGATE_TEST_BIN",
                        "INSTAGATE_TEST_HOME", "INSTAGATE_TEST_DATABASE_URL", "INSTAGATE_TEST_SQL_DIR"]
    /// The Instagram sandbox behind nginx (with its admin API).
    public static let sandbox = ["INSTAGATE_TEST_SANDBOX_URL"]
    /// Stopping and starting the stack's PostgreSQL.
    public static let databaseControl = ["INSTAGATE_TEST_PG_STOP", "INSTAGATE_TEST_PG_START", "INSTAGATE_TEST_RESPONDER_PID"]

    private static let announced = Mutex<Set<String>>([])

    /// The variables of `names` that are unset or empty.
    public static func missing(_ names: [String]) -> [String] {
        names.filter { (ProcessInfo.processInfo.environment[$0] ?? "").isEmpty }
    }

    /// Whether every variable is set; otherwise says (once per set of missing variables) what is skipped and why.
    public static func isReady(_ names: [String]) -> Bool {
        let absent = missing(names)
        guard !absent.isEmpty else { return true }
        let key = absent.joined(separator: ",")
        if announced.withLock({ $0.insert(key).inserted }) {
            let line = String(repeating: "!", count: 100)
            FileHandle.standardError.write(Data("""
                \(line)
                !! SKIPPING every integration test that needs \(absent.joined(separator: ", ")) (not set).
                !! They run against the stack deploy/test starts: run deploy/test, which fails when any test is skipped.
                \(line)\n
                """.utf8))
        }
        return false
    }

    /// The skip comment: which variables are missing.
    public static func reason(_ names: [String]) -> Comment {
        let absent = missing(names)
        return Comment(rawValue: "SKIPPED: \((absent.isEmpty ? names : absent).joined(separator: ", ")) not set: run deploy/test")
    }
}

extension StackGate {
    /// Enabled when every variable is set.
    public static func condition(_ names: [String]) -> ConditionTrait {
        .enabled(if: isReady(names), reason(names))
    }
}

// The gates as traits, for suites and tests: `@Suite(.needsStack)`, `@Test(.needsSandbox)`.
extension SuiteTrait where Self == ConditionTrait {
    /// Needs nginx, the responder, PostgreSQL and the binary (`deploy/test`).
    public static var needsStack: ConditionTrait { StackGate.condition(StackGate.stack) }
    /// Needs the sandbox behind nginx only.
    public static var needsSandbox: ConditionTrait { StackGate.condition(StackGate.sandbox) }
    /// Needs the whole stack with the sandbox (downloads, analyses).
    public static var needsStackAndSandbox: ConditionTrait { StackGate.condition(StackGate.stack + StackGate.sandbox) }
    /// Needs the stack and control over its PostgreSQL (the outage test).
    public static var needsDatabaseControl: ConditionTrait { StackGate.condition(StackGate.stack + StackGate.databaseControl) }
}

extension TestTrait where Self == ConditionTrait {
    /// Needs nginx, the responder, PostgreSQL and the binary (`deploy/test`).
    public static var needsStack: ConditionTrait { StackGate.condition(StackGate.stack) }
    /// Needs the sandbox behind nginx only.
    public static var needsSandbox: ConditionTrait { StackGate.condition(StackGate.sandbox) }
    /// Needs the whole stack with the sandbox (downloads, analyses).
    public static var needsStackAndSandbox: ConditionTrait { StackGate.condition(StackGate.stack + StackGate.sandbox) }
    /// Needs the stack and control over its PostgreSQL (the outage test).
    public static var needsDatabaseControl: ConditionTrait { StackGate.condition(StackGate.stack + StackGate.databaseControl) }
}
