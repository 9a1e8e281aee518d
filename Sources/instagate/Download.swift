import App
import ArgumentParser
import Foundation
import Instagram

/// `instagate download URL`: downloads a post or reel without the server.
struct Download: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Download every photo and video of an Instagram post or reel, the thumbnails and the metadata JSON.",
        discussion: "Files go to DIR/{shortcode}/ as {date}_{shortcode}.jpg|.mp4 and {shortcode}_metadata.json.")

    @Argument(help: "The post or reel URL (https://www.instagram.com/p/CODE/).")
    var url: String

    @Option(name: .long, help: "Directory to write into (default: the current directory).")
    var out: String = "."

    @Option(name: .long, help: "Username of a saved Instagram session to use when the post needs a login.")
    var session: String?

    @Flag(name: .long, help: "Print the metadata JSON instead of a summary.")
    var json = false

    func run() throws {
        let (configuration, logger) = try Environment.start(label: "instagate.download")
        let directory = out.hasPrefix("/") ? out : FileManager.default.currentDirectoryPath + "/" + out
        let bar = ProgressLine(terminal: isatty(STDERR_FILENO) == 1)
        do {
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

/// Progress on stderr: a redrawn bar on a terminal; otherwise plain lines, one every 10 MB and one per finished file.
final class ProgressLine: @unchecked Sendable { // used from the downloading thread only
    let terminal: Bool
    private var lastPrinted: Int64 = 0
    private var lastDraw = Date.distantPast

    init(terminal: Bool) {
        self.terminal = terminal
    }

    func update(_ bytes: Int64) {
        if terminal {
            guard Date().timeIntervalSince(lastDraw) > 0.1 else { return }
            lastDraw = Date()
            let megabytes = Double(bytes) / 1_048_576
            let ticks = Int(megabytes.truncatingRemainder(dividingBy: 20))
            let bar = String(repeating: "=", count: ticks) + ">" + String(repeating: " ", count: 20 - ticks)
            FileHandle.standardError.write(Data("\r[\(bar)] \(String(format: "%.1f", megabytes)) MB".utf8))
        } else if bytes - lastPrinted >= 10 << 20 {
            lastPrinted = bytes
            FileHandle.standardError.write(Data("downloaded \(bytes) bytes\n".utf8))
        }
        lastPrinted = terminal ? bytes : lastPrinted
    }

    /// A finished file: a plain line when not on a terminal.
    func file(_ file: DownloadedFile) {
        guard !terminal else { return }
        FileHandle.standardError.write(Data("downloaded \(file.name) (\(file.kind.rawValue), \(file.size) bytes)\n".utf8))
    }

    func finish() {
        if terminal { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
