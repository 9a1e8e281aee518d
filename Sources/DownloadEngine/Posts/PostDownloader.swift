import Foundation
import HTTPClient
import Instagram
import Logging
import Observability

/// Downloads a whole post: fetches it from Instagram, streams every file into a partial directory, then moves
/// the files into `downloads/{shortcode}/` and writes the metadata JSON last. A CDN signature that expires
/// mid-way gets the post fetched again once for fresh URLs. Nothing is left visible when it fails; when the
/// deadline passes, the partial directory is kept (marked for resumption) and `DownloadDeferral` is thrown.
public final class PostDownloader {
    let settings: DownloadSettings
    let instagram: InstagramWebClient
    let cdn: HTTPClient
    let logger: Logger
    /// Called with the bytes written so far across all files of the post.
    public var onProgress: ((Int64) -> Void)?
    /// Called when a file is complete (for plain progress lines).
    public var onFile: ((DownloadedFile) -> Void)?
    /// Checks the post and its plan before any file is fetched; throws (e.g. `DownloadDeferral`) to stop.
    public var admit: ((InstagramPost, DownloadPlan) throws -> Void)?
    /// When set, the download stops at this time with `DownloadDeferral(.deadline)`.
    public var deadline: ContinuousClock.Instant?
    /// Whether a partial directory found without its resume marker is continued too: one left by a process
    /// that died mid-download (`kill -9`, a crash), whose files hold every byte written before (the page cache
    /// outlives the process). Only safe for callers holding the post's lock (the responder and the worker, through
    /// App's `DownloadCoordinator`), so that no one else is writing it; true by default.
    public var resumesLeftovers = true

    /// The file in a partial directory that marks it as resumable (left by a download that met its deadline).
    static let resumeMarker = ".resume"

    /// A downloader writing under `settings.directory`, fetching posts with `instagram` and files with `cdn`.
    public init(settings: DownloadSettings, instagram: InstagramWebClient, cdn: HTTPClient, logger: Logger) {
        self.settings = settings
        self.instagram = instagram
        self.cdn = cdn
        self.logger = logger
    }

    /// Fetches and downloads `url` (its `img_index` item only when `selectItem`).
    public func download(_ url: PostURL, session: InstagramSession?, selectItem: Bool = false) throws -> DownloadMetadata {
        var post = try instagram.fetchPost(url, session: session)
        let index = selectItem ? url.imageIndex : nil
        if let index, !post.items.contains(where: { $0.index == index }) {
            throw DownloadError(.noSuchItem, "the post has \(post.items.count) items; img_index \(index) does not exist")
        }
        try admit?(post, DownloadPlan(post: post, selecting: index))
        let partial = settings.partialDirectory(post.shortcode)
        let resume = try prepare(partial)
        var keep = false
        defer { if !keep { try? FileManager.default.removeItem(atPath: partial) } }
        let files = FileTally()
        do {
            if let error = downloadFilesCatching(DownloadPlan(post: post, selecting: index), into: partial, done: files, resume: resume) {
                guard error.code == .signatureExpired else { throw error }
                logger.info("cdn signature refused; fetching the post again", metadata: [.shortcode: "\(post.shortcode)"])
                post = try instagram.fetchPost(url, session: session)
                try downloadFiles(DownloadPlan(post: post, selecting: index), into: partial, done: files, resume: resume)
            }
        } catch let error as DownloadError where error.code == .deadline {
            keep = FileManager.default.createFile(atPath: "\(partial)/\(Self.resumeMarker)", contents: nil)
            throw DownloadDeferral(reason: .deadline)
        }
        let plan = DownloadPlan(post: post, selecting: index)
        let metadata = DownloadMetadata(post: post, files: plan.entries.compactMap { files.files[$0.name] }, downloadedAt: Date(),
                                        selectedIndex: index)
        try publish(metadata, from: partial)
        return metadata
    }

    /// The videos' total size by the CDN's `Content-Length` (one `HEAD` each); nil when a size is unknown.
    public static func videoBytes(_ plan: DownloadPlan, cdn: HTTPClient) -> Int64? {
        var total: Int64 = 0
        for entry in plan.entries where entry.kind == .video {
            var request = HTTPClientRequest(method: "HEAD", url: entry.url, headers: [("Accept", "*/*")], timeout: 10)
            request.maxResponseBytes = 0
            guard let answer = try? cdn.send(request), answer.status == 200,
                  let length = answer.header("Content-Length").flatMap({ Int64($0) }) else { return nil }
            total += length
        }
        return total
    }

