import Foundation
import HTTPClient
import Instagram

/// The worker's kept HTTP clients for Meta's Graph API, by app and settings: a job takes one and gives it back when
/// it ends, so its libcurl handle keeps the connection of the job before open instead of connecting anew for every
/// publish. A client taken is the job's alone until given back.
final class GraphHTTPPool: @unchecked Sendable {
    // @unchecked: `idle` is only read or changed under `lock`; a client out of it belongs to the one job that took it.
    /// The process's pool.
    static let shared = GraphHTTPPool()
    /// Idle clients kept per app and settings (about one per worker slot); more are closed when given back.
    static let maxIdle = 16

    private let lock = NSLock()
    private var idle: [String: [HTTPClient]] = [:]

    /// A kept client for the app (or a new one), with no deadline, retry hook or pacing left from its last job.
    func take(_ app: GraphAppConfiguration, maxRetries: Int, requestTimeout: Double) -> HTTPClient {
        let key = GraphHTTPPool.key(app, maxRetries: maxRetries, requestTimeout: requestTimeout)
        lock.lock()
        let kept = idle[key]?.popLast()
        lock.unlock()
        guard let kept else { return GraphAPIClient.makeHTTPClient(app: app, maxRetries: maxRetries, requestTimeout: requestTimeout) }
        kept.deadline = nil
        kept.onRetry = nil
        kept.beforeTransfer = nil
        return kept
    }

    /// Gives a client taken with the same app and settings back for the next job.
    func give(_ http: HTTPClient, _ app: GraphAppConfiguration, maxRetries: Int, requestTimeout: Double) {
        let key = GraphHTTPPool.key(app, maxRetries: maxRetries, requestTimeout: requestTimeout)
        lock.lock()
        defer { lock.unlock() }
        if idle[key, default: []].count < GraphHTTPPool.maxIdle { idle[key, default: []].append(http) }
    }

    static func key(_ app: GraphAppConfiguration, maxRetries: Int, requestTimeout: Double) -> String {
        "\(app.flavour.rawValue)|\(app.appID)|\(app.hostBase)|\(maxRetries)|\(requestTimeout)"
    }
}
