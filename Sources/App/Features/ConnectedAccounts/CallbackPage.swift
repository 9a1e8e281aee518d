import Web

/// The small HTML page the browser lands on after Meta's consent page, with a link back to the web interface's
/// connected accounts (`/#/accounts`, where the connect button started the round trip).
enum CallbackPage {
    static func connected(_ usernames: [String]) -> HTTPResponse {
        let names = usernames.map { "@" + escape($0) }.joined(separator: ", ")
        return page(.ok, title: "Instagram account connected", id: "connected",
                    body: "<p>Connected: <strong>\(names)</strong>. You can close this window.</p>")
    }

    static func failed(_ error: any HTTPResponseError) -> HTTPResponse {
        page(error.responseStatus, title: "Instagram account not connected", id: "failed",
             body: "<p class=\"error\" data-error-code=\"\(escape(error.errorCode))\">\(escape(error.errorMessage))</p>"
                 + "<p>Code: <code>\(escape(error.errorCode))</code></p>")
    }

    static func page(_ status: HTTPStatus, title: String, id: String, body: String) -> HTTPResponse {
        let html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
            <title>\(title)</title></head>
            <body><main id="\(id)"><h1>\(title)</h1>\(body)
            <p><a href="/#/accounts" id="back-to-accounts">Back to your connected accounts</a></p></main></body></html>
            """
        var response = HTTPResponse.text(html, contentType: "text/html; charset=utf-8", status: status)
        response.headers["Cache-Control"] = "no-store"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
