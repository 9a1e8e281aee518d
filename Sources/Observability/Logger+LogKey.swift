import Logging

extension Logger {
    /// The logger's own metadata under a `LogKey` (`logger[metadataKey: .jobID] = "\(id)"`).
    @inlinable
    public subscript(metadataKey key: LogKey) -> Logger.Metadata.Value? {
        get { self[metadataKey: key.rawValue] }
        set { self[metadataKey: key.rawValue] = newValue }
    }

    /// Logs at `level` with metadata under `LogKey`s.
    public func log(level: Logger.Level, _ message: @autoclosure () -> Logger.Message, metadata: @autoclosure () -> LogMetadata,
                    file: String = #fileID, function: String = #function, line: UInt = #line) {
        log(level: level, message(), metadata: metadata().representation, file: file, function: function, line: line)
    }

    /// `trace` with metadata under `LogKey`s.
    public func trace(_ message: @autoclosure () -> Logger.Message, metadata: @autoclosure () -> LogMetadata,
                      file: String = #fileID, function: String = #function, line: UInt = #line) {
        log(level: .trace, message(), metadata: metadata(), file: file, function: function, line: line)
    }

    /// `debug` with metadata under `LogKey`s.
    public func debug(_ message: @autoclosure () -> Logger.Message, metadata: @autoclosure () -> LogMetadata,
                      file: String = #fileID, function: String = #function, line: UInt = #line) {
        log(level: .debug, message(), metadata: metadata(), file: file, function: function, line: line)
    }

    /// `info` with metadata under `LogKey`s.
    public func info(_ message: @autoclosure () -> Logger.Message, metadata: @autoclosure () -> LogMetadata,
                     file: String = #fileID, function: String = #function, line: UInt = #line) {
        log(level: .info, message(), metadata: metadata(), file: file, function: function, line: line)
    }

    /// `notice` with metadata under `LogKey`s.
    public func notice(_ message: @autoclosure () -> Logger.Message, metadata: @autoclosure () -> LogMetadata,
                       file: String = #fileID, function: String = #function, line: UInt = #line) {
        log(level: .notice, message(), metadata: metadata(), file: file, function: function, line: line)
    }

    /// `warning` with metadata under `LogKey`s.
    public func warning(_ message: @autoclosure () -> Logger.Message, metadata: @autoclosure () -> LogMetadata,
                        file: String = #fileID, function: String = #function, line: UInt = #line) {
        log(level: .warning, message(), metadata: metadata(), file: file, function: function, line: line)
    }

    /// `error` with metadata under `LogKey`s.
    public func error(_ message: @autoclosure () -> Logger.Message, metadata: @autoclosure () -> LogMetadata,
                      file: String = #fileID, function: String = #function, line: UInt = #line) {
        log(level: .error, message(), metadata: metadata(), file: file, function: function, line: line)
    }

    /// `critical` with metadata under `LogKey`s.
    public func critical(_ message: @autoclosure () -> Logger.Message, metadata: @autoclosure () -> LogMetadata,
                         file: String = #fileID, function: String = #function, line: UInt = #line) {
        log(level: .critical, message(), metadata: metadata(), file: file, function: function, line: line)
    }
}
