import Logging

/// What every part of instagate shares and builds once per process (the responder, the worker, a CLI command):
/// the Instagram client factory, the key that seals secrets at rest, the signer of download links and the caches a
/// PostgreSQL notice empties (verified API keys, connected accounts' reads). The key
/// and the link secret are read from disk here, once; a file that cannot be used is logged once and its
/// error answered to every request that needs it.
public struct AppServices: Sendable {
    public let configuration: AppConfiguration
    /// Builds the Instagram API and CDN clients.
    public let instagram: InstagramClients
    /// The key that seals secrets at rest, or why it cannot be used.
    public let secrets: Result<SecretBox, SecretBoxError>
    private let links: Result<SecureLinkSigner, DownloadError>
    /// The API keys this process verified lately (`INSTAGATE_KEY_CACHE_TTL`).
    let keyCache: APIKeyCache
    /// The connected accounts' list and info rows this process read lately (`INSTAGATE_GRAPH_ACCOUNT_CACHE_TTL`).
    let accountCache: AccountReadCache
    /// Every cache a PostgreSQL notice empties (`NotifiedCache`): each responder thread listens on their channels.
    let notifiedCaches: [any NotifiedCaching]

    public init(configuration: AppConfiguration, logger: Logger) {
        self.configuration = configuration
        instagram = InstagramClients(configuration)
        keyCache = APIKeyCache.keys(ttl: .milliseconds(Int64(configuration.keyCacheTTL * 1000)))
        accountCache = AccountReadCache.accounts(ttl: .milliseconds(Int64(configuration.graph.accountCacheTTL * 1000)))
        notifiedCaches = [keyCache, accountCache]
        secrets = Result { () throws(SecretBoxError) in try SecretBox(keyFile: configuration.secretKeyFile) }
        links = Result { () throws(DownloadError) in try SecureLinkSigner(secretFile: configuration.downloads.secureLinkSecretFile) }
        if case .failure(let error) = secrets { logger.warning("secrets cannot be stored or read: \(error)") }
        if case .failure(let error) = links { logger.warning("download links cannot be signed: \(error)") }
    }

    /// The box that encrypts secrets at rest; `SecretBoxError` (500 `SECRET_KEY_UNAVAILABLE`) when the key file is unusable.
    public func secretBox() throws(SecretBoxError) -> SecretBox { try secrets.get() }

    /// The signer of `/downloads/` links; `DownloadError` (500 `CONFIGURATION_ERROR`) when the secret file is unusable.
    public func linkSigner() throws(DownloadError) -> SecureLinkSigner { try links.get() }
}