    /// Creates the partial directory; keeps one marked resumable, or left by a dead process when
    /// `resumesLeftovers` (and returns true: the files in it continue with `Range`, their hashes computed again
    /// from their bytes, and each is verified whole before it is published), else starts it empty.
    func prepare(_ partial: String) throws(DownloadError) -> Bool {
        if mkdir(partial, 0o777) == 0 { return false } // the common case in one call: nothing was there
        let marker = "\(partial)/\(Self.resumeMarker)"
        var directory: ObjCBool = false
        if FileManager.default.fileExists(atPath: marker)
            || resumesLeftovers && FileManager.default.fileExists(atPath: partial, isDirectory: &directory) && directory.boolValue {
            try? FileManager.default.removeItem(atPath: marker)
            logger.info("resuming the partial files on disk", metadata: [.path: "\(partial)"])
            return true
        }
        try? FileManager.default.removeItem(atPath: partial)
        do {
            try FileManager.default.createDirectory(atPath: partial, withIntermediateDirectories: true)
        } catch {
            throw DownloadError(.storage, "cannot create the download directory: \(error)")
        }
        return false
    }

    func downloadFilesCatching(_ plan: DownloadPlan, into partial: String, done: FileTally, resume: Bool) -> DownloadError? {
        do {
            try downloadFiles(plan, into: partial, done: done, resume: resume)
            return nil
        } catch {
            return error
        }
    }

    func downloadFiles(_ plan: DownloadPlan, into partial: String, done: FileTally, resume: Bool,
                       sync: Bool = true) throws(DownloadError) {
        let downloader = FileDownloader(http: cdn, logger: logger, maxFileBytes: settings.maxFileBytes)
        downloader.deadline = deadline
        downloader.syncsEachFile = sync
        downloader.asksSizeFirst = sync // a staged batch (not synced per file) saves the HEAD's round trip
        let report = onProgress
        var finishedBytes = done.files.values.reduce(0) { $0 + $1.size }
        for entry in plan.entries where done.files[entry.name] == nil {
            let base = finishedBytes
            downloader.onProgress = { size in report?(base + size) }
            let result = try downloader.download(url: entry.url, typePrefix: entry.typePrefix, partPath: "\(partial)/\(entry.name).part",
                                                 finalPath: "\(partial)/\(entry.name)", resume: resume)
            let file = DownloadedFile(name: entry.name, kind: entry.kind, index: entry.index, size: result.size,
                                      sha256: result.sha256, crc32: result.crc32, contentType: result.contentType,
                                      width: entry.width, height: entry.height)
            done.files[entry.name] = file
            onFile?(file)
            finishedBytes += result.size
        }
    }

    /// Moves the files into `downloads/{shortcode}/`, then writes the metadata file (temp, fsync, rename).
    func publish(_ metadata: DownloadMetadata, from partial: String) throws {
        let target = settings.postDirectory(metadata.post.shortcode)
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
        for file in metadata.files {
            guard rename("\(partial)/\(file.name)", "\(target)/\(file.name)") == 0 else {
                throw DownloadError(.storage, "cannot move \(file.name) into place")
            }
        }
        let name = DownloadMetadata.fileName(metadata.post.shortcode)
        try Self.writeMetadata(metadata, into: partial, sync: true)
        guard rename("\(partial)/\(name)", "\(target)/\(name)") == 0 else {
            throw DownloadError(.storage, "cannot move the metadata file into place")
        }
    }

    /// Writes the metadata file into `partial` (fsynced when `sync`). One `open`, `write`, `close`: Foundation's
    /// `createFile` writes a temporary file, fsyncs and renames it, a disk flush per file that a staged batch
    /// (`sync` false) leaves to its one filesystem sync. Returns the bytes written.
    @discardableResult
    static func writeMetadata(_ metadata: DownloadMetadata, into partial: String, sync: Bool) throws -> Data {
        let data = metadata.json()
        let path = "\(partial)/\(DownloadMetadata.fileName(metadata.post.shortcode))"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DownloadError(.storage, "cannot write the metadata file") }
        defer { close(fd) }
        let written = data.withUnsafeBytes { bytes in write(fd, bytes.baseAddress, bytes.count) }
        guard written == data.count else { throw DownloadError(.storage, "cannot write the metadata file") }
        guard !sync || fsync(fd) == 0 else { throw DownloadError(.storage, "fsync failed: \(String(cString: strerror(errno)))") }
        return Data(data)
    }
}
