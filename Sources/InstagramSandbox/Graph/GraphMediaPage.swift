import Web

/// A page of an account's media with Meta's cursor paging: `limit` (default 25, at most 100), `after`/`before`
/// cursors, `paging.cursors` and `next`/`previous` URLs (no `next` on the last page).
enum GraphMediaPage {
    static let maximum = 100

    static func answer(_ user: SandboxUser, call: GraphCall) throws(GraphError) -> HTTPResponse {
        let all = call.world.timeline(ownerPK: user.pk)
        var limit = 25
        if let text = call.parameter("limit") {
            guard let value = Int(text), value > 0 else { throw GraphError.graph("invalid_limit", "(#100) param limit must be a positive integer", code: 100) }
            limit = min(value, maximum)
        }
        var start = 0
        if let after = call.parameter("after") {
            guard let index = cursorIndex(after) else { throw GraphError.graph("invalid_cursor", "(#100) Invalid cursor: after", code: 100) }
            start = index + 1
        } else if let before = call.parameter("before") {
            guard let index = cursorIndex(before) else { throw GraphError.graph("invalid_cursor", "(#100) Invalid cursor: before", code: 100) }
            start = max(0, index - limit)
            limit = min(limit, index - start)
        }
        let slice = start < all.count ? Array(all[start..<min(all.count, start + limit)]) : []
        let fields = GraphFields(call.parameter("fields"), defaults: ["id"])
        let renderer = GraphRenderer(call: call)
        var data: [JSON] = []
        for post in slice { data.append(try fields.render { renderer.media(post, field: $0) }) }
        var paging: [(String, JSON)] = []
        if !slice.isEmpty {
            paging.append(("cursors", .object([("before", .string(cursor(start))), ("after", .string(cursor(start + slice.count - 1)))])))
            if start + slice.count < all.count { paging.append(("next", .string(link(call, user, ("after", cursor(start + slice.count - 1)), limit)))) }
            if start > 0 { paging.append(("previous", .string(link(call, user, ("before", cursor(start)), limit)))) }
        }
        var object: [(String, JSON)] = [("data", .array(data))]
        if !paging.isEmpty { object.append(("paging", .object(paging))) }
        return GraphResponse.json(.object(object))
    }

    /// An opaque-looking cursor for a position (`QVFI` like Meta's, then the index).
    static func cursor(_ index: Int) -> String { "QVFI" + Base64URL.encode(Array("media:\(index)".utf8)) }

    static func cursorIndex(_ cursor: String) -> Int? {
        guard cursor.hasPrefix("QVFI"), let bytes = Base64URL.decode(String(cursor.dropFirst(4))) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasPrefix("media:"), let index = Int(text.dropFirst(6)), index >= 0 else { return nil }
        return index
    }

    static func link(_ call: GraphCall, _ user: SandboxUser, _ position: (String, String), _ limit: Int) -> String {
        var query: [(String, String)] = []
        if let fields = call.parameter("fields") { query.append(("fields", fields)) }
        query.append(("limit", String(limit)))
        if let token = call.presentedToken, call.parameter("access_token") != nil { query.append(("access_token", token)) }
        query.append(position)
        let version = call.target.version.map { "/" + $0 } ?? ""
        return call.target.base + version + "/" + user.fbid + "/media?" + query.map { "\($0.0)=\(PercentDecoding.encode($0.1))" }.joined(separator: "&")
    }
}
