/// The same post to several connected accounts in one request (`"account_ids": [3, 7]` instead of `account_id`):
/// each account gets its own row and job; a bad id is named by its index (`errors["account_ids[1]"]`).
enum PostBatch {
    /// At most this many accounts in one request.
    static let maxAccounts = 25

    /// `account_ids` as sent: each element an id, or nil where it is not a whole number (named by index, not a
    /// whole-body decoding error).
    struct AccountIDList: Decodable, Equatable {
        var ids: [Int64?]

        init(from decoder: any Decoder) throws {
            var list = try decoder.unkeyedContainer()
            var ids: [Int64?] = []
            while !list.isAtEnd {
                if let id = try? list.decode(Int64.self) {
                    ids.append(id)
                } else {
                    _ = try? list.decode(Skipped.self)
                    ids.append(nil)
                }
            }
            self.ids = ids
        }

        /// Any JSON value, read and dropped.
        struct Skipped: Decodable {
            init(from decoder: any Decoder) throws {}
        }
    }

    /// The accounts of a request: `account_id` or `account_ids` (exactly one of them), every problem added to `errors`.
    static func accountIDs(single: Int64?, list: AccountIDList?, errors: inout [String: String]) -> [Int64] {
        guard let list else {
            guard let single, single > 0 else {
                errors["account_id"] = "is required: the account_id of a connected account (or account_ids: a list of them)"
                return []
            }
            return [single]
        }
        if single != nil { errors["account_id"] = "send account_id or account_ids, not both" }
        guard (1...maxAccounts).contains(list.ids.count) else {
            errors["account_ids"] = "must list 1 to \(maxAccounts) account ids (there are \(list.ids.count))"
            return []
        }
        var seen: Set<Int64> = []
        for (index, id) in list.ids.enumerated() {
            guard let id, id > 0 else {
                errors["account_ids[\(index)]"] = "must be the account_id of a connected account (a positive whole number)"
                continue
            }
            if !seen.insert(id).inserted { errors["account_ids[\(index)]"] = "account \(id) is listed twice" }
        }
        return list.ids.compactMap { $0 }
    }
}
