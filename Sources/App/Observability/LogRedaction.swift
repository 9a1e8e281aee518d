import Observability

/// The metadata keys whose values the log handlers never write, listed one by one: a key is redacted because it
/// is in this set, not because its name contains "token" (which hid `token_count` and let `sid` through).
public enum LogRedaction {
    /// The secret `LogKey`s.
    public static let secretKeys: Set<LogKey> = [.authorization, .cookie, .csrfToken, .sessionID, .apiKey, .password, .secret, .accessToken]

    /// Their names, as the handlers compare them (exactly, case-sensitive: every key instagate writes is lower case).
    public static let keys: Set<String> = Set(secretKeys.map(\.rawValue))

    /// What is written instead of a redacted value.
    public static let placeholder = "[redacted]"
}
