import Foundation
import HTTPClient
import Web

/// Content publishing (graph-api.md §3): `POST /{ig-user-id}/media` (an image container: the image fetched from
/// its URL, its bytes checked), `GET /{container-id}?fields=status_code,status`, `POST /{ig-user-id}/media_publish`
/// (a container published once only; the post then lives in the world, on its web pages and the CDN) and
/// `GET /{ig-user-id}/content_publishing_limit` (rolling 24 h on the Graph clock).
enum GraphPublishHandlers {
    static let maxImageBytes = 8 * 1024 * 1024

    /// `POST /{ig-user-id}/media` with `image_url` and an optional `caption`.
    static func create(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        let user = try account(&call)
        if let type = call.parameter("media_type"), !type.isEmpty {
            throw GraphError.graph("unknown_media_type", "(#100) The sandbox publishes images only; media_type \(type) is not supported yet",
                                   code: 100, subcode: 2207023)
        }
        let url = try call.require("image_url")
        let caption = call.parameter("caption")
        if let caption { try check(caption: caption) }
        let bytes = try fetch(url, call: call)
        guard bytes.count <= maxImageBytes else {
            throw GraphError.graph("image_too_large", "The image size is too large.", code: 36000, subcode: 2207004)
        }
        guard let info = JPEGInfo.read(bytes) else {
            throw GraphError.graph("image_format", "The image format is not supported.", code: 36001, subcode: 2207005)
        }
        let ratio = Double(info.width) / Double(info.height)
        guard ratio >= 0.8 - 0.0001 && ratio <= 1.91 + 0.0001 else {
            throw GraphError.graph("aspect_ratio", "The submitted image with aspect ratio \(info.width):\(info.height) cannot be published. Please submit an image with a valid aspect ratio.",
                                   code: 36003, subcode: 2207009)
        }
        let id = String(17_890_000_000_000_000 + UInt64.random(in: 0..<9_000_000_000_000))
        let name = "published/\(id).jpg"
        do {
            let directory = call.sandbox.configuration.filesDirectory + "/published"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: call.sandbox.configuration.filesDirectory + "/" + name))
        } catch {
            throw GraphError.graph("create_failed", "Create media failed", code: -1, subcode: 2207032, transient: true, status: .internalServerError)
        }
        let container = GraphContainer(id: id, username: user.username, caption: caption, fileName: name,
                                       width: info.width, height: info.height, createdAt: call.now)
        try call.store.withPublishing { (containers, _) throws(GraphError) in containers[id] = container }
        return GraphResponse.json(.object([("id", .string(id))]))
    }

    /// `GET /{container-id}`: its `id`, `status_code` and `status`; nil when the id is no container of the token's accounts.
    static func container(_ call: GraphCall, id: String, visible: [String]) throws(GraphError) -> HTTPResponse? {
        let processing = call.store.limits.containerProcessingSeconds
        guard let container = try call.store.withPublishing({ (containers, _) throws(GraphError) in containers[id] }),
              visible.contains(container.username) else { return nil }
        let code = container.statusCode(now: call.now, processing: processing)
        let fields = GraphFields(call.parameter("fields"), defaults: ["id"])
        return GraphResponse.json(try fields.render { field in
            switch field.name {
            case "id": return .string(container.id)
            case "status_code": return .string(code)
            case "status": return .string(GraphContainer.statusText(code))
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
        let container = try call.store.withPublishing { (containers, publications) throws(GraphError) -> GraphContainer in
            guard var container = containers[creation], container.username == user.username else { throw missingContainer(creation) }
            switch container.statusCode(now: now, processing: limits.containerProcessingSeconds) {
            case "IN_PROGRESS":
                throw GraphError.graph("not_ready", "(#9007) The media is not ready for publishing, please wait for a moment",
                                       code: 9007, subcode: 2207027)
            case "FINISHED": break
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
            return container
        }
        let realNow = call.realNow
        let post = call.sandbox.store.update { world in
            world.addPublishedPhoto(owner: user.pk, caption: container.caption, storedFile: container.fileName,
                                    width: container.width, height: container.height, now: world.clock(realNow))
        }
        try call.store.withPublishing { (containers, _) throws(GraphError) in containers[creation]?.mediaID = String(post.pk) }
        return GraphResponse.json(.object([("id", .string(String(post.pk)))]))
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

    /// The image's bytes: a URL of the sandbox's own CDN is read from its file (its signature checked as the CDN
    /// would); any other URL is fetched with curl, as Meta cURLs it. Anything unreachable is 9004/2207052.
    static func fetch(_ url: String, call: GraphCall) throws(GraphError) -> [UInt8] {
        let failed = GraphError.graph("media_fetch", "(#9004) The media could not be fetched from this uri: \(url)", code: 9004, subcode: 2207052)
        guard let parts = URLParts(url), parts.scheme == "http" || parts.scheme == "https" else { throw failed }
        let path = String(parts.pathAndQuery.split(separator: "?", maxSplits: 1).first ?? "")
        if let own = URLParts(call.sandbox.configuration.publicURL), own.hostAndPort == parts.hostAndPort || parts.host == call.world.cdnHost,
           let asset = call.world.assets[path] {
            let query = Dictionary(parts.pathAndQuery.split(separator: "?", maxSplits: 1).dropFirst().first?.split(separator: "&").map {
                let pair = $0.split(separator: "=", maxSplits: 1).map(String.init)
                return (pair[0], pair.count > 1 ? pair[1] : "")
            } ?? [], uniquingKeysWith: { first, _ in first })
            guard call.sandbox.signer.check(path: path, oh: query["oh"], oe: query["oe"], now: Int(call.realNow)) == nil else { throw failed }
            let file: String
            switch asset.source {
            case .fixture(let name): file = call.world.mediaDirectory + "/" + name
            case .stored(let name): file = call.sandbox.configuration.filesDirectory + "/" + name
            case .generated: throw failed
            }
            guard let data = FileManager.default.contents(atPath: file) else { throw failed }
            return Array(data)
        }
        let client = HTTPClient(configuration: HTTPClientConfiguration(
            connectTimeout: 5, requestTimeout: 20, maxResponseBytes: maxImageBytes + 1, maxRetries: 0, maxRedirects: 3,
            userAgent: "facebookexternalhit/1.1"))
        let response: HTTPClientResponse
        do {
            response = try client.send(HTTPClientRequest(url: url))
        } catch {
            if error.code == .tooLarge {
                throw GraphError.graph("image_too_large", "The image size is too large.", code: 36000, subcode: 2207004)
            }
            throw failed
        }
        guard response.status == 200 else { throw failed }
        return response.body
    }
}
