import Crypto
import Foundation

/// Encrypts secrets at rest (Instagram session cookies, access tokens) with AES-256-GCM under the key in
/// `INSTAGATE_SECRET_KEY_FILE`. A sealed value is `0x01 | nonce(12) | ciphertext | tag(16)`; the
/// `context` (e.g. `"instagram-session:<user id>"`) is authenticated too, so a sealed value copied to
/// another row or user does not open.
public struct SecretBox: Sendable {
    /// The key's bytes (`SymmetricKey` is not `Sendable` in swift-crypto 3; one is made per operation).
    private let keyBytes: [UInt8]
    private var key: SymmetricKey { SymmetricKey(data: keyBytes) }
    static let version: UInt8 = 1

    /// A box over a 32-byte key.
    public init(key bytes: [UInt8]) throws(SecretBoxError) {
        guard bytes.count == 32 else { throw SecretBoxError("the secret key must be 32 bytes, not \(bytes.count)", kind: .keyUnavailable) }
        keyBytes = bytes
    }

    /// Loads the key file: 32 raw bytes, or 64 hex characters (surrounding whitespace ignored).
    public init(keyFile path: String) throws(SecretBoxError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SecretBoxError("cannot read the secret key file \(path); create it with: head -c 32 /dev/urandom > \(path) && chmod 600 \(path)",
                                 kind: .keyUnavailable)
        }
        if data.count == 32 {
            try self.init(key: [UInt8](data))
            return
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.count == 64, let bytes = SecretBox.hexBytes(text) else {
            throw SecretBoxError("the secret key file \(path) must hold 32 raw bytes or 64 hex characters", kind: .keyUnavailable)
        }
        try self.init(key: bytes)
    }

    /// Encrypts `plaintext`, bound to `context`.
    public func seal(_ plaintext: [UInt8], context: String) -> [UInt8] {
        do {
            let box = try AES.GCM.seal(plaintext, using: key, authenticating: Array(context.utf8))
            return [SecretBox.version] + Array(box.nonce) + Array(box.ciphertext) + Array(box.tag)
        } catch {
            preconditionFailure("AES-GCM sealing cannot fail with a 32-byte key: \(error)")
        }
    }

    /// Encrypts a string.
    public func seal(_ plaintext: String, context: String) -> [UInt8] {
        seal(Array(plaintext.utf8), context: context)
    }

    /// Decrypts; throws when the value was tampered with, sealed under another key or another context.
    public func open(_ sealed: [UInt8], context: String) throws(SecretBoxError) -> [UInt8] {
        guard sealed.count >= 1 + 12 + 16, sealed[0] == SecretBox.version else {
            throw SecretBoxError("not a sealed value")
        }
        do {
            let box = try AES.GCM.SealedBox(nonce: AES.GCM.Nonce(data: sealed[1..<13]),
                                            ciphertext: sealed[13..<(sealed.count - 16)], tag: sealed[(sealed.count - 16)...])
            return Array(try AES.GCM.open(box, using: key, authenticating: Array(context.utf8)))
        } catch {
            throw SecretBoxError("the sealed value does not open with this key and context")
        }
    }

    /// Decrypts a string.
    public func openString(_ sealed: [UInt8], context: String) throws(SecretBoxError) -> String {
        guard let text = String(validating: try open(sealed, context: context), as: UTF8.self) else {
            throw SecretBoxError("the sealed value is not UTF-8 text")
        }
        return text
    }

    static func hexBytes(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let high = iterator.next() {
            guard let low = iterator.next(), let h = nibble(high), let l = nibble(low) else { return nil }
            bytes.append(h << 4 | l)
        }
        return bytes
    }

    private static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: return byte - 48
        case 97...102: return byte - 87
        case 65...70: return byte - 55
        default: return nil
        }
    }
}

/// A secret that cannot be sealed or opened; the message never contains the secret.
public struct SecretBoxError: Error, CustomStringConvertible, Sendable {
    /// What went wrong: the key itself, or one sealed value.
    public enum Kind: Sendable {
        /// The key file is missing, unreadable or malformed: nothing can be sealed or opened.
        case keyUnavailable
        /// A sealed value cannot be opened (another key, tampered, not sealed).
        case unreadable
    }

    public var kind: Kind
    /// Safe to log: names the key file's path, never a key or a plaintext.
    public var description: String
    public init(_ description: String, kind: Kind = .unreadable) {
        self.kind = kind
        self.description = description
    }
}
