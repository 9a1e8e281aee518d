/// Why a string is not an Instagram post URL. `field` names the request field it came from, so the API
/// answers 422 `VALIDATION_ERROR` with `errors[field] = message`.
public struct PostURLError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        case empty
        case tooLong
        case notAURL
        case scheme
        case credentials
        case port
        case host
        case profile
        case story
        case unsupportedPath
        case shortcode
        case imageIndex
    }

    public var field: String
    public var reason: Reason
    public var message: String

    public init(field: String, _ reason: Reason, _ message: String) {
        self.field = field
        self.reason = reason
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
