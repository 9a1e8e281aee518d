/// The HTML of the consent page and of its error page.
enum GraphConsentPage {
    static func render(app: GraphFixtures.App, scopes: [String], accounts: [String], parameters: [String: String]) -> String {
        let hidden = ["client_id", "redirect_uri", "response_type", "scope", "state", "config_id"].compactMap { name in
            parameters[name].map { "<input type=\"hidden\" name=\"\(name)\" value=\"\(escape($0))\">" }
        }.joined(separator: "\n      ")
        let options = accounts.map { "<option value=\"\(escape($0))\">@\(escape($0))</option>" }.joined()
        let list = scopes.map { "<li>\(escape($0))</li>" }.joined()
        let brand = app.flavour == .instagram ? "Instagram" : "Facebook"
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Log in with \(brand) • \(escape(app.name))</title></head>
            <body>
              <main id="consent">
                <h1>\(escape(app.name)) would like to access your \(brand) account</h1>
                <ul id="scopes">\(list)</ul>
                <form method="post" action="" id="consent-form">
                  \(hidden)
                  <label for="account">Continue as</label>
                  <select name="account" id="account">\(options)</select>
                  <button type="submit" name="decision" value="allow" id="allow">Allow</button>
                  <button type="submit" name="decision" value="deny" id="deny">Cancel</button>
                </form>
              </main>
            </body></html>
            """
    }

    static func error(_ message: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Error</title></head>
        <body><main id="error"><h1>Sorry, this page isn't available.</h1><p class="error-message">\(escape(message))</p></main></body></html>
        """
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
