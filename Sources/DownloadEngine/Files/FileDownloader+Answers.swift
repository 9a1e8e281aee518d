import Foundation
import HTTPClient

extension FileDownloader {
    /// Decides what a finished HTTP exchange means for the partial file.
    func classify(_ response: HTTPClientResponse, offset: Int64, sink: FileSink) -> Outcome {
        switch response.status {
        case 200:
            return offset > 0 ? .restart : .complete(response)
        case 206:
            guard let range = ContentRange(response.header("Content-Range")), range.start == offset else {
                sink.truncate(to: 0)
                return .retry("206 with an unexpected Content-Range", nil)
            }
            return .complete(response)
        case 416:
            let total = ContentRange(response.header("Content-Range"))?.total
            sink.truncate(to: offset)
            return total == offset && offset > 0 ? .complete(response) : .restart
        default:
            let text = sink.tail(from: offset)
            sink.truncate(to: offset)
            return failure(status: response.status, text: text, retryAfter: response.retryAfter)
        }
    }

    private func failure(status: Int, text: String, retryAfter: Double?) -> Outcome {
        switch status {
        case 403:
            return .fail(DownloadError(.signatureExpired, "the CDN refused the link (403 \(text.prefix(60)))"))
        case 404, 410:
            return .fail(DownloadError(.notFound, "the CDN has no such file (\(status))"))
        case 429:
            if let retryAfter, retryAfter > maxRetryWait {
                return .fail(DownloadError(.rateLimited, "the CDN asked to wait \(Int(retryAfter)) s", retryAfter: retryAfter))
            }
            return .retry("HTTP 429", retryAfter, .rateLimited)
        case 500...:
            if let retryAfter, retryAfter > maxRetryWait {
                return .fail(DownloadError(.upstream, "the CDN asked to wait \(Int(retryAfter)) s", retryAfter: retryAfter))
            }
            return .retry("HTTP \(status)", retryAfter)
        default:
            return .fail(DownloadError(.upstream, "the CDN answered \(status)"))
        }
    }

    /// The answer's media type, checked against `typePrefix` (a `416` carries none: the file was complete).
    func contentType(_ response: HTTPClientResponse, typePrefix: String) throws(DownloadError) -> String {
        var media = (response.header("Content-Type") ?? "").prefix { $0 != ";" } // before any parameter
        while media.first == " " || media.first == "\t" { media.removeFirst() }
        while media.last == " " || media.last == "\t" { media.removeLast() }
        let type = media.lowercased()
        if response.status != 416, !type.hasPrefix(typePrefix) {
            throw DownloadError(.badContent, "expected \(typePrefix)*, the CDN sent \(type.isEmpty ? "no type" : type)")
        }
        return type
    }

    /// What makes a received file untrustworthy: a size other than one the CDN stated (`headSize`, the answer's
    /// `Content-Length` on a 200, its `Content-Range` total on a 206 or 416), or a cut structure; nil when none.
    func inconsistency(_ response: HTTPClientResponse, type: String, sink: FileSink, headSize: Int64?) -> String? {
        let answered: Int64? = response.status == 206 || response.status == 416
            ? ContentRange(response.header("Content-Range"))?.total
            : response.header("Content-Length").flatMap { Int64($0) }
        for (source, stated) in [("the answer", answered), ("HEAD", headSize)] {
            if let stated, stated != sink.size {
                return "size mismatch: \(source) stated \(stated) bytes, got \(sink.size)"
            }
        }
        guard sink.size > 0 else { return nil } // refused below, without retries
        return sink.structureProblem(contentType: type)
    }

    /// Refuses an empty or oversized file, fsyncs it and returns its figures.
    func finish(type: String, typePrefix: String, sink: FileSink) throws(DownloadError) -> Result {
        guard sink.size > 0 else { throw DownloadError(.badContent, "the CDN sent an empty file") }
        if sink.size > maxFileBytes { throw DownloadError(.badContent, "the file is larger than \(maxFileBytes) bytes") }
        let digest = try sink.finish(sync: syncsEachFile)
        return Result(size: sink.size, sha256: digest.sha256, crc32: digest.crc32, contentType: type.isEmpty ? typePrefix + "*" : type)
    }
}
