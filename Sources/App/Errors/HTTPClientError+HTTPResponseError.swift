import HTTPClient
import Web

/// An outbound call that failed below Instagram's own answers: our configuration (an invalid URL, a host
/// outside the allow-list) is a 500, anything on the way (timeouts, refused or cut connections, oversized
/// answers, redirect loops) a 502.
extension HTTPClientError: HTTPResponseError {
    var isOurs: Bool { code == .invalidURL || code == .hostNotAllowed }
    public var responseStatus: HTTPStatus { isOurs ? .internalServerError : .badGateway }
    public var errorCode: String { isOurs ? "CONFIGURATION_ERROR" : "UPSTREAM_ERROR" }
    public var errorMessage: String {
        isOurs ? "An outbound call is misconfigured (see the server log)." : "An upstream service failed or did not answer in time."
    }
}
