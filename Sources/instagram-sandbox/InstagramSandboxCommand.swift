import ArgumentParser
import FastCGI
import Foundation
import InstagramSandbox
import Logging

/// `instagram-sandbox`: the offline stand-in for Instagram's web API and CDN.
@main
struct InstagramSandboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instagram-sandbox",
        abstract: "An offline stand-in for Instagram's web API, mobile API, pages and CDN (FastCGI behind nginx).",
        subcommands: [Serve.self, CheckWorld.self])
}

/// `serve`: the FastCGI responder; foreground, logs to stderr, SIGTERM ends it with status 0.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the sandbox over FastCGI.")

    @Option(help: "Where to listen: unix:/abs/path.sock or host:port.")
    var listen: String

    @Option(help: "World directory (default: the world shipped in the repository).")
    var world: String?

    @Flag(help: "Enable the /__sandbox/ admin API (faults, reset, request log, world state).")
    var admin = false

    @Option(help: "Writable directory for generated large CDN files (nginx serves it).")
    var filesDir: String?

    @Option(help: "Base URL that CDN URLs and page links point at.")
    var publicURL = "http://127.0.0.1:8081"

    @Option(help: "FastCGI worker threads.")
    var threads = 8

    @Option(help: "Overrides the world's seed (generated data, CDN paths).")
    var seed: UInt64?

    @Option(help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel = "info"

    func run() throws {
        var logger = Logger(label: "instagram-sandbox")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        guard let address = FastCGIListenAddress(parsing: listen) else {
            throw ValidationError("--listen must be unix:/path or host:port, got \(listen)")
        }
        let directory = world ?? WorldLoader.defaultWorldDirectory
        var loaded = try WorldLoader.load(directory: directory)
        if let seed { loaded.seed = seed }
        let files = filesDir ?? NSTemporaryDirectory() + "instagram-sandbox-files"
        try FileManager.default.createDirectory(atPath: files, withIntermediateDirectories: true)
        var configuration = SandboxConfiguration(publicURL: publicURL, filesDirectory: files, adminEnabled: admin)
        if world != nil, filesDir != nil {
            configuration.mediaAccelPrefix = try linkWorldMedia(loaded.mediaDirectory, into: files)
        }
        let sandbox = Sandbox(world: loaded, configuration: configuration, logger: logger)
        let server = try FastCGIServer(configuration: FastCGIConfiguration(address: address, threads: threads))
        logger.info("instagram-sandbox serving", metadata: [
            "listen": "\(address)", "world": "\(directory)", "admin": "\(admin)", "public_url": "\(publicURL)",
            "files_dir": "\(files)", "threads": "\(threads)"])
        let report = server.run(makeContext: { _ in () }, handle: { _, request in sandbox.respond(to: request) })
        logger.info("instagram-sandbox stopped", metadata: ["signal": "\(report.signal)"])
    }

    /// A custom world's media is served through the files location: `<files>/world-media` links to it.
    func linkWorldMedia(_ media: String, into files: String) throws -> String {
        let link = files + "/world-media"
        try? FileManager.default.removeItem(atPath: link)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: media)
        return "/__sandbox_files/world-media/"
    }
}

/// `check-world`: loads a world and prints a summary (non-zero exit when it does not load).
struct CheckWorld: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load a world directory and summarise it.")

    @Option(help: "World directory (default: the world shipped in the repository).")
    var world: String?

    func run() throws {
        let loaded = try WorldLoader.load(directory: world ?? WorldLoader.defaultWorldDirectory)
        print("world \(loaded.name): \(loaded.users.count) users, \(loaded.posts.count) posts, "
              + "\(loaded.sessions.count) sessions, \(loaded.generated.count) generated graphs, media \(loaded.mediaDirectory)")
        for post in loaded.posts.values.sorted(by: { $0.key < $1.key }) {
            print("  \(post.shortcode)  \(post.kind.rawValue)  \(post.key)\(post.deleted ? " (deleted)" : "")")
        }
    }
}
