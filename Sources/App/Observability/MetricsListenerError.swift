import Foundation

/// The metrics listener could not open its socket: what failed, on which address, and `errno`'s text.
public struct MetricsListenerError: Error, CustomStringConvertible {
    /// The call that failed (`socket`, `bind`, `listen`).
    public let operation: String
    public let address: LoopbackAddress
    public let errno: Int32

    public var description: String {
        "cannot \(operation) on \(address): \(String(cString: strerror(errno)))"
    }
}
