import Foundation
import Synchronization

/// Runs `count` blocking calls at once, each on its own OS thread (Swift concurrency's pool has one thread
/// per core, which would run blocking HTTP calls two at a time), and returns their results in order.
public func onThreads<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
    let results = Mutex<[Int: T]>([:])
    let done = DispatchGroup()
    for index in 0..<count {
        done.enter()
        Thread.detachNewThread {
            let value = body(index)
            results.withLock { $0[index] = value }
            done.leave()
        }
    }
    done.wait()
    return results.withLock { all in (0..<count).compactMap { all[$0] } }
}

/// A value computed on a thread of its own, to be waited for.
public final class ThreadResult<T: Sendable>: Sendable {
    private let value = Mutex<T?>(nil)
    private let done = DispatchSemaphore(value: 0)

    /// Waits for the value.
    public func wait() -> T {
        done.wait()
        return value.withLock { $0! }
    }

    fileprivate func set(_ result: T) {
        value.withLock { $0 = result }
        done.signal()
    }
}

extension Thread {
    /// Starts `body` on a new thread; `wait()` on the answer gives its result.
    public static func detachedResults<T: Sendable>(_ body: @escaping @Sendable () -> T) -> ThreadResult<T> {
        let result = ThreadResult<T>()
        Thread.detachNewThread { result.set(body()) }
        return result
    }
}
