/// Deterministic CDN paths shaped like Instagram's (facts §9), derived from the world seed and a file name.
enum CDNPaths {
    /// `/v/t51.2885-15/<a>_<b>_<c>_n.jpg` for photos and covers, `t51.2885-19` for profile pictures.
    static func image(seed: UInt64, name: String, profile: Bool) -> String {
        var random = SeededRandom(seed: seed ^ fnv1a(name))
        let a = 400_000_000 + random.next(below: 99_999_999)
        let b = 17_800_000_000_000_000 + UInt64(random.next(below: 199_999_999_999_999))
        let c = UInt64(1_000_000_000_000_000_000) + random.next() % 8_000_000_000_000_000_000
        return "/v/\(profile ? "t51.2885-19" : "t51.2885-15")/\(a)_\(b)_\(c)_n.jpg"
    }

    /// `/o1/v/t16/f2/m86/AQ<token>.mp4` for videos.
    static func video(seed: UInt64, name: String) -> String {
        var random = SeededRandom(seed: seed ^ fnv1a("video:" + name))
        var bytes: [UInt8] = []
        for _ in 0..<48 { bytes.append(UInt8(truncatingIfNeeded: random.next())) }
        return "/o1/v/t16/f2/m86/AQ" + Base64URL.encode(bytes) + ".mp4"
    }

    /// FNV-1a over UTF-8, for seeding per-name generators.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}

/// Base64url without padding.
enum Base64URL {
    static let alphabet = Shortcode.alphabet

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var index = 0
        while index + 2 < bytes.count {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], alphabet[Int(n & 63)]]
            index += 3
        }
        let rest = bytes.count - index
        if rest == 1 {
            let n = UInt32(bytes[index]) << 16
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)]]
        } else if rest == 2 {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)]]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes base64url or standard base64, padded or not; nil on a bad character.
    static func decode(_ text: String) -> [UInt8]? {
        var bits: UInt32 = 0
        var count = 0
        var out: [UInt8] = []
        for byte in text.utf8 {
            let value: UInt8
            switch byte {
            case 43: value = 62 // +
            case 47: value = 63 // /
            case 61: continue // =
            default:
                guard let digit = Shortcode.digitValue(byte) else { return nil }
                value = digit
            }
            bits = bits << 6 | UInt32(value)
            count += 6
            if count >= 8 {
                count -= 8
                out.append(UInt8(truncatingIfNeeded: bits >> UInt32(count)))
            }
        }
        return out
    }
}
