import App
import ArgumentParser
import Foundation
import Postgres

/// `instagate insights-collect`: collect the connected accounts' insights now (the worker's `insights_collect` job
/// does the same every INSTAGATE_GRAPH_INSIGHTS_INTERVAL).
struct InsightsCollect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "insights-collect",
        abstract: "Collect the insights of connected accounts and their published posts that are due; print what was done as JSON.")

    @Flag(help: "Also take accounts paused after a rate limit and posts read within the hour or day.")
    var all = false

    @Option(help: "Only this connected account (its account_id).")
    var account: Int64?

    func run() throws {
        let (configuration, logger) = try Environment.start(label: "instagate.insights-collect")
        let db = try PostgresConnection(conninfo: configuration.databaseURL, applicationName: "instagate-insights-collect")
        let box = try SecretBox(keyFile: configuration.secretKeyFile)
        let outcome = try InsightsCollector(db: db, box: box, settings: configuration.graph, logger: logger).run(all: all, accountID: account)
        let data = try JSONEncoder().encode(outcome)
        print(String(decoding: data, as: UTF8.self))
    }
}
