/// The tokens pages carry and cookies Instagram sets: LSD and fb_dtsg (stable per day), csrftoken, mid, ig_did.
enum Tokens {
    static let alphanumerics = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    static func random(_ length: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<length).map { _ in alphanumerics[Int(generator.next() % UInt64(alphanumerics.count))] })
    }

    static func seeded(_ length: Int, seed: UInt64) -> String {
        var generator = SeededRandom(seed: seed)
        return String((0..<length).map { _ in alphanumerics[generator.next(below: alphanumerics.count)] })
    }

    static func lsd(seed: UInt64, day: Int) -> String { "AVq" + seeded(19, seed: seed &+ UInt64(day) &* 31) }

    static func dtsg(seed: UInt64, user: UInt64, day: Int) -> String {
        "NAc" + seeded(37, seed: seed ^ user &+ UInt64(day)) + ":17:" + String(day * 86_400)
    }

    /// A 28-character `mid`.
    static func mid() -> String { "Z" + random(27) }

    /// An upper-case UUID for `ig_did`.
    static func deviceID() -> String {
        let hex = Array("0123456789ABCDEF")
        var generator = SystemRandomNumberGenerator()
        let digits = (0..<32).map { _ in hex[Int(generator.next() % 16)] }
        let text = String(digits)
        let parts = [text.prefix(8), text.dropFirst(8).prefix(4), text.dropFirst(12).prefix(4), text.dropFirst(16).prefix(4), text.dropFirst(20)]
        return parts.joined(separator: "-")
    }
}
