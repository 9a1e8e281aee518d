import App
import ArgumentParser
import Foundation
import Postgres

/// `instagate graph-refresh`: refresh the connected accounts' Graph API tokens that are due, now (the worker's
/// `graph_token_refresh` job does the same every INSTAGATE_GRAPH_REFRESH_INTERVAL); with `--info`, their profiles
/// instead (the `graph_info_refresh` job, every INSTAGATE_GRAPH_INFO_REFRESH_INTERVAL).
struct GraphRefresh: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph-refresh",
        abstract: "Refresh the Graph API tokens of connected accounts that expire soon; print what was done as JSON.")

    @Option(help: "Take tokens expiring within this many seconds (default INSTAGATE_GRAPH_REFRESH_MARGIN).")
    var within: Double?

    @Flag(help: "Also take tokens refreshed in the last 24 hours (Meta refuses tokens younger than that).")
    var includeRecent = false

    @Flag(help: "Refresh the accounts' profiles instead of their tokens.")
    var info = false

    @Option(help: "With --info: take profiles read more than this many seconds ago (default INSTAGATE_GRAPH_INFO_TTL).")
    var olderThan: Double?

    func run() throws {
        let (configuration, logger) = try Environment.start(label: "instagate.graph-refresh")
        let db = try PostgresConnection(conninfo: configuration.databaseURL, applicationName: "instagate-graph-refresh")
        let box = try SecretBox(keyFile: configuration.secretKeyFile)
        let data: Data
        if info {
            data = try JSONEncoder().encode(try InfoRefresher(db: db, box: box, settings: configuration.graph, logger: logger).run(olderThan: olderThan))
        } else {
            data = try JSONEncoder().encode(try TokenRefresher(db: db, box: box, settings: configuration.graph, logger: logger)
                .run(within: within, includeRecent: includeRecent))
        }
        print(String(decoding: data, as: UTF8.self))
    }
}
