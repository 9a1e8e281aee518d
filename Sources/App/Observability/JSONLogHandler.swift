import Foundation
import Logging
import Synchronization

/// Writes one JSON object per line to stderr: time, level, message, label, metadata.
/// Metadata keys that name secrets are written as `[redacted]`.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String

    public init(label: String) {
        self.label = label
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var object: [String: Any] = [
            "time": LogTime.now(),
            "level": event.level.rawValue,
            "message": event.message.description,
            "label": label,
        ]
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for (key, value) in merged {
            object[key] = LogRedaction.isSecret(key) ? "[redacted]" : value.description
        }
        guard var data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return
        }
        data.append(10)
        StandardError.write(data)
    }
}

/// Text lines for terminals: `2026-11-23T17:49:53Z info [request_id=...] message`.
public struct TextLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String

    public init(label: String) {
        self.label = label
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let fields = merged.sorted { $0.key < $1.key }
            .map { "\($0.key)=\(LogRedaction.isSecret($0.key) ? "[redacted]" : $0.value.description)" }
            .joined(separator: " ")
        let line = "\(LogTime.now()) \(event.level.rawValue) \(label): \(event.message)\(fields.isEmpty ? "" : " " + fields)\n"
        StandardError.write(Data(line.utf8))
    }
}

enum LogRedaction {
    static func isSecret(_ key: String) -> Bool {
        let lower = key.lowercased()
        return ["authorization", "cookie", "token", "secret", "password", "session_id", "sessionid", "api_key"]
            .contains { lower.contains($0) }
    }
}

enum LogTime {
    static func now() -> String {
        Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
    }
}

/// Whole-line writes to stderr so lines of concurrent threads do not interleave.
enum StandardError {
    private static let lock = Mutex(())
    static func write(_ data: Data) {
        lock.withLock { _ in FileHandle.standardError.write(data) }
    }
}

/// Installs the process's log handler once, from the configuration.
public enum LogSetup {
    public static func bootstrap(format: AppConfiguration.LogFormat, level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler = format == .json ? JSONLogHandler(label: label) : TextLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
