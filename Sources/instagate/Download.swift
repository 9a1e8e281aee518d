import App
import ArgumentParser
import Foundation
import Instagram
import Logging

/// `instagate download URL`: downloads a post or reel without the server.
struct Download: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Download every photo and video of an Instagram post or reel, the thumbnails and the metadata JSON.",
        discussion: "Files go to DIR/{shortcode}/ as {date}_{shortcode}.jpg|.mp4 and {shortcode}_metadata.json.")

    @Argument(help: "The post or reel URL (https://www.instagram.com/p/CODE/), or a profile, stories or highlight URL.")
    var url: String

    @Option(name: .long, help: "Profiles: at most this many posts, newest first.")
    var maxPosts: Int?

    @Option(name: .long, help: "Directory to write into (default: the current directory).")
    var out: String = "."

    @Option(name: .long, help: "Username of a saved Instagram session to use when the post needs a login.")
    var session: String?

    @Flag(name: .long, help: "Print the metadata JSON instead of a summary.")
    var json = false

    func run() throws {
        let (configuration, logger) = try Environment.start(label: "instagate.download")
        let directory = out.hasPrefix("/") ? out : FileManager.default.currentDirectoryPath + "/" + out
        let bar = ProgressLine()
        do {
            if let target = try LocalCollectionDownload.target(url) {
                try collection(target, directory: directory, configuration: configuration, logger: logger, bar: bar)
                return
            }
            let metadata = try LocalDownload.run(url: url, directory: directory, session: session, configuration: configuration,
                                                 logger: logger, progress: bar.update, file: bar.file)
            bar.finish()
            try report(metadata, directory: "\(directory)/\(metadata.post.shortcode)")
        } catch {
            bar.finish()
            FileHandle.standardError.write(Data("instagate download: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }

    /// A profile, stories or highlight: one line per item on stdout (or a JSON array of the metadata with `--json`).
    func collection(_ target: CollectionURL, directory: String, configuration: AppConfiguration, logger: Logger,
                    bar: ProgressLine) throws {
        let items = try LocalCollectionDownload.run(target, directory: directory, session: session, maxPosts: maxPosts,
                                                    configuration: configuration, logger: logger,
                                                    progress: { _, bytes in bar.update(bytes) }, file: bar.file)
        bar.finish()
        if json {
            print(String(decoding: try DownloadMetadata.encoder().encode(items), as: UTF8.self))
            return
        }
        for item in items {
            let bytes = item.files.reduce(Int64(0)) { $0 + $1.size }
            print("\(directory)/\(item.post.shortcode)\t\(item.post.type.rawValue)\t\(item.files.count) files\t\(bytes) bytes")
        }
        print("\(items.count) items of \(target.canonicalURL)")
    }

    func report(_ metadata: DownloadMetadata, directory: String) throws {
        if json {
            print(String(decoding: try DownloadMetadata.encoder().encode(metadata), as: UTF8.self))
            return
        }
        for file in metadata.files {
            print("\(directory)/\(file.name)\t\(file.size) bytes\tsha256 \(file.sha256)")
        }
        print("\(directory)/\(DownloadMetadata.fileName(metadata.post.shortcode))")
    }
}

/// A download's progress: a redrawn bar and megabytes on a terminal; otherwise plain lines, one every 10 MB and
/// one per finished file.
final class ProgressLine: @unchecked Sendable { // used from the downloading thread only
    private let output = ProgressOutput()
    private var lastPrinted: Int64 = 0
    private var lastDraw = Date.distantPast

    func update(_ bytes: Int64) {
        if output.terminal {
            guard Date().timeIntervalSince(lastDraw) > 0.1 else { return }
            lastDraw = Date()
            let megabytes = Double(bytes) / 1_048_576 // the size is not known in advance: the bar turns every 20 MB
            let bar = ProgressOutput.bar(filled: Int(megabytes.truncatingRemainder(dividingBy: 20)), width: 21)
            output.redraw("[\(bar)] \(String(format: "%.1f", megabytes)) MB")
        } else if bytes - lastPrinted >= 10 << 20 {
            lastPrinted = bytes
            output.line("downloaded \(bytes) bytes")
        }
    }

    /// A finished file: a plain line when not on a terminal.
    func file(_ file: DownloadedFile) {
        guard !output.terminal else { return }
        output.line("downloaded \(file.name) (\(file.kind.rawValue), \(file.size) bytes)")
    }

    func finish() { output.finish() }
}
