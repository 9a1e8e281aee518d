import Foundation
import Logging

/// Writes one JSON object per line to stderr: time, level, message, label, metadata. The values of the keys in
/// `redactedKeys` (by default `LogRedaction.keys`, compared exactly) are written as `[redacted]`.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    /// The metadata keys whose values are never written.
    public let redactedKeys: Set<String>
    private let label: String

    public init(label: String, redactedKeys: Set<String> = LogRedaction.keys) {
        self.label = label
        self.redactedKeys = redactedKeys
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        guard let line = line(for: event, time: LogTime.now()) else { return }
        StandardError.write(line)
    }

    /// The line written for `event`, ending in a newline.
    func line(for event: LogEvent, time: String) -> Data? {
        var object: [String: Any] = [
            "time": time,
            "level": event.level.rawValue,
            "message": event.message.description,
            "label": label,
        ]
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        for (key, value) in merged {
            object[key] = redactedKeys.contains(key) ? LogRedaction.placeholder : value.description
        }
        guard var data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            return nil
        }
        data.append(10)
        return data
    }
}
