import Foundation
import HTTPClient
import Web

/// A media file fetched as Meta fetches it: a URL of the sandbox's own CDN is read from its file (its signature
/// checked as the CDN would); any other URL is fetched with curl. Anything unreachable is 9004/2207052.
enum GraphMediaFetch {
    static func bytes(_ url: String, call: GraphCall, maxBytes: Int, tooLarge: GraphError) throws(GraphError) -> [UInt8] {
        let failed = GraphError.graph("media_fetch", "(#9004) The media could not be fetched from this uri: \(url)", code: 9004, subcode: 2207052)
        guard let parts = URLParts(url), parts.scheme == "http" || parts.scheme == "https" else { throw failed }
        let path = String(parts.pathAndQuery.split(separator: "?", maxSplits: 1).first ?? "")
        if let own = URLParts(call.sandbox.configuration.publicURL), own.hostAndPort == parts.hostAndPort || parts.host == call.world.cdnHost,
           let asset = call.world.assets[path] {
            let query = Dictionary(parts.pathAndQuery.split(separator: "?", maxSplits: 1).dropFirst().first?.split(separator: "&").map {
                let pair = $0.split(separator: "=", maxSplits: 1).map(String.init)
                return (pair[0], pair.count > 1 ? pair[1] : "")
            } ?? [], uniquingKeysWith: { first, _ in first })
            guard call.sandbox.signer.check(path: path, oh: query["oh"], oe: query["oe"], now: Int(call.realNow)) == nil else { throw failed }
            let file: String
            switch asset.source {
            case .fixture(let name): file = call.world.mediaDirectory + "/" + name
            case .stored(let name): file = call.sandbox.configuration.filesDirectory + "/" + name
            case .generated: throw failed
            }
            guard let data = FileManager.default.contents(atPath: file) else { throw failed }
            guard data.count <= maxBytes else { throw tooLarge }
            return Array(data)
        }
        let client = HTTPClient(configuration: HTTPClientConfiguration(
            connectTimeout: 5, requestTimeout: 60, maxResponseBytes: maxBytes + 1, maxRetries: 0, maxRedirects: 3,
            userAgent: "facebookexternalhit/1.1"))
        let response: HTTPClientResponse
        do {
            response = try client.send(HTTPClientRequest(url: url))
        } catch {
            if error.code == .tooLarge { throw tooLarge }
            throw failed
        }
        guard response.status == 200 else { throw failed }
        return response.body
    }

    /// Stores `bytes` as `published/<id>.<ext>` under `--files-dir`; its name there.
    static func store(_ bytes: [UInt8], id: String, ext: String, call: GraphCall) throws(GraphError) -> String {
        let name = "published/\(id).\(ext)"
        do {
            let directory = call.sandbox.configuration.filesDirectory + "/published"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: call.sandbox.configuration.filesDirectory + "/" + name))
        } catch {
            throw GraphError.graph("create_failed", "Create media failed", code: -1, subcode: 2207032, transient: true, status: .internalServerError)
        }
        return name
    }
}
