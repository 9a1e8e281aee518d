import Foundation
import Instagram
import Web

/// `GET /api/instagram/actions?username=&from=&to=&limit=`: the API user's audit log of actions, newest first;
/// CSV with `format=csv` or `Accept: text/csv`.
enum ActionLogHandler {
    struct Listed: Encodable {
        var actions: [ActionStore.LoggedAction]
        var count: Int
    }

    @Sendable static func list(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        var errors: [String: String] = [:]
        let username = request.query("username")
        if let username, !InstagramNames.isUsername(username) { errors["username"] = "must be an Instagram username" }
        let from = date(request.query("from"), field: "from", errors: &errors)
        let to = date(request.query("to"), field: "to", errors: &errors)
        let limit = request.queryInteger("limit", default: 1000, range: 1...100_000, errors: &errors)
        guard let limit, errors.isEmpty else { throw APIError.validation(errors) }
        let rows = try ActionStore(db: try context.database()).list(userID: context.user.id, username: username, from: from, to: to, limit: limit)
        if request.query("format") == "csv" || (request.headers["Accept"] ?? "").contains("text/csv") {
            return .bytes(csv(rows), contentType: "text/csv; charset=utf-8")
        }
        return .json(Answer(data: Listed(actions: rows, count: rows.count)))
    }

    /// ISO 8601 (with or without fractional seconds) or unix seconds.
    static func date(_ text: String?, field: String, errors: inout [String: String]) -> Date? {
        guard let text else { return nil }
        if let date = TimeParameter.parse(text) { return date }
        errors[field] = "must be an ISO 8601 time (2026-12-06T10:00:00Z) or unix seconds"
        return nil
    }

    /// The log as CSV (`Web/CSVText`: RFC 4180, formulas defused, as the analysis lists are written).
    static func csv(_ rows: [ActionStore.LoggedAction]) -> [UInt8] {
        let formatter = ISO8601DateFormatter()
        var csv = CSVText(header: ["id", "created_at", "username", "instagram_user_id", "action", "target", "outcome",
                                   "error_code", "instagram_code"], reservingRows: rows.count)
        for row in rows {
            csv.appendRow([String(row.id), formatter.string(from: row.createdAt), row.username, row.instagramUserID, row.action,
                           row.target, row.outcome, row.errorCode ?? "", row.instagramCode ?? ""])
        }
        return csv.bytes
    }
}
