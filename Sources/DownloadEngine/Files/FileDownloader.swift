import Foundation
import HTTPClient
import Logging
import Observability

/// Streams one CDN file to disk: a partial file, resumed with `Range` after a cut connection, retried with
/// jittered backoff on 5xx/429 (honouring `Retry-After`), checked against the expected `Content-Type`, against
/// every size the CDN stated (the `HEAD`'s `Content-Length`, the `GET`'s `Content-Length` or `Content-Range`
/// total) and for a whole structure (`MediaStructure`: MP4 boxes to the end with `moov`, JPEG SOI…EOI), fsynced
/// and renamed into place only when all of that holds. A file that fails those checks is fetched again from
/// byte 0; one that keeps failing them is refused (`DownloadError.badContent`). A CDN that keeps answering 429
/// is `DownloadError.rateLimited`, with its `Retry-After`.
final class FileDownloader {
    struct Result: Sendable {
        var size: Int64
        var sha256: String
        var crc32: UInt32
        var contentType: String
    }

    let http: HTTPClient
    let logger: Logger
    var maxAttempts = 6
    var maxFileBytes: Int64
    var maxRetryWait = 30.0
    /// Called with the bytes of the current file so far.
    var onProgress: ((Int64) -> Void)?
    /// When set, a transfer still running at this time stops with `DownloadError(.deadline)`, its partial
    /// file kept so that `instagate work` resumes it.
    var deadline: ContinuousClock.Instant?
    /// Whether each file is fsynced before it is renamed (false: the caller syncs a batch of them, `StagedBatch`).
    var syncsEachFile = true
    /// Whether the size is asked with a `HEAD` before the `GET` (a second statement to check the file against).
    /// False for staged batches: the `GET`'s `Content-Length` (or `Content-Range` total) and the file's structure
    /// check it, and a round trip per file is saved.
    var asksSizeFirst = true
    /// libcurl's receive buffer for CDN files (its maximum: fewer, larger chunks).
    static let receiveBuffer = 256 << 10

    init(http: HTTPClient, logger: Logger, maxFileBytes: Int64) {
        self.http = http
        self.logger = logger
        self.maxFileBytes = maxFileBytes
    }

    /// Downloads `url` into `partPath`, then renames it to `finalPath`. `typePrefix` is `image/` or `video/`.
    /// With `resume`, bytes already in `partPath` (or a finished `finalPath` not yet published) are continued with
    /// `Range`. On failure the partial file is removed, except when the deadline passed (the worker resumes it).
    func download(url: String, typePrefix: String, partPath: String, finalPath: String,
                  resume: Bool = false) throws(DownloadError) -> Result {
        if resume, access(partPath, F_OK) != 0, access(finalPath, F_OK) == 0 { _ = rename(finalPath, partPath) }
        let sink = try FileSink(path: partPath, resume: resume)
        sink.onWrite = onProgress
        do throws(DownloadError) {
            let result = try transfer(url: url, typePrefix: typePrefix, sink: sink)
            guard rename(partPath, finalPath) == 0 else {
                throw DownloadError(.storage, "cannot move \((finalPath as NSString).lastPathComponent) into place")
            }
            return result
        } catch {
            if error.code != .deadline { unlink(partPath) }
            throw error
        }
    }

    /// True once the deadline has passed.
    var pastDeadline: Bool { deadline.map { ContinuousClock.now >= $0 } ?? false }

    private func transfer(url: String, typePrefix: String, sink: FileSink) throws(DownloadError) -> Result {
        var failures = 0
        let started = ContinuousClock.now
        var headSize: Int64?? = nil // not asked yet; .some(nil) when the HEAD stated no size
        while true {
            if pastDeadline { throw DownloadError(.deadline, "the synchronous deadline passed") }
            if headSize == nil { headSize = .some(asksSizeFirst ? statedSize(url) : nil) }
            let offset = sink.size
            var outcome = attempt(url: url, offset: offset, sink: sink)
            if case .complete(let response) = outcome {
                let type = try contentType(response, typePrefix: typePrefix)
                guard let problem = inconsistency(response, type: type, sink: sink, headSize: headSize ?? nil) else {
                    let received = ContinuousClock.now
                    let result = try finish(type: type, typePrefix: typePrefix, sink: sink)
                    logger.debug("cdn file done", metadata: [.bytes: "\(result.size)", .transfer: "\(received - started)",
                                                             .fsyncAndHash: "\(ContinuousClock.now - received)"])
                    return result
                }
                // Short, long or cut: nothing of it can be trusted, the HEAD included: all asked again from byte 0.
                sink.truncate(to: 0)
                headSize = nil
                outcome = .retry(problem, nil, .badContent)
            }
            try handle(outcome, offset: offset, sink: sink, failures: &failures)
        }
    }

