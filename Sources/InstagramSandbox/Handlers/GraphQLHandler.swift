import Web

/// `/graphql/query` (GET query_hash, POST doc_id) and `/api/graphql` (web-app Relay), routed by the
/// registry of facts §10, then the friendly name, then the variables' shape.
enum GraphQLHandler {
    /// One parsed GraphQL request.
    struct Query {
        var kind: RelayOperations.Kind?
        var variables: [String: Any]
        /// `/api/graphql` answers without `"status"`.
        var webApp: Bool
    }

    static func handle(_ call: inout SandboxCall) throws(InstagramError) -> HTTPResponse {
        let query = parse(call)
        guard let kind = query.kind else { return failure(query, message: "execution error") }
        guard let data = try answer(kind, query.variables, &call) else { return failure(query, message: "execution error") }
        if query.webApp { return InstagramResponse.json(["data": data, "extensions": ["is_final": true]]) }
        return InstagramResponse.json(["data": data, "status": "ok"])
    }

    static func parse(_ call: SandboxCall) -> Query {
        let form = call.request.method == "POST" ? call.form : [:]
        let text = form["variables"] ?? call.request.query("variables") ?? "{}"
        let variables = JSONInput.object(text) ?? [:]
        let docID = form["doc_id"] ?? call.request.query("doc_id")
        let hash = form["query_hash"] ?? call.request.query("query_hash")
        let friendly = form["fb_api_req_friendly_name"] ?? call.request.headers["X-FB-Friendly-Name"]
        var kind = docID.flatMap { RelayOperations.docIDs[$0] } ?? hash.flatMap { RelayOperations.queryHashes[$0] }
        if kind == nil, docID == nil, hash == nil || hash?.isEmpty == true {
            kind = friendly.flatMap { RelayOperations.friendlyNames[$0] } ?? shape(variables)
        } else if kind == nil, let friendly {
            kind = RelayOperations.friendlyNames[friendly]
        }
        return Query(kind: JSONInput.object(text) == nil ? nil : kind, variables: variables,
                     webApp: call.path.hasPrefix("/api/graphql"))
    }

    /// Whether `path` is one of the GraphQL endpoints (`/graphql/query`, `/api/graphql`).
    static func serves(_ path: String) -> Bool {
        path.hasPrefix("/graphql") || path.hasPrefix("/api/graphql")
    }

    /// What a GraphQL query is about, for the request log: its variables' `username`, else `shortcode`, else `id`;
    /// nil for any other call.
    static func subject(_ call: SandboxCall) -> String? {
        guard serves(call.path) else { return nil }
        let variables = parse(call).variables
        return string(variables, "username") ?? string(variables, "shortcode") ?? string(variables, "id")
    }

    /// Guesses the operation from the variables when nothing names it.
    static func shape(_ variables: [String: Any]) -> RelayOperations.Kind? {
        if variables["shortcode"] != nil { return .postWebInfo }
        if variables["media_id"] != nil { return .postLoggedOut }
        if variables["render_surface"] != nil, variables["id"] != nil { return .profile }
        if variables["username"] != nil, variables["data"] != nil { return .timeline }
        return nil
    }

    /// The GraphQL error answer (unknown doc_id, bad variables, a cursor never issued).
    static func failure(_ query: Query, message: String) -> HTTPResponse {
        let error: JSON = ["message": .string(message), "severity": "CRITICAL", "code": 1_675_030, "summary": "Query error",
                           "description": "An unknown error occurred while processing the query.", "is_silent": false,
                           "is_transient": false, "requires_reauth": false, "allow_user_retry": false, "locations": []]
        if query.webApp { return InstagramResponse.json(["errors": [error], "data": nil]) }
        return InstagramResponse.json(["message": "execution failure", "errors": [error], "data": nil, "status": "fail"])
    }

    static func string(_ variables: [String: Any], _ key: String) -> String? {
        JSONInput.string(variables[key])
    }

    /// `data` for an operation, nil for a failure (bad cursor, missing variables).
    static func answer(_ kind: RelayOperations.Kind, _ variables: [String: Any],
                       _ call: inout SandboxCall) throws(InstagramError) -> JSON? {
        let renderer = call.renderer
        let world = call.world
        switch kind {
        case .postWebInfo:
            guard let code = string(variables, "shortcode") else { return nil }
            let post = visible(code, call)
            return ["xdt_api__v1__media__shortcode__web_info": ["items": .array(post.map { [renderer.mediaItem($0)] } ?? [])]]
        case .postGraphXDT:
            guard let code = string(variables, "shortcode") else { return nil }
            return ["xdt_shortcode_media": visible(code, call).map { renderer.graphMedia($0, prefix: "XDT") } ?? .null]
        case .postGraphPlain:
            guard let code = string(variables, "shortcode") else { return nil }
            return ["shortcode_media": visible(code, call).map { renderer.graphMedia($0) } ?? .null]
        case .postLoggedOut:
            guard let id = string(variables, "media_id").flatMap({ MediaID(parsing: $0) }),
                  let post = world.visiblePost(pk: id.pk, viewerPK: call.viewer.pk) else { return ["xig_polaris_media": nil] }
            return ["xig_polaris_media": ["if_not_gated_logged_out": renderer.mediaItem(post), "comments_connection": ["edges": []]]]
        case .profile:
            let user = string(variables, "id").flatMap { UInt64($0) }.flatMap { world.user(pk: $0) }
            return ["user": user.map { renderer.userV1($0) } ?? .null]
        case .search:
            let text = (string(variables, "query") ?? "").lowercased()
            let users = world.users.values.filter { !text.isEmpty && $0.username.contains(text) }.sorted { $0.username < $1.username }
            return ["xdt_api__v1__fbsearch__non_profiled_serp": ["users": .array(users.prefix(20).map { renderer.userShort($0) }),
                                                                   "rank_token": "1718000000000|sandbox"]]
        case .timeline, .loggedOutTimeline, .legacyTimeline, .reels, .reelsGDL, .tagged:
            return try GraphQLHandler.timelines(kind, variables, call)
        case .highlights:
            return ["highlights": ["edges": [], "page_info": ["has_next_page": false, "end_cursor": nil]]]
        case .storiesGallery:
            return ["xdt_api__v1__feed__reels_media__connection": ["edges": [], "page_info": ["has_next_page": false, "end_cursor": nil]]]
        case .storiesTray:
            return ["xdt_api__v1__feed__reels_tray": ["tray": []]]
        case .viewer:
            return ["user": call.viewer.user.map { renderer.graphUser($0) } ?? .null]
        case .followers, .following:
            return try GraphQLHandler.people(kind == .followers, variables, call)
        case .comments:
            guard let code = string(variables, "shortcode"), let post = visible(code, call) else { return ["shortcode_media": nil] }
            return ["shortcode_media": ["edge_media_to_parent_comment":
                renderer.commentConnection(world.comments[post.pk] ?? [], count: world.commentCount(post))]]
        case .followMutation, .unfollowMutation, .likeMutation, .unlikeMutation:
            return try GraphQLHandler.mutation(kind, variables, &call)
        }
    }

    static func visible(_ code: String, _ call: SandboxCall) -> SandboxPost? {
        guard let pk = Shortcode.decode(code) else { return nil }
        return call.world.visiblePost(pk: pk, viewerPK: call.viewer.pk)
    }
}
