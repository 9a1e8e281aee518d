import Foundation
import Instagram

/// The `state` of an authorize URL: a random nonce, the API user, the login and the expiry, sealed with the
/// secret key (AES-GCM: nobody can forge or read one) and base64url-encoded. The nonce is also a row of
/// `instagram_oauth_states`, so each state is accepted once.
struct OAuthState: Equatable {
    var nonce: String
    var userID: Int64
    var flavour: GraphFlavour
    /// Unix seconds.
    var expires: Int64

    static let context = "instagram_oauth_state"

    /// A fresh state for a user.
    static func make(userID: Int64, flavour: GraphFlavour, ttl: Double, now: Date = Date()) -> OAuthState {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<18).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return OAuthState(nonce: Base64URLText.encode(bytes), userID: userID, flavour: flavour,
                          expires: Int64(now.timeIntervalSince1970 + ttl))
    }

    /// The text that goes into the URL.
    func sealed(with box: SecretBox) -> String {
        Base64URLText.encode(box.seal("\(nonce).\(userID).\(flavour.rawValue).\(expires)", context: OAuthState.context))
    }

    /// The state a text holds; nil when it was not sealed by us (forged, altered, truncated).
    static func open(_ text: String, with box: SecretBox) -> OAuthState? {
        guard text.count <= 400, let bytes = Base64URLText.decode(text),
              let plain = try? box.openString(bytes, context: context) else { return nil }
        let parts = plain.split(separator: ".")
        guard parts.count == 4, let userID = Int64(parts[1]), let flavour = GraphFlavour(rawValue: String(parts[2])),
              let expires = Int64(parts[3]) else { return nil }
        return OAuthState(nonce: String(parts[0]), userID: userID, flavour: flavour, expires: expires)
    }
}

/// Base64url without padding.
enum Base64URLText {
    static func encode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: String) -> [UInt8]? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64).map { [UInt8]($0) }
    }
}
