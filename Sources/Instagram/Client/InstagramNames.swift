/// The shapes of what a caller hands us to name an Instagram account or carry its session, checked once
/// for every endpoint that takes them.
public enum InstagramNames {
    /// An Instagram username: 1–30 of `A–Z a–z 0–9 . _`.
    public static func isUsername(_ text: Substring) -> Bool {
        (1...30).contains(text.utf8.count)
            && text.utf8.allSatisfy { $0 == 46 || $0 == 95 || (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) }
    }

    /// An Instagram username: 1–30 of `A–Z a–z 0–9 . _`.
    public static func isUsername(_ text: String) -> Bool { isUsername(text[...]) }

    /// What is wrong with a cookie value (`sessionid`, `csrftoken`), or nil: 1 to `maxLength` bytes of RFC 6265's
    /// cookie-octets (printable ASCII without space, `"`, `,`, `;` and `\`), so it can never break the `Cookie`
    /// header it is sent in.
    public static func cookieProblem(_ value: String, maxLength: Int) -> String? {
        if value.isEmpty { return "must not be empty" }
        if value.utf8.count > maxLength { return "must be at most \(maxLength) characters" }
        let allowed = value.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x2C && $0 != 0x3B && $0 != 0x5C }
        return allowed ? nil : "must be printable ASCII without spaces, control characters, '\"', ',', ';' or '\\'"
    }
}
