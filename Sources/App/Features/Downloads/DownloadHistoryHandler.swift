import DownloadEngine
import Foundation
import Instagram
import Jobs
import Postgres
import Web

/// `/api/downloads`: an API user's download history (newest first), one download with its progress and
/// fresh links, and deleting one (its files go when no other user's download references them).
enum DownloadHistoryHandler {
    struct Item: Encodable {
        var shortcode: String
        /// The carousel item asked for alone (`img_index`), nil for the whole post.
        var item: Int?
        var status: String
        var mediaType: String?
        var progress: Progress
        var createdAt: Date
        var completedAt: Date?
        var error: ErrorInfo?
        var links: DownloadLinks?
        var metadata: DownloadMetadata?

        struct Progress: Encodable {
            var bytesDone: Int64
            var bytesTotal: Int64?
            enum CodingKeys: String, CodingKey { case bytesDone = "bytes_done", bytesTotal = "bytes_total" }
        }

        struct ErrorInfo: Encodable {
            var code: String
            var message: String
            enum CodingKeys: String, CodingKey { case code = "error_code", message }
        }

        enum CodingKeys: String, CodingKey {
            case shortcode, status, progress, error, metadata
            case item = "img_index"
            case mediaType = "media_type"
            case createdAt = "created_at"
            case completedAt = "completed_at"
        }

        func encode(to encoder: Encoder) throws {
            if let links { try links.encode(to: encoder) }
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(shortcode, forKey: .shortcode)
            try container.encode(item, forKey: .item)
            try container.encode(status, forKey: .status)
            try container.encode(mediaType, forKey: .mediaType)
            try container.encode(progress, forKey: .progress)
            try container.encode(createdAt, forKey: .createdAt)
            try container.encode(completedAt, forKey: .completedAt)
            try container.encodeIfPresent(error, forKey: .error)
            try container.encodeIfPresent(metadata, forKey: .metadata)
        }
    }

    struct Page: Encodable {
        var success = true
        var downloads: [Item]
        var total: Int
        var limit: Int
        var offset: Int
    }

    struct One: Encodable {
        var success = true
        var download: Item
        /// The `callback_url` of the download's job and every delivery attempt so far (absent without one).
        var webhook: CollectionStatusHandler.WebhookInfo?
    }

    @Sendable static func list(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let user = context.user
        let limit = try request.queryInteger("limit", default: 20, range: 1...100)
        let offset = try request.queryInteger("offset", default: 0, range: 0...1_000_000)
        let (records, total) = try DownloadStore(db: try context.database()).list(userID: user.id, limit: limit, offset: offset)
        let items = records.map { item($0, links: nil, withMetadata: false) }
        return .json(Page(downloads: items, total: total, limit: limit, offset: offset))
    }

    @Sendable static func show(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        guard let one = try status(userID: context.user.id, shortcode: shortcode(request), configuration: context.configuration,
                                   services: context.services, db: try context.database()) else {
            throw APIError.notFound("No download of that post.")
        }
        return .json(one)
    }

    /// The answer of `GET /api/downloads/{shortcode}` (also the body of a download's webhook); nil: no such download.
    static func status(userID: Int64, shortcode: String, configuration: AppConfiguration, services: AppServices,
                       db: PostgresConnection) throws -> One? {
        guard let record = try DownloadStore(db: db).find(userID: userID, shortcode: shortcode) else { return nil }
        var links: DownloadLinks?
        let settings = configuration.downloads
        if record.state == "completed", let metadata = record.metadata,
           DownloadStorage(settings: settings).stored(shortcode: record.shortcode, item: metadata.selectedIndex) != nil {
            links = DownloadLinks(metadata: metadata, signer: try services.linkSigner(), base: configuration.publicURL,
                                  lifetime: settings.linkLifetime)
        }
        return One(download: item(record, links: links, withMetadata: true), webhook: try webhook(record, services: services, db: db))
    }

    /// The webhook of the job behind a download, when it was given a `callback_url`.
    static func webhook(_ record: DownloadStore.Record, services: AppServices,
                        db: PostgresConnection) throws -> CollectionStatusHandler.WebhookInfo? {
        guard let jobID = record.jobID, let job = try JobQueue(connection: db).find(id: jobID), job.kind == DownloadJob.name,
              let url = (try? JSONDecoder().decode(DownloadJob.Arguments.self, from: Data(job.args.utf8)))?.callbackURL else { return nil }
        return .init(url: url, deliveries: try WebhookStore(db: db, box: try services.secretBox()).deliveries(sourceJobID: job.id))
    }

    @Sendable static func delete(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let user = context.user
        let code = try shortcode(request)
        let db = try context.database()
        let store = DownloadStore(db: db)
        let coordinator = DownloadCoordinator(db: db, settings: context.configuration.downloads, logger: context.logger)
        let deleted = try coordinator.withLock(code) { () throws -> Bool in
            guard try store.delete(userID: user.id, shortcode: code) else { return false }
            if try !store.isReferenced(shortcode: code) {
                try? FileManager.default.removeItem(atPath: context.configuration.downloads.postDirectory(code))
            }
            return true
        }
        guard deleted else { throw APIError.notFound("No download of that post.") }
        return .json(["success": JSONValue.bool(true), "deleted": .string(code)])
    }

    static func item(_ record: DownloadStore.Record, links: DownloadLinks?, withMetadata: Bool) -> Item {
        Item(shortcode: record.shortcode, item: record.item, status: record.state, mediaType: record.metadata?.post.type.rawValue,
             progress: .init(bytesDone: record.bytesDone, bytesTotal: record.bytesTotal), createdAt: record.createdAt,
             completedAt: record.completedAt,
             error: record.errorCode.map { .init(code: $0, message: record.errorMessage ?? "") },
             links: links, metadata: withMetadata ? record.metadata : nil)
    }

    static func shortcode(_ request: HTTPRequest) throws(APIError) -> String {
        let code = request.parameter("shortcode") ?? ""
        guard (1...12).contains(code.utf8.count), Shortcode.isInAlphabet(code) else {
            throw APIError.notFound("No download of that post.")
        }
        return code
    }
}
