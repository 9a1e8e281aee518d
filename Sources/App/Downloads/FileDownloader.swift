import Foundation
import HTTPClient
import Logging

/// Streams one CDN file to disk: a partial file, resumed with `Range` after a cut connection, retried with
/// jittered backoff on 5xx/429 (honouring `Retry-After`), checked against the expected `Content-Type` and the
/// announced size, fsynced and renamed into place only when complete.
final class FileDownloader {
    struct Result: Sendable {
        var size: Int64
        var sha256: String
        var contentType: String
    }

    let http: HTTPClient
    let logger: Logger
    var maxAttempts = 6
    var maxFileBytes: Int64
    var maxRetryWait = 30.0
    /// Called with the bytes of the current file so far.
    var onProgress: ((Int64) -> Void)?

    init(http: HTTPClient, logger: Logger, maxFileBytes: Int64) {
        self.http = http
        self.logger = logger
        self.maxFileBytes = maxFileBytes
    }

    /// Downloads `url` into `partPath`, then renames it to `finalPath`. `typePrefix` is `image/` or `video/`.
    /// On failure the partial file is removed.
    func download(url: String, typePrefix: String, partPath: String, finalPath: String) throws(DownloadError) -> Result {
        let sink = try FileSink(path: partPath)
        sink.onWrite = onProgress
        do throws(DownloadError) {
            let result = try transfer(url: url, typePrefix: typePrefix, sink: sink)
            guard rename(partPath, finalPath) == 0 else {
                throw DownloadError(.storage, "cannot move \((finalPath as NSString).lastPathComponent) into place")
            }
            return result
        } catch {
            unlink(partPath)
            throw error
        }
    }

    private func transfer(url: String, typePrefix: String, sink: FileSink) throws(DownloadError) -> Result {
        var failures = 0
        while true {
            let offset = sink.size
            let snapshot = sink.hasher
            let outcome = attempt(url: url, offset: offset, sink: sink)
            switch outcome {
            case .complete(let response):
                return try verify(response, typePrefix: typePrefix, sink: sink)
            case .restart:
                sink.truncate(to: 0, hasher: .init())
            case .retry(let reason, let wait):
                if sink.size > offset { failures = 0 } // progress was made: the budget is for stalls
                failures += 1
                guard failures < maxAttempts else { throw DownloadError(.upstream, "gave up after \(failures) attempts: \(reason)") }
                if sink.size < offset { sink.truncate(to: offset, hasher: snapshot) }
                let delay = wait ?? Double.random(in: 0...min(5, 0.25 * pow(2, Double(failures - 1))))
                logger.debug("cdn retry", metadata: ["attempt": "\(failures)", "delay": "\(delay)", "reason": "\(reason)",
                                                      "offset": "\(sink.size)"])
                Thread.sleep(forTimeInterval: delay)
            case .fail(let error):
                throw error
            }
        }
    }

    enum Outcome {
        case complete(HTTPClientResponse)
        case restart
        case retry(String, Double?)
        case fail(DownloadError)
    }

    private func attempt(url: String, offset: Int64, sink: FileSink) -> Outcome {
        var request = HTTPClientRequest(url: url, headers: [("Accept", "*/*")], maxResponseBytes: Int(maxFileBytes) + 4096,
                                        timeout: 6 * 3600)
        if offset > 0 { request.headers.append(("Range", "bytes=\(offset)-")) }
        let snapshot = sink.hasher
        let response: HTTPClientResponse
        do {
            response = try http.stream(request) { sink.write($0) }
        } catch {
            if let failure = sink.failure { return .fail(DownloadError(.storage, "writing failed: \(failure)")) }
            // A resumed attempt that broke off may have been a 200 that ignored Range (the sink cannot see the
            // status): keep only bytes of attempts that are known to continue the file.
            if offset > 0 { sink.truncate(to: offset, hasher: snapshot) }
            switch error.code {
            case .timeout, .connectionFailed, .transferFailed: return .retry(error.code.rawValue, nil)
            case .tooLarge: return .fail(DownloadError(.badContent, "the file is larger than \(maxFileBytes) bytes"))
            default: return .fail(DownloadError(.configuration, error.description))
            }
        }
        return classify(response, offset: offset, sink: sink, snapshot: snapshot)
    }
}
