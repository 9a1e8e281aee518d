import Crypto
import Foundation
import HTTPClient
import Testing

/// Uploads for publishing (issue 14) through nginx → responder → PostgreSQL: the body written to disk by nginx and
/// taken over by the responder, judged from its bytes, owned by its API user, and served back byte for byte at a
/// signed link that nginx refuses tampered or expired.
@Suite("Uploads", .threaded, .serialized, .needsStack)
struct UploadTests {
    let http = TestHTTP(timeout: 30)

    /// A file of the sandbox's default world (a real JPEG or MP4).
    static func fixture(_ name: String) throws -> [UInt8] {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return [UInt8](try Data(contentsOf: repo.appendingPathComponent("Sources/InstagramSandbox/Worlds/default/media/\(name)")))
    }

    func upload(_ bytes: [UInt8], type: String, key: String) throws -> HTTPClientResponse {
        try http.send("POST", "/api/sns/instagram/uploads", key: key, headers: [("Content-Type", type)], body: bytes)
    }

    @Test("a JPEG and an MP4 are kept, typed and sized from their bytes, and served back identical at their signed links")
    func jpegAndMP4() throws {
        let key = try TestStack.newKey()
        for (name, type, mediaType) in [("c01.jpg", "image/jpeg", "IMAGE"), ("v03.mp4", "video/mp4", "VIDEO")] {
            let bytes = try Self.fixture(name)
            let answer = try upload(bytes, type: type, key: key)
            #expect(answer.status == 201, "\(name): \(answer.text.prefix(300))")
            #expect(answer.json["media_type"] as? String == mediaType)
            #expect(answer.json["size"] as? Int == bytes.count)
            let id = try #require(answer.json["upload_id"] as? String)
            let url = try #require(answer.json["url"] as? String)
            #expect(url.hasPrefix(TestStack.baseURL + "/uploads/\(id)/"))
            let served = try http.client.send(HTTPClientRequest(url: url))
            #expect(served.status == 200)
            #expect(served.body == bytes, "\(name): the served file is the uploaded one")
            let shown = try http.get("/api/sns/instagram/uploads/\(id)", key: key)
            #expect(shown.status == 200)
            #expect(shown.json["size"] as? Int == bytes.count)
            #expect(shown.json["media_type"] as? String == mediaType)
        }
        #expect(try incoming().isEmpty, "nginx's body files are gone once answered")
    }

    /// `bytes` with the first `old` after the first `marker` replaced by `new` (as long).
    static func replacing(_ bytes: [UInt8], _ old: String, after marker: String, with new: String) throws -> [UInt8] {
        func find(_ text: String, from start: Int) -> Int? {
            let needle = Array(text.utf8)
            return (start...(bytes.count - needle.count)).first { Array(bytes[$0..<($0 + needle.count)]) == needle }
        }
        let start = try #require(find(marker, from: 0))
        let at = try #require(find(old, from: start))
        var copy = bytes
        copy.replaceSubrange(at..<(at + old.utf8.count), with: Array(new.utf8))
        return copy
    }

    /// The world's 30 fps `mp4` at 15 fps in Meta's reading: its video track's `mdhd` timescale (the first, version 0) halved.
    static func halvingFrameRate(_ mp4: [UInt8]) -> [UInt8] {
        guard let at = (0..<(mp4.count - 4)).first(where: { mp4[$0..<($0 + 4)].elementsEqual("mdhd".utf8) }) else { return mp4 }
        let offset = at + 4 + 12
        let timescale = mp4[offset..<(offset + 4)].reduce(UInt32(0)) { $0 << 8 | UInt32($1) } / 2
        var copy = mp4
        copy.replaceSubrange(offset..<(offset + 4), with: [UInt8(timescale >> 24), UInt8(timescale >> 16 & 0xFF), UInt8(timescale >> 8 & 0xFF), UInt8(timescale & 0xFF)])
        return copy
    }

