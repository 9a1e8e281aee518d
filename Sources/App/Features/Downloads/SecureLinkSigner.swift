import Crypto
import DownloadEngine
import Foundation

/// Signs `/downloads/…` links the way nginx's `secure_link` checks them (nginx/instagate.conf.tmpl):
/// `md5 = base64url(md5("<expires><uri> <secret>"))` without padding, `expires` in unix seconds.
public struct SecureLinkSigner: Sendable {
    let secret: String

    public init(secret: String) {
        self.secret = secret
    }

    /// Reads the secret file (surrounding whitespace trimmed, as deploy/lib.sh substitutes it).
    public init(secretFile path: String) throws(DownloadError) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw DownloadError(.configuration, "the secure link secret file \(path) cannot be read")
        }
        let secret = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !secret.isEmpty else { throw DownloadError(.configuration, "the secure link secret file \(path) is empty") }
        self.init(secret: secret)
    }

    /// The signature of `uri` (e.g. `/downloads/CODE/file.jpg`) valid until `expires`.
    public func signature(uri: String, expires: Int) -> String {
        let digest = Insecure.MD5.hash(data: Array("\(expires)\(uri) \(secret)".utf8))
        return Data(digest).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// `base` + `uri?md5=…&expires=…`.
    public func link(base: String, uri: String, expires: Int) -> String {
        "\(base)\(uri)?md5=\(signature(uri: uri, expires: expires))&expires=\(expires)"
    }
}
