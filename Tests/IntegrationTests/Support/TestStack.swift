import Foundation
import HTTPClient
import Testing

/// The stack `deploy/test` started (nginx → responder → PostgreSQL), found through environment variables.
enum TestStack {
    static let environment = ProcessInfo.processInfo.environment

    /// nginx's base URL, e.g. `http://127.0.0.1:39123`.
    static var baseURL: String { environment["INSTAGATE_TEST_BASE_URL"] ?? "" }
    /// An API key deploy/test created.
    static var apiKey: String { environment["INSTAGATE_TEST_API_KEY"] ?? "" }
    /// The instagate binary the stack runs.
    static var binary: String { environment["INSTAGATE_TEST_BIN"] ?? "" }
    static var databaseURL: String { environment["INSTAGATE_TEST_DATABASE_URL"] ?? "" }
    static var sqlDirectory: String { environment["INSTAGATE_TEST_SQL_DIR"] ?? "" }
    static var home: String { environment["INSTAGATE_TEST_HOME"] ?? "" }
    /// The worker's Prometheus metrics, `http://127.0.0.1:PORT/metrics` (nil when deploy/test did not give one).
    static var workerMetricsURL: String? { environment["INSTAGATE_TEST_WORKER_METRICS_URL"].flatMap { $0.isEmpty ? nil : $0 } }

    /// Whether deploy/test is running us; otherwise integration tests are skipped, with this reason.
    static var isAvailable: Bool { !baseURL.isEmpty && !apiKey.isEmpty && !binary.isEmpty }
    static let skipReason: Comment = "integration tests need the stack: run deploy/test"

    /// Runs the instagate CLI against the test database; returns exit status, stdout, stderr.
    @discardableResult
    static func cli(_ arguments: [String], environment extra: [String: String] = [:]) throws -> (status: Int32, out: String, err: String) {
        var env = environment
        env["INSTAGATE_DATABASE_URL"] = databaseURL
        env["INSTAGATE_SQL_DIR"] = sqlDirectory
        env["INSTAGATE_LOG_LEVEL"] = "warning"
        env.merge(extra) { _, new in new }
        return try run(binary, arguments, environment: env)
    }

    /// Runs a program and waits for it.
    static func run(_ program: String, _ arguments: [String], environment: [String: String]? = nil,
                    input: Data? = nil) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(input) }
        try stdin.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// Runs a shell command line (the PostgreSQL stop/start commands deploy/test hands over).
    @discardableResult
    static func shell(_ command: String) throws -> (status: Int32, out: String, err: String) {
        try run("/bin/bash", ["-c", command])
    }

    /// A new API key for a new API user, made with the CLI.
    static func newKey(name: String = "test-\(UUID().uuidString.prefix(8))") throws -> String {
        let result = try cli(["keys", "create", "--name", name])
        #expect(result.status == 0, "keys create failed: \(result.err)")
        return result.out.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
