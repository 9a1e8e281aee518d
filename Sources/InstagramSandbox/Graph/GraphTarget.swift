import Web

/// Which Meta site a request is for, found from its `Host` header, or from a `/__host/<host>/…` path prefix
/// (one sandbox port serving every host, as the test stack and a browser use it). nil: not the Graph API
/// (the web API and pages answer it).
struct GraphTarget: Sendable, Equatable {
    enum Site: String, Sendable {
        /// `graph.instagram.com`: Instagram Login's API and token endpoints.
        case instagramGraph = "graph.instagram.com"
        /// `graph.facebook.com`: Facebook Login's API and token endpoints.
        case facebookGraph = "graph.facebook.com"
        /// `api.instagram.com`: Instagram Login's code exchange (and the older authorize URL).
        case instagramAPI = "api.instagram.com"
        /// `www.instagram.com/oauth/authorize`: Instagram Login's consent page.
        case instagramAuthorize = "www.instagram.com"
        /// `www.facebook.com/vNN.0/dialog/oauth`: Facebook Login's consent dialog.
        case facebookDialog = "www.facebook.com"
    }

    var site: Site
    /// The path on that host, without the prefix or the version segment (`/me`, `/oauth/authorize`).
    var path: String
    /// `v24.0` when the path named one.
    var version: String?
    /// Where links to this host point: `https://<host>`, or the sandbox's public URL with the prefix.
    var base: String

    init?(request: HTTPRequest, publicURL: String) {
        var host = (request.headers["Host"] ?? "").split(separator: ":").first.map { $0.lowercased() } ?? ""
        var path = request.path
        var base: String?
        if path.hasPrefix("/__host/") {
            let rest = path.dropFirst("/__host/".count)
            let name = rest.prefix { $0 != "/" }
            host = name.lowercased()
            path = String(rest.dropFirst(name.count))
            if path.isEmpty { path = "/" }
            base = publicURL + "/__host/" + host
        }
        guard let site = GraphTarget.site(host: host, path: path) else { return nil }
        self.site = site
        self.base = base ?? "https://" + host
        (self.path, self.version) = GraphTarget.splitVersion(Sandbox.normalise(path))
    }

    static func site(host: String, path: String) -> Site? {
        switch host {
        case "graph.instagram.com": return .instagramGraph
        case "graph.facebook.com": return .facebookGraph
        case "api.instagram.com": return .instagramAPI
        case "www.instagram.com", "instagram.com":
            return path.hasPrefix("/oauth/authorize") ? .instagramAuthorize : nil
        case "www.facebook.com", "facebook.com", "m.facebook.com":
            return splitVersion(path).0.hasPrefix("/dialog/oauth") ? .facebookDialog : nil
        default: return nil
        }
    }

    /// `/v24.0/me` → (`/me`, `v24.0`); a path without a version segment is returned as is.
    static func splitVersion(_ path: String) -> (String, String?) {
        let parts = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let segment = parts.dropFirst().first?.split(separator: "/", maxSplits: 1).first,
              segment.hasPrefix("v"), segment.dropFirst().split(separator: ".").count == 2,
              segment.dropFirst().allSatisfy({ $0.isNumber || $0 == "." }) else { return (path, nil) }
        let rest = path.dropFirst(1 + segment.count)
        return (rest.isEmpty ? "/" : String(rest), String(segment))
    }
}
