import Foundation
import Logging

/// Text lines for terminals: `2026-11-23T17:49:53Z info label: message request_id=...`; the values of the keys in
/// `LogRedaction.keys` are written as `[redacted]`.
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
        StandardError.write(Data(line(for: event, time: LogTime.now()).utf8))
    }

    /// The line written for `event`, ending in a newline.
    func line(for event: LogEvent, time: String) -> String {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let fields = merged.sorted { $0.key < $1.key }
            .map { "\($0.key)=\(LogRedaction.keys.contains($0.key) ? LogRedaction.placeholder : $0.value.description)" }
            .joined(separator: " ")
        return "\(time) \(event.level.rawValue) \(label): \(event.message)\(fields.isEmpty ? "" : " " + fields)\n"
    }
}
