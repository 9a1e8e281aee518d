import Foundation

/// A time given in a query parameter: unix seconds, or ISO 8601 with or without fractional seconds
/// (`2026-12-06T10:00:00Z`, `2026-12-06T10:00:00.250Z`). Nil when it is neither.
public enum TimeParameter {
    public static func parse(_ text: String) -> Date? {
        if let seconds = Double(text), seconds.isFinite { return Date(timeIntervalSince1970: seconds) }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
