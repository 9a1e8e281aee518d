import Foundation
import Instagram
import Web

/// `GET /api/sns/instagram/callback` (no key: the sealed `state` names the API user): Meta's redirect after the
/// consent page. The code becomes a long-lived token, stored sealed, and the account is created or updated. Ends
/// on a small HTML page saying what happened (JSON with `?format=json` or `Accept: application/json`), also for
/// a denial, a forged, expired or replayed state and a refused code.
enum OAuthCallbackHandler {
    struct Connected: Encodable {
        var success = true
        var accounts: [ConnectedAccountJSON]
    }

    @Sendable static func callback(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let json = request.query("format") == "json" || request.headers["Accept"]?.contains("application/json") == true
        do {
            let accounts = try connect(request, context)
            if json { return .json(Connected(accounts: accounts.map(ConnectedAccountJSON.init))) }
            return CallbackPage.connected(accounts.map(\.username))
        } catch let error as any HTTPResponseError where !json {
            context.logger.info("instagram connection failed", metadata: [.code: "\(error.errorCode)"])
            return CallbackPage.failed(error)
        }
    }

    static func connect(_ request: HTTPRequest, _ context: RequestContext) throws -> [ConnectedAccount] {
        let box = try context.services.secretBox()
        guard let text = request.query("state"), let state = OAuthState.open(text, with: box) else {
            throw ConnectedAccountError.invalidState
        }
        guard Double(state.expires) > Date().timeIntervalSince1970 else { throw ConnectedAccountError.stateExpired }
        let store = try context.connectedAccounts()
        switch try store.useState(state) {
        case .unknown: throw ConnectedAccountError.invalidState
        case .replayed: throw ConnectedAccountError.stateReplayed
        case .accepted: break
        }
        if let error = request.query("error") {
            throw ConnectedAccountError.accessDenied(error == "access_denied" ? "access was denied on Meta's page" : "Meta answered \(error)")
        }
        guard let code = request.query("code"), !code.isEmpty else { throw ConnectedAccountError.missingCode }
        let client = try context.graphClient(state.flavour)
        let (token, accounts) = try context.upstream.withSlot { () throws -> (GraphAccessToken, [GraphAccount]) in
            let short = try client.exchange(code: code.hasSuffix("#_") ? String(code.dropLast(2)) : code)
            let long = try client.longLived(short.token.value)
            return (long, try client.accounts(token: long.value))
        }
        guard !accounts.isEmpty else { throw ConnectedAccountError.noAccount }
        var connected = try accounts.map { try store.connect(userID: state.userID, flavour: state.flavour, account: $0, token: token) }
        if state.flavour == .instagram {
            connected = try connected.map { try WebhookSubscription.subscribe($0, token: token.value, client: client, store: store, context) }
        }
        context.logger.info("instagram accounts connected", metadata: [.accounts: "\(connected.map(\.id))", .flavour: "\(state.flavour.rawValue)"])
        return connected
    }
}
