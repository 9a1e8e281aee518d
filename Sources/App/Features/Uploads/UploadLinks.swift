import Foundation

/// The signing of uploads' URLs in what a publish job hands Meta: a URL of this instagate's `/uploads/` (as
/// `UploadReferences` writes it into a post) gets a signature valid for `validity` seconds from now
/// (`INSTAGATE_UPLOAD_LINK_TTL`, an hour), long enough for Meta to fetch it while the container is made and
/// processed; any other URL is left as it is.
struct UploadLinks {
    let signer: SecureLinkSigner
    let base: String
    var validity: Int

    init(services: AppServices) throws {
        signer = try services.linkSigner()
        base = services.configuration.publicURL
        validity = Int(services.configuration.publishing.uploadLinkLifetime)
    }

    func signed(_ url: String) -> String {
        let prefix = "\(base)/uploads/"
        guard url.hasPrefix(prefix), !url.contains("?") else { return url }
        return signer.link(base: base, uri: String(url.dropFirst(base.count)), expires: Int(Date().timeIntervalSince1970) + validity)
    }

    /// A container's form with every upload URL signed.
    func signed(_ form: [(String, String)]) -> [(String, String)] {
        form.map { ($0.0, $0.0.hasSuffix("_url") ? signed($0.1) : $0.1) }
    }
}
