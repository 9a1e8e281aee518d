import Foundation
import Synchronization
import Testing

/// `@Suite(.threaded)`: the suite's tests run on threads of their own instead of Swift concurrency's pool.
///
/// Swift Testing runs a synchronous test on the cooperative pool, which has one thread per core: on this 2-core
/// machine every integration test (blocking HTTP calls to the stack, sleeps, polling) ran two at a time, and a
/// serialized suite's next test waited behind every test queued before it (the serialized `ConnectedAccountTests`
/// chain spent most of its 330 s waiting for a free thread). With this trait a test runs on `TestThreads`' shared
/// pool (`INSTAGATE_TEST_THREADS` threads, default 6), and each serialized suite on one thread of its own, so the
/// chain never queues behind the others. Tests are still as parallel as Swift Testing decides; only where they run changes.
public struct ThreadedTrait: SuiteTrait, TestTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(for test: Test, testCase: Test.Case?,
                             performing function: @Sendable () async throws -> Void) async throws {
        guard !test.isSuite else { try await function(); return }
        try await withTaskExecutorPreference(TestThreads.executor(for: test)) { try await function() }
    }
}

extension Trait where Self == ThreadedTrait {
    /// Runs the suite's tests on threads of their own (see `ThreadedTrait`).
    public static var threaded: ThreadedTrait { ThreadedTrait() }
}

/// The threads `ThreadedTrait` runs tests on.
public enum TestThreads {
    /// The shared pool's width: `INSTAGATE_TEST_THREADS`, default 6.
    static let width = max(1, Int(ProcessInfo.processInfo.environment["INSTAGATE_TEST_THREADS"] ?? "") ?? 6)
    static let shared = ThreadPoolExecutor(threads: width, name: "tests")
    private static let serializedSuites = Mutex<[Test.ID: ThreadPoolExecutor]>([:])

    /// The shared pool, or for a test of a serialized suite that suite's own thread.
    static func executor(for test: Test) -> ThreadPoolExecutor {
        guard test.traits.contains(where: { $0 is ParallelizationTrait }), let suite = test.id.parent else { return shared }
        return serializedSuites.withLock { suites in
            if let executor = suites[suite] { return executor }
            let executor = ThreadPoolExecutor(threads: 1, name: suite.nameComponents.last ?? "serialized")
            suites[suite] = executor
            return executor
        }
    }
}

/// A task executor of a fixed number of OS threads taking jobs in the order they came.
final class ThreadPoolExecutor: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []   // guarded by `condition`

    init(threads: Int, name: String) {
        for index in 0..<threads {
            let thread = Thread { [self] in run() }
            thread.name = "\(name)-\(index)"
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while jobs.isEmpty { condition.wait() }
            let job = jobs.removeFirst()
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
