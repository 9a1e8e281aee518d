/// A failure to set up the FastCGI listener.
public struct FastCGIError: Error, CustomStringConvertible, Sendable {
    public enum Code: String, Sendable {
        case initFailed = "FCGI_INIT_FAILED"
        case openSocketFailed = "FCGI_OPEN_SOCKET_FAILED"
        case notASocket = "FCGI_NOT_A_SOCKET"
    }

    public var code: Code
    public var detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { "\(code.rawValue): \(detail)" }
}
