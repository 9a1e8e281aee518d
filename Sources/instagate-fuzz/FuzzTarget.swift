import FastCGI
import Foundation
import Instagram
import MediaProbe
import Web

/// The parsers fed with arbitrary bytes (issue 11, part 6): each must return or throw its own error for any
/// input, never crash, hang or trap. `deploy/fuzz` runs each under libFuzzer; a crash it finds becomes a unit test.
enum FuzzTarget: String, CaseIterable {
    /// `PostURLParser` (the `url` of `POST /api/download`).
    case url
    /// FastCGI parameters (NUL-separated `NAME=VALUE` pairs) into an `HTTPRequest`: path, query, headers, id.
    case fastcgi
    /// A JSON body decoded as `decodeJSON` decodes every request body (strict: unknown fields named).
    case json
    /// Instagram's post answers (`MediaParser`: v1 items and GraphQL shortcode media), and media files' own bytes
    /// (`JPEGInfo`, `MP4Info` and `MediaCheck` as every media kind: truncated and malformed boxes and markers).
    case media
    /// Instagram's followers/following pages (`FriendshipList`).
    case friendships

    /// Runs the parser on `bytes`; anything but a crash is a pass.
    func run(_ bytes: UnsafeRawBufferPointer) {
        let data = Array(bytes.bindMemory(to: UInt8.self))
        switch self {
        case .url:
            _ = try? PostURLParser().parse(String(decoding: data, as: UTF8.self))
        case .fastcgi:
            FuzzTarget.request(data)
        case .json:
            let request = HTTPRequest(method: "POST", rawPath: "/api/keys", headers: HTTPHeaders([("Content-Type", "application/json")]),
                                      body: data)
            _ = try? request.decodeJSON(FuzzBody.self)
        case .media:
            _ = try? MediaParser.post(fromAnswer: data)
            _ = JPEGInfo.read(data)
            _ = MP4Info.read(data)
            for kind in MediaKind.allCases { _ = MediaCheck.problems(head: data, totalBytes: data.count, as: kind) }
        case .friendships:
            _ = try? JSONDecoder().decode(FriendshipList.self, from: Data(data))
        }
    }

    /// Parameters from NUL-separated `NAME=VALUE` pairs (the body after a second NUL NUL), then everything a
    /// handler reads of a request.
    static func request(_ data: [UInt8]) {
        var params = FastCGIParams()
        let parts = data.split(separator: 0, omittingEmptySubsequences: false)
        for part in parts.prefix(64) {
            let pair = part.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            params.append(name: String(decoding: pair[0], as: UTF8.self),
                          value: pair.count > 1 ? String(decoding: pair[1], as: UTF8.self) : "")
        }
        let request = HTTPRequest(parsing: FastCGIRequest(params: params, body: Array(parts.dropFirst(64).joined())))
        _ = request.path
        _ = request.queryItems
        _ = request.headers["Content-Type"]
        _ = request.requestID
    }
}

/// A body with the shapes the API's bodies have: strings, numbers, booleans, optionals and a nested list.
struct FuzzBody: StrictDecodable {
    static let allowedFields: Set<String> = ["name", "count", "flag", "items", "ratio"]
    var name: String
    var count: Int?
    var flag: Bool?
    var items: [String]?
    var ratio: Double?
}
