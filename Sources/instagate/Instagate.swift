import App
import ArgumentParser

/// The `instagate` command: the FastCGI responder and its administration.
@main
struct Instagate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instagate",
        abstract: "Self-hosted backend for Instagram: a FastCGI responder behind nginx, on PostgreSQL.",
        discussion: "Configured by INSTAGATE_* environment variables; see the README.",
        version: InstagateVersion.current,
        subcommands: [Serve.self, Work.self, Migrate.self, Keys.self, Download.self, Analyze.self, GraphRefresh.self, InsightsCollect.self, Version.self]
    )
}
