import HTTPClient

extension InstagramWebClient {
    /// A request with the headers of the chosen host (facts §1.2 web, §1.3 mobile) and the session's credentials.
    public func makeRequest(method: String, path: String, query: [(String, String)], session: InstagramSession?,
                            host: InstagramHost) -> HTTPClientRequest {
        let base = host == .web ? configuration.webBaseURL : configuration.apiBaseURL
        let suffix = query.isEmpty ? "" : (path.contains("?") ? "&" : "?") + FormEncoding.encode(query)
        return HTTPClientRequest(method: method, url: base + path + suffix,
                                 headers: host == .web ? webHeaders(session) : mobileHeaders(session))
    }

    func webHeaders(_ session: InstagramSession?) -> [(String, String)] {
        var headers = [("User-Agent", session?.userAgent ?? configuration.webUserAgent), ("Accept", "application/json"),
                       ("X-IG-App-ID", configuration.webAppID), ("X-ASBD-ID", configuration.asbdID),
                       ("X-IG-WWW-Claim", "0"), ("X-Requested-With", "XMLHttpRequest"),
                       ("Origin", configuration.webBaseURL), ("Referer", configuration.webBaseURL + "/")]
        if let session {
            headers.append(("Cookie", session.cookieHeader))
            headers.append(("X-CSRFToken", session.csrfToken))
        }
        return headers
    }

    func mobileHeaders(_ session: InstagramSession?) -> [(String, String)] {
        var headers = [("User-Agent", configuration.mobileUserAgent), ("Accept", "application/json"),
                       ("X-IG-App-ID", configuration.mobileAppID)]
        if let session {
            headers.append(("Authorization", session.bearerToken))
            headers.append(("IG-U-DS-USER-ID", session.dsUserID))
        }
        return headers
    }
}

/// `application/x-www-form-urlencoded` encoding (also used for query strings).
public enum FormEncoding {
    private static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)

    public static func encode(_ pairs: [(String, String)]) -> String {
        pairs.map { "\(escape($0.0))=\(escape($0.1))" }.joined(separator: "&")
    }

    public static func escape(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            if unreserved.contains(byte) {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                output += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return output
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
