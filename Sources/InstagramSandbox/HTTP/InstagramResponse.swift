import Web

/// Building answers the way Instagram sends them.
enum InstagramResponse {
    static func json(_ value: JSON, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([
            ("Content-Type", "application/json; charset=utf-8"),
            ("Cache-Control", "private, no-cache, no-store, must-revalidate"),
            ("X-IG-Set-WWW-Claim", "0"),
        ]), body: value.bytes)
    }

    /// `value` with `"status":"ok"` appended.
    static func ok(_ pairs: [(String, JSON)]) -> HTTPResponse {
        json(.object(pairs + [("status", "ok")]))
    }

    static func html(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([
            ("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "private, no-cache, no-store, must-revalidate"),
        ]), body: Array(text.utf8))
    }

    static func redirect(_ location: String, status: HTTPStatus = .found) -> HTTPResponse {
        HTTPResponse(status: status, headers: HTTPHeaders([("Location", location), ("Content-Type", "text/html; charset=utf-8")]))
    }

    /// A `Set-Cookie` value with Instagram's attributes.
    static func cookie(_ name: String, _ value: String, maxAge: Int, links: LinkStyle, httpOnly: Bool = false) -> String {
        var text = "\(name)=\(value); Max-Age=\(maxAge); Path=/; SameSite=Lax"
        if let domain = links.cookieDomain { text += "; Domain=\(domain); Secure" }
        if httpOnly { text += "; HttpOnly" }
        return text
    }
}
