import Foundation
import Web

/// `GET /api/sns/instagram/calendar?from=&to=&account_id=`: this API user's scheduled and published posts by UTC
/// day (a post's day is its `published_at`, else its `scheduled_at`; failed and cancelled posts are left out).
/// `from` and `to` are days (`2026-12-24`) or RFC 3339 times, `to` excluded; by default the next 31 days.
enum PublishingCalendarHandler {
    /// The longest range one request may ask for.
    static let maxDays = 93

    struct Calendar: Encodable {
        var success = true
        var from: Date
        var to: Date
        var count: Int
        var days: [Day]
    }

    struct Day: Encodable {
        var date: String
        var posts: [PublicationJSON]
    }

    @Sendable static func calendar(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let range = try Range(request)
        if let accountID = range.accountID {
            let accounts = try context.thread.connectedAccounts()
            guard try accounts.account(id: accountID, userID: context.user.id) != nil else { throw ConnectedAccountHandlers.notFound }
        }
        let rows = try PublicationStore(db: try context.database())
            .calendar(userID: context.user.id, accountID: range.accountID, from: range.from, to: range.to)
        var days: [Day] = []
        for row in rows {
            let date = Self.day(row.publishedAt ?? row.scheduledAt ?? row.createdAt)
            if days.last?.date != date { days.append(Day(date: date, posts: [])) }
            days[days.count - 1].posts.append(PublicationJSON(row, listed: true))
        }
        return .json(Calendar(from: range.from, to: range.to, count: rows.count, days: days))
    }

    /// `2026-12-24`: a time's UTC day.
    static func day(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.string(from: date)
    }

    /// The query, every bad parameter named in one 422.
    struct Range {
        var from: Date
        var to: Date
        var accountID: Int64?

        init(_ request: HTTPRequest, now: Date = Date()) throws(APIError) {
            var errors: [String: String] = [:]
            let today = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
            from = today
            to = today.addingTimeInterval(31 * 86_400)
            if let text = request.query("from") {
                if let time = Range.time(text) { from = time } else { errors["from"] = "must be a day (2026-12-24) or an RFC 3339 time" }
            }
            if let text = request.query("to") {
                if let time = Range.time(text) { to = time } else { errors["to"] = "must be a day (2026-12-24) or an RFC 3339 time" }
            } else if request.query("from") != nil {
                to = from.addingTimeInterval(31 * 86_400)
            }
            if errors.isEmpty, to <= from {
                errors["to"] = "must be after from (to is excluded: for the one day 2026-12-24, give from=2026-12-24&to=2026-12-25)"
            }
            if errors.isEmpty, to.timeIntervalSince(from) > Double(maxDays) * 86_400 { errors["to"] = "at most \(maxDays) days after from" }
            accountID = ConnectedAccountHandlers.optionalAccountID(request.query("account_id"), field: "account_id", errors: &errors)
            if !errors.isEmpty { throw APIError.validation(errors) }
        }

        /// A UTC day (`2026-12-24`) or an RFC 3339 time with its offset.
        static func time(_ text: String) -> Date? {
            if text.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil {
                let formatter = ISO8601DateFormatter()
                formatter.formatOptions = [.withFullDate]
                return formatter.date(from: text)
            }
            guard text.range(of: #"(Z|[+-]\d{2}:\d{2})$"#, options: .regularExpression) != nil else { return nil }
            return TimeParameter.parse(text)
        }
    }
}