    /// Applies an outcome other than a verified file: restart, wait and retry (within `maxAttempts`), or throw.
    private func handle(_ outcome: Outcome, offset: Int64, sink: FileSink, failures: inout Int) throws(DownloadError) {
        switch outcome {
        case .complete:
            return
        case .restart:
            sink.truncate(to: 0)
        case .retry(let reason, let wait, let giveUp):
            if sink.size > offset { failures = 0 } // progress was made: the budget is for stalls
            failures += 1
            guard failures < maxAttempts else {
                throw DownloadError(giveUp, "gave up after \(failures) attempts: \(reason)", retryAfter: wait)
            }
            var delay = wait ?? Double.random(in: 0...min(5, 0.25 * pow(2, Double(failures - 1))))
            if let deadline {
                let left = ContinuousClock.now.duration(to: deadline)
                delay = min(delay, max(0, Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18))
            }
            logger.debug("cdn retry", metadata: [.attempt: "\(failures)", .delay: "\(delay)", .reason: "\(reason)",
                                                  .offset: "\(sink.size)"])
            Thread.sleep(forTimeInterval: delay)
        case .fail(let error):
            throw error
        }
    }

    enum Outcome {
        case complete(HTTPClientResponse)
        case restart
        /// Try again after the wait (the CDN's `Retry-After`, else a jittered backoff); past `maxAttempts`, a
        /// `DownloadError` of the given code.
        case retry(String, Double?, DownloadError.Code = .upstream)
        case fail(DownloadError)
    }

    /// The file's size by the CDN's answer to `HEAD` (its `Content-Length`); nil when it stated none (any
    /// failure: the `GET` that follows decides what the CDN's trouble means).
    func statedSize(_ url: String) -> Int64? {
        var request = HTTPClientRequest(method: "HEAD", url: url, headers: [("Accept", "*/*")], timeout: 10)
        request.maxResponseBytes = 0
        guard let answer = try? http.send(request), answer.status == 200 else { return nil }
        return answer.header("Content-Length").flatMap { Int64($0) }
    }

    private func attempt(url: String, offset: Int64, sink: FileSink) -> Outcome {
        var request = HTTPClientRequest(url: url, headers: [("Accept", "*/*")], maxResponseBytes: Int(maxFileBytes) + 4096,
                                        timeout: 6 * 3600)
        request.receiveBufferSize = Self.receiveBuffer
        if offset > 0 { request.headers.append(("Range", "bytes=\(offset)-")) }
        let response: HTTPClientResponse
        let deadline = self.deadline
        do {
            response = try http.stream(request, shouldAbort: deadline.map { at in { ContinuousClock.now >= at } },
                                       onHead: { status, headers in
                                           // The file's own bytes (a 200 from the start or a 206): room for all of them.
                                           guard status == 200 && offset == 0 || status == 206,
                                                 let length = HTTPClientResponse.header("Content-Length", in: headers)
                                                     .flatMap({ Int64($0) }) else { return true }
                                           return sink.reserve(length)
                                       }) { sink.write($0) }
        } catch {
            if let failure = sink.failure { return .fail(DownloadError(.storage, "writing failed: \(failure)")) }
            // Keep the bytes of an attempt that broke off only when they are known to continue the file: a 200
            // to a request from 0, or a 206 starting at the offset (not a 200 that ignored Range, not an error body).
            if !continues(error, offset: offset) { sink.truncate(to: offset) }
            if error.code == .aborted, pastDeadline { return .fail(DownloadError(.deadline, "the synchronous deadline passed")) }
            switch error.code {
            case .timeout, .connectionFailed, .transferFailed: return .retry(error.code.rawValue, nil)
            case .tooLarge: return .fail(DownloadError(.badContent, "the file is larger than \(maxFileBytes) bytes"))
            default: return .fail(DownloadError(.configuration, error.description))
            }
        }
        return classify(response, offset: offset, sink: sink)
    }

    /// Whether the body an interrupted answer delivered continues the file at `offset`.
    func continues(_ error: HTTPClientError, offset: Int64) -> Bool {
        switch error.status {
        case 200: return offset == 0
        case 206:
            let range = ContentRange(HTTPClientResponse.header("Content-Range", in: error.headers))
            return range?.start == offset
        default: return false
        }
    }
}
