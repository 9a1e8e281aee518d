/// Why a world directory could not be loaded.
public struct WorldLoadError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case unreadable = "WORLD_UNREADABLE"
        case malformed = "WORLD_MALFORMED"
        case inconsistent = "WORLD_INCONSISTENT"
    }

    public var code: Code
    /// The file the problem is in (relative to the world directory).
    public var file: String
    public var detail: String

    public init(_ code: Code, file: String, _ detail: String) {
        self.code = code
        self.file = file
        self.detail = detail
    }

    public var description: String { "\(code.rawValue) in \(file): \(detail)" }
}
