import Foundation
import Instagram
import Web

/// `POST|GET /api/sns/instagram/oauth/authorize`: the consent page URL for the API user, with a `state` that is
/// sealed, expires (`INSTAGATE_GRAPH_STATE_TTL`), is accepted once and names the user.
enum OAuthAuthorizeHandler {
    struct Body: StrictDecodable {
        static let allowedFields: Set<String> = ["flavour"]
        var flavour: String?
    }

    struct Answer: Encodable {
        var success = true
        var authURL: String
        var flavour: String
        var expiresAt: Date
        enum CodingKeys: String, CodingKey { case success, flavour, authURL = "auth_url", expiresAt = "expires_at" }
    }

    @Sendable static func authorize(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        var asked = request.query("flavour")
        if request.method == "POST", !request.body.isEmpty { asked = try request.decodeJSON(Body.self).flavour ?? asked }
        let settings = context.configuration.graph
        var flavour = settings.defaultFlavour
        if let asked {
            guard let named = GraphFlavour(rawValue: asked) else {
                throw APIError.validation(["flavour": "must be instagram or facebook"])
            }
            flavour = named
        }
        let app = try settings.app(flavour)
        let box = try context.services.secretBox()
        let state = OAuthState.make(userID: context.user.id, flavour: flavour, ttl: settings.stateTTL)
        try ConnectedAccountStore(db: try context.database(), box: box).saveState(state)
        return .json(Answer(authURL: app.authorizeURL(state: state.sealed(with: box)), flavour: flavour.rawValue,
                            expiresAt: Date(timeIntervalSince1970: Double(state.expires))))
    }
}
