import Foundation
import Web

/// Everything a Graph handler needs about one request: the request, the site, the Graph clock, the world and
/// the caller's token once resolved.
struct GraphCall: Sendable {
    let sandbox: Sandbox
    var request: HTTPRequest
    var target: GraphTarget
    var world: World
    /// Graph clock seconds (real time plus the offset `/__sandbox/graph/clock` set).
    var now: Double
    /// Real time, for CDN links.
    var realNow: Double
    /// The request's parameters: query string, then a form or JSON body.
    var parameters: [String: String]
    /// The token the call was made with, once `requireToken` resolved it.
    var token: GraphToken?
    /// Usage percentages of this call (app, account), for the usage headers.
    var usage: (app: Int, account: Int, accountID: String)?

    var store: GraphStore { sandbox.graph }
    var fixtures: GraphFixtures { sandbox.graph.fixtures }

    var renderer: Renderer {
        Renderer(world: world, viewerPK: nil, links: LinkStyle.forHost(nil, publicURL: sandbox.configuration.publicURL, cdnHost: world.cdnHost),
                 signer: sandbox.signer, now: Int(realNow), cache: nil)
    }

    func parameter(_ name: String) -> String? { parameters[name] }

    func require(_ name: String) throws(GraphError) -> String {
        guard let value = parameters[name], !value.isEmpty else { throw GraphError.missingParameter(name) }
        return value
    }

    /// Query items, then urlencoded or JSON body fields (the first value of a name wins).
    static func parameters(of request: HTTPRequest) -> [String: String] {
        var result: [String: String] = [:]
        for item in request.queryItems where result[item.name] == nil { result[item.name] = item.value }
        let type = request.headers["Content-Type"]?.lowercased() ?? ""
        if type.hasPrefix("application/json"), let object = JSONInput.object(request.body) {
            for (key, value) in object where result[key] == nil { result[key] = JSONInput.string(value) }
        } else if !request.body.isEmpty {
            for pair in String(decoding: request.body, as: UTF8.self).split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard let name = PercentDecoding.decode(parts[0], plusAsSpace: true), result[name] == nil else { continue }
                result[name] = parts.count > 1 ? PercentDecoding.decode(parts[1], plusAsSpace: true) ?? "" : ""
            }
        }
        return result
    }

    /// Client credentials of `Authorization: Basic base64(client_id:client_secret)` (RFC 6749 §2.3.1, what OAuth
    /// libraries such as requests-oauthlib send to the token endpoint), merged where the parameters lack them.
    mutating func mergeBasicCredentials() {
        guard let header = request.headers["Authorization"], header.hasPrefix("Basic "),
              let data = Data(base64Encoded: String(header.dropFirst(6))), let text = String(data: data, encoding: .utf8),
              let colon = text.firstIndex(of: ":") else { return }
        let id = PercentDecoding.decode(Substring(text[..<colon]), plusAsSpace: true) ?? String(text[..<colon])
        let secret = PercentDecoding.decode(Substring(text[text.index(after: colon)...]), plusAsSpace: true) ?? String(text[text.index(after: colon)...])
        if parameters["client_id"] == nil { parameters["client_id"] = id }
        if parameters["client_secret"] == nil { parameters["client_secret"] = secret }
    }

    /// The access token presented: `access_token` (query, form, JSON) or `Authorization: Bearer|OAuth <token>`.
    var presentedToken: String? {
        if let value = parameters["access_token"], !value.isEmpty { return value }
        guard let header = request.headers["Authorization"] else { return nil }
        for scheme in ["Bearer ", "OAuth "] where header.hasPrefix(scheme) { return String(header.dropFirst(scheme.count)) }
        return nil
    }
}
