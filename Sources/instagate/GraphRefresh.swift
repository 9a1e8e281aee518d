import App
import ArgumentParser
import Foundation
import Postgres

/// `instagate graph-refresh`: refresh the connected accounts' Graph API tokens that are due, now (the worker's
/// `graph_token_refresh` job does the same every INSTAGATE_GRAPH_REFRESH_INTERVAL).
struct GraphRefresh: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph-refresh",
        abstract: "Refresh the Graph API tokens of connected accounts that expire soon; print what was done as JSON.")

    @Option(help: "Take tokens expiring within this many seconds (default INSTAGATE_GRAPH_REFRESH_MARGIN).")
    var within: Double?

    @Flag(help: "Also take tokens refreshed in the last 24 hours (Meta refuses tokens younger than that).")
    var includeRecent = false

    func run() throws {
        let (configuration, logger) = try Environment.start(label: "instagate.graph-refresh")
        let db = try PostgresConnection(conninfo: configuration.databaseURL, applicationName: "instagate-graph-refresh")
        let box = try SecretBox(keyFile: configuration.secretKeyFile)
        let outcome = try TokenRefresher(db: db, box: box, settings: configuration.graph, logger: logger)
            .run(within: within, includeRecent: includeRecent)
        let data = try JSONEncoder().encode(outcome)
        print(String(decoding: data, as: UTF8.self))
    }
}
