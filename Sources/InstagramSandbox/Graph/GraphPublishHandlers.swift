import Foundation
import HTTPClient
import MediaProbe
import Web

/// Content publishing (graph-api.md §3): `POST /{ig-user-id}/media` (`GraphMediaCreation`: images, videos,
/// stories, reels, carousels, the files fetched and their bytes checked), `GET /{container-id}?fields=status_code,status`, `POST /{ig-user-id}/media_publish`
/// (a container published once only; the post then lives in the world, on its web pages and the CDN) and
/// `GET /{ig-user-id}/content_publishing_limit` (rolling 24 h on the Graph clock).
enum GraphPublishHandlers {
    /// `POST /{ig-user-id}/media`: see `GraphMediaCreation`.
    static func create(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        try GraphMediaCreation.create(&call)
    }

    /// `GET /{container-id}`: its `id`, `status_code` and `status`; nil when the id is no container of the token's accounts.
    static func container(_ call: GraphCall, id: String, visible: [String]) throws(GraphError) -> HTTPResponse? {
        let limits = call.store.limits
        let now = call.now
        let found = try call.store.withPublishing { (containers, _) throws(GraphError) -> (GraphContainer, String, [MediaProblem])? in
            guard let container = containers[id] else { return nil }
            let failed = container.children.compactMap { child in containers[child]?.videoProblem }
            return (container, status(of: container, in: containers, now: now, limits: limits), failed)
        }
        guard case let (container, code, failed)? = found, visible.contains(container.username) else { return nil }
        let fields = GraphFields(call.parameter("fields"), defaults: ["id"])
        return GraphResponse.json(try fields.render { field in
            switch field.name {
            case "id": return .string(container.id)
            case "status_code": return .string(code)
            case "status":
                var shown = container
                if container.kind == .carousel, code == "ERROR" { shown.videoProblem = failed.first }
                return .string(shown.statusText(code))
            default: return nil
            }
        })
    }

    /// `POST /{ig-user-id}/media_publish` with `creation_id`: the container becomes a post in the world, once.
    static func publish(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        let user = try account(&call)
        let creation = try call.require("creation_id")
        let now = call.now
        let limits = call.store.limits
        let container = try call.store.withPublishing { (containers, publications) throws(GraphError) -> (GraphContainer, [GraphContainer]) in
            guard var container = containers[creation], container.username == user.username else { throw missingContainer(creation) }
            guard !container.isCarouselItem else { throw missingContainer(creation) }
            switch status(of: container, in: containers, now: now, limits: limits) {
            case "IN_PROGRESS":
                throw GraphError.graph("not_ready", "(#9007) The media is not ready for publishing, please wait for a moment",
                                       code: 9007, subcode: 2207027)
            case "FINISHED": break
            case "ERROR":
                let subcode = (container.videoProblem ?? container.children.compactMap { containers[$0]?.videoProblem }.first)?.subcode ?? 2207053
                throw GraphError.graph("upload_failed", "(#-1) Media upload has failed with error code \(subcode)", code: -1, subcode: 2207053)
            default: throw missingContainer(creation)
            }
            let recent = publications[user.username, default: []].filter { $0 > now - 86_400 }
            guard recent.count < limits.publishingLimit else {
                throw GraphError.graph("publishing_limit", "(#9) The maximum number of posts that were published in the last 24 hours has been reached.",
                                       code: 9, subcode: 2207042)
            }
            publications[user.username] = recent + [now]
            container.mediaID = "pending"
            containers[creation] = container
            return (container, container.children.compactMap { containers[$0] })
        }
        let realNow = call.realNow
        let pk = call.sandbox.store.update { world in
            GraphPublication.publish(container.0, children: container.1, owner: user.pk, in: &world, now: world.clock(realNow))
        }
        try call.store.withPublishing { (containers, _) throws(GraphError) in containers[creation]?.mediaID = String(pk) }
        return GraphResponse.json(.object([("id", .string(String(pk)))]))
    }

    /// `GET /{ig-user-id}/content_publishing_limit?fields=quota_usage,config`.
    static func limit(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        let user = try account(&call)
        let since = call.parameter("since").flatMap(Double.init).map { max($0, call.now - 86_400) } ?? call.now - 86_400
        let total = call.store.limits.publishingLimit
        let usage = try call.store.withPublishing { (_, publications) throws(GraphError) in
            publications[user.username, default: []].filter { $0 > since }.count
        }
        let fields = GraphFields(call.parameter("fields"), defaults: ["quota_usage"])
        let entry = try fields.render { field -> JSON? in
            switch field.name {
            case "quota_usage": return .int(Int64(usage))
            case "config": return .object([("quota_total", .int(Int64(total))), ("quota_duration", 86_400)])
            default: return nil
            }
        }
        return GraphResponse.json(.object([("data", .array([entry]))]))
    }

    static func missingContainer(_ id: String) -> GraphError {
        .graph("container_missing", "(#24) The media builder with creation id = \(id) does not exist or has been expired.",
               code: 24, subcode: 2207008)
    }

    /// The IG user of the path the token may act for.
    static func account(_ call: inout GraphCall) throws(GraphError) -> SandboxUser {
        let token = try call.requireToken()
        let id = call.request.parameter("id") ?? ""
        for account in GraphNodeHandlers.managed(by: token, call) {
            if let user = call.world.user(username: account.username), user.fbid == id { return user }
        }
        throw GraphError.unsupportedGet(id)
    }

    /// Meta's caption rules: 2,200 characters, 30 hashtags, 20 @-mentions.
    static func check(caption: String) throws(GraphError) {
        let words = caption.split(whereSeparator: { $0.isWhitespace })
        let hashtags = words.filter { $0.hasPrefix("#") && $0.count > 1 }.count
        let mentions = words.filter { $0.hasPrefix("@") && $0.count > 1 }.count
        if mentions > 20 {
            throw GraphError.graph("too_many_mentions", "(#100) The caption has more than 20 @ tags.", code: 100, subcode: 2207040)
        }
        if caption.count > 2200 || hashtags > 30 {
            throw GraphError.graph("caption_too_long", "The caption is too long (at most 2,200 characters and 30 hashtags).",
                                   code: 36004, subcode: 2207010)
        }
    }

    /// A container's `status_code`: a carousel is `IN_PROGRESS` while a child is, `ERROR` when a child failed.
    static func status(of container: GraphContainer, in containers: [String: GraphContainer], now: Double, limits: GraphLimits) -> String {
        let own = container.statusCode(now: now, processing: limits.containerProcessingSeconds, videoProcessing: limits.videoProcessingSeconds)
        guard container.kind == .carousel, own == "FINISHED" else { return own }
        let children = container.children.map { containers[$0]?.statusCode(now: now, processing: limits.containerProcessingSeconds,
                                                                              videoProcessing: limits.videoProcessingSeconds) ?? "EXPIRED" }
        if children.contains("ERROR") { return "ERROR" }
        if children.contains("EXPIRED") { return "EXPIRED" }
        return children.contains("IN_PROGRESS") ? "IN_PROGRESS" : "FINISHED"
    }
}
