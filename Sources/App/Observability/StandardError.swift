import Foundation
import Synchronization

/// Whole-line writes to stderr so lines of concurrent threads do not interleave.
enum StandardError {
    private static let lock = Mutex(())

    static func write(_ data: Data) {
        lock.withLock { _ in FileHandle.standardError.write(data) }
    }
}