    @Test("a text file, a truncated JPEG, a truncated MP4, an empty body, a 2 s video, an MPEG-4 Part 2 video and a 15 fps video are refused with the reason, and nothing is kept")
    func refused() throws {
        let key = try TestStack.newKey()
        let jpeg = try Self.fixture("c01.jpg"), mp4 = try Self.fixture("v03.mp4")
        let before = try folders()
        let cases: [([UInt8], String, String)] = [
            (Array("just some words, not a picture\n".utf8), "text/plain", "neither a JPEG image nor an MP4 video"),
            (Array(jpeg.prefix(jpeg.count / 2)), "image/jpeg", "cut short"),
            (Array(mp4.prefix(mp4.count - 500)), "video/mp4", "cut short"),
            ([], "image/jpeg", "empty"),
            (try Self.fixture("v01.mp4"), "video/mp4", "lasts 2 s: it must last 3 seconds"),
            (try Self.replacing(mp4, "avc1", after: "stsd", with: "mp4v"), "video/mp4", "is encoded as mp4v: Meta takes H.264 or HEVC video"),
            (Self.halvingFrameRate(mp4), "video/mp4", "plays at 15 fps: Meta takes at least 23 frames per second"),
        ]
        for (bytes, type, reason) in cases {
            let answer = try upload(bytes, type: type, key: key)
            answer.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
            let errors = answer.json["errors"] as? [String: Any] ?? [:]
            let sentence = errors["file"] as? String ?? ""
            #expect(sentence.contains(reason), "\(type), \(bytes.count) bytes: \(answer.text.prefix(300))")
        }
        #expect(try folders() == before, "a refused file leaves nothing in the uploads directory")
    }

    @Test("another user's upload is a 404; a deleted one is gone, its link 404; a tampered or expired link is 403")
    func ownershipAndLinks() throws {
        let owner = try TestStack.newKey(), other = try TestStack.newKey()
        let answer = try upload(try Self.fixture("c01.jpg"), type: "image/jpeg", key: owner)
        #expect(answer.status == 201, "\(answer.text.prefix(300))")
        let id = try #require(answer.json["upload_id"] as? String)
        let url = try #require(answer.json["url"] as? String)
        try http.get("/api/sns/instagram/uploads/\(id)", key: other).expectEnvelope(status: 404, code: "NOT_FOUND")
        try http.send("DELETE", "/api/sns/instagram/uploads/\(id)", key: other).expectEnvelope(status: 404, code: "NOT_FOUND")
        #expect(try http.client.send(HTTPClientRequest(url: url)).status == 200, "the other user's DELETE removed nothing")

        try http.client.send(HTTPClientRequest(url: url.replacingOccurrences(of: "md5=", with: "md5=x"))).expectEnvelope(status: 403, code: "FORBIDDEN")
        let unsigned = String(url[..<url.firstIndex(of: "?")!])
        let path = String(unsigned.dropFirst(TestStack.baseURL.count))
        let past = Int(Date().timeIntervalSince1970) - 60
        try http.client.send(HTTPClientRequest(url: "\(unsigned)?md5=\(try Self.signature(path, past))&expires=\(past)"))
            .expectEnvelope(status: 403, code: "FORBIDDEN")
        let future = Int(Date().timeIntervalSince1970) + 600
        #expect(try http.client.send(HTTPClientRequest(url: "\(unsigned)?md5=\(try Self.signature(path, future))&expires=\(future)")).status == 200,
                "the same formula with a live expiry is served (the refusal above was the expiry)")

        #expect(try http.send("DELETE", "/api/sns/instagram/uploads/\(id)", key: owner).status == 200)
        try http.get("/api/sns/instagram/uploads/\(id)", key: owner).expectEnvelope(status: 404, code: "NOT_FOUND")
        try http.client.send(HTTPClientRequest(url: url)).expectEnvelope(status: 404, code: "NOT_FOUND")
    }

    /// nginx's secure_link signature of `path` until `expires`, with the stack's secret.
    static func signature(_ path: String, _ expires: Int) throws -> String {
        let secret = try String(contentsOfFile: "\(TestStack.home)/secure-link.secret", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return Data(Insecure.MD5.hash(data: Array("\(expires)\(path) \(secret)".utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    func folders() throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: "\(TestStack.home)/uploads")).subtracting([".incoming"])
    }

    func incoming() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: "\(TestStack.home)/uploads/.incoming")
    }
}
