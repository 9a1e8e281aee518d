import Foundation
import Postgres

/// What a publish job starts from, read in the statement that claims the post (`PublicationStore.claim`): the post,
/// its connected account (nil when it was removed), the account's sealed token, and whether Meta's usage has its
/// app or the account paused now. A clear pause and a token let the job's first call skip `GraphAccountAccess`'s own
/// reads of both (`GraphAccessMemo`).
struct PublishClaim: PostgresRecord {
    var post: Publication
    var account: ConnectedAccount?
    var sealedToken: [UInt8]?
    var paused: Bool

    /// The account's columns in the claim's row: `account__` + the name `ConnectedAccount` reads.
    static let prefix = "account__"

    /// `ConnectedAccount.columnsWithUsage`, each renamed with `prefix`.
    static let accountColumns = ConnectedAccount.columnsWithUsage.split(separator: ",").map { column in
        let text = column.trimmingCharacters(in: .whitespacesAndNewlines)
        if let alias = text.range(of: " AS ") { return text[..<alias.lowerBound] + " AS " + prefix + text[alias.upperBound...] }
        return text + " AS " + prefix + (text.split(separator: ".").last.map(String.init) ?? text)
    }.joined(separator: ", ")

    init(row: PostgresRow) throws(PostgresError) {
        post = try Publication(row: row)
        let accountRow = row.unprefixed(PublishClaim.prefix)
        account = try accountRow.text("id") == nil ? nil : try ConnectedAccount(row: accountRow)
        sealedToken = try accountRow.decodeIfPresent("sealed_token", as: PostgresBytes.self)?.bytes
        paused = try accountRow.decodeIfPresent("paused", as: Bool.self) ?? false
    }
}
