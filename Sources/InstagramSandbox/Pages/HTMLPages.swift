/// The HTML pages clients scrape (facts §1.6): tokens, embedded query results, script links.
enum HTMLPages {
    /// JSON made safe inside `<script>`: `</` becomes `<\/` (still the same JSON).
    static func embed(_ value: JSON) -> String {
        value.text.replacingOccurrences(of: "</", with: "<\\/")
    }

    /// A Relay query result wrapped the way the web app's server-side JS carries it.
    static func prefetched(_ name: String, data: JSON) -> String {
        let payload: JSON = ["require": [["ScheduledServerJS", "handle", nil, [["__bbox": ["require": [[
            "RelayPrefetchedStreamCache", "next", [],
            [.string("adp_\(name)RelayPreloader_\(name.count)"),
             ["__bbox": ["complete": true, "result": ["data": data, "extensions": ["is_final": true]]]]],
        ]]]]]]]]
        return "<script type=\"application/json\" data-content-len=\"\(payload.bytes.count)\" data-sjs>\(embed(payload))</script>\n"
    }

    static func head(title: String, links: LinkStyle, extra: String = "") -> String {
        """
        <!DOCTYPE html><html class="_9dls" lang="en" dir="ltr"><head><meta charset="utf-8">\
        <meta name="viewport" content="width=device-width, initial-scale=1"><title>\(escape(title))</title>\
        <link rel="preload" href="\(links.staticFiles)/rsrc.php/v4/yQ/r/PolarisRelayOperations.js" as="script" crossorigin="anonymous" />\
        <script src="\(links.staticFiles)/rsrc.php/v4/yQ/r/PolarisRelayOperations.js" crossorigin="anonymous"></script>\(extra)</head><body>\n
        """
    }

    static let tail = "<div id=\"mount_0_0\"></div></body></html>\n"

    /// The tokens every page carries (the union of the clients' patterns).
    static func tokens(lsd: String, dtsg: String?, viewerFBID: String?, csrf: String) -> String {
        let eqmc: JSON = ["__spin_r": 1_019_283_746, "__spin_b": "trunk", "__spin_t": 1_718_000_000, "__hsi": "7380000000000000000",
                          "l": .string(lsd), "f": .optional(dtsg), "u": "/ajax/qm/?__a=1&__user=0&__comet_req=7", "e": "0"]
        var config = "[\"LSD\",[],{\"token\":\"\(lsd)\"},323]"
        if let dtsg { config += ",[\"DTSGInitialData\",[],{\"token\":\"\(dtsg)\"},258]" }
        config += ",[\"CurrentUserInitialData\",[],{\"IG_USER_EIMU\":\"\(viewerFBID ?? "0")\",\"ACCOUNT_ID\":\"\(viewerFBID ?? "0")\"},270]"
        config += ",[\"PolarisSiteData\",[],{\"csrf_token\":\"\(csrf)\",\"country_code\":\"KR\"},1]"
        return "<script type=\"application/json\" id=\"__eqmc\">\(embed(eqmc))</script>\n"
            + "<script type=\"application/json\" data-sjs>{\"define\":[\(config)]}</script>\n"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static let notFound = """
        <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Page not found • Instagram</title></head>\
        <body><h2>Sorry, this page isn't available.</h2><p>The link you followed may be broken, or the page may have \
        been removed. <a href="/">Go back to Instagram.</a></p></body></html>
        """

    static func login(links: LinkStyle, tokens: String) -> String {
        head(title: "Login • Instagram", links: links) + tokens
            + "<form id=\"loginForm\" method=\"post\" action=\"/accounts/login/ajax/\"><input name=\"username\"><input name=\"enc_password\" type=\"password\"></form>"
            + tail
    }

    static func challenge(links: LinkStyle) -> String {
        head(title: "Challenge • Instagram", links: links)
            + "<h2>We Detected An Unusual Login Attempt</h2><p>To secure your account, we'll send you a security code.</p>" + tail
    }
}
