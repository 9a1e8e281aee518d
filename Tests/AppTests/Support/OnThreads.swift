import Foundation
import Synchronization

/// Runs `count` blocking calls at once, each on its own OS thread (Swift concurrency's pool has one thread
/// per core, which would run blocking HTTP calls two at a time), and returns their results in order.
func onThreads<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
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
