/// Connected-account answers that are not Meta's: the OAuth callback's state problems and an account that must be
/// connected again. Its `HTTPResponseError` conformance is in `App/Errors`.
enum ConnectedAccountError: Error, Equatable {
    /// No `state`, or one we did not seal.
    case invalidState
    /// The state's time is over.
    case stateExpired
    /// The state was used before (a replayed callback).
    case stateReplayed
    /// Meta's page was refused by the user (`error=access_denied`) or answered another error.
    case accessDenied(String)
    /// The callback has neither a code nor an error.
    case missingCode
    /// The account's token is gone (revoked, expired): connect it again.
    case reconnectRequired
    /// The login answered no professional account.
    case noAccount
}
