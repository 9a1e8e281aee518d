import Logging

/// Metadata written with `LogKey`s: `[.jobID: "\(id)", .error: "\(error)"]`.
public struct LogMetadata: ExpressibleByDictionaryLiteral, Sendable {
    /// The same metadata with the keys' names, as swift-log takes it.
    public var representation: Logger.Metadata

    public init(dictionaryLiteral elements: (LogKey, Logger.MetadataValue)...) {
        representation = Logger.Metadata(minimumCapacity: elements.count)
        for (key, value) in elements { representation[key.rawValue] = value }
    }

    /// The value under `key`.
    public subscript(key: LogKey) -> Logger.MetadataValue? {
        get { representation[key.rawValue] }
        set { representation[key.rawValue] = newValue }
    }
}
