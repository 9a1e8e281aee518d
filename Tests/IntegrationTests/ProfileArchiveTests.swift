import Foundation
import HTTPClient
import Postgres
import TestSupport
import Testing

/// `GET /api/downloads/{profile}/archive.zip` through nginx (issue 16): the responder's SSI page, nginx streaming
/// the stored files into a ZIP that Python's `zipfile` reads back (every member's CRC-32 checked).
@Suite("Profile archives", .threaded, .serialized, .needsStackAndSandbox)
struct ProfileArchiveTests {
    let kit = ProfileTestKit()

    init() throws {
        try kit.kit.resetLimits()
    }

    /// A profile with a photo, a video and a carousel, downloaded whole by `key`'s user; its shortcodes.
    func downloadedProfile(_ name: String, key: String) throws -> [String] {
        try kit.account(name)
        var posts: [[String: Any]] = []
        for source in ["photo-gyeongbokgung", "video-busan", "carousel-jeju"] { posts += try kit.posts(name, from: source) }
        let status = try kit.wait(try kit.start("https://www.instagram.com/\(name)/", key: key), key: key)
        #expect(status["status"] as? String == "completed", "\(status)")
        return posts.compactMap { $0["shortcode"] as? String }
    }

    /// The archive's members expected from the API: each post's files (fetched by their signed links) and metadata
    /// JSON, and the profile picture's files, by name → SHA-256.
    func expectedMembers(_ codes: [String], key: String) throws -> [String: String] {
        var expected: [String: String] = [:]
        for code in codes {
            let download = try #require(try kit.http.get("/api/downloads/\(code)", key: key).json["download"] as? [String: Any])
            for file in try #require(download["files"] as? [[String: Any]]) {
                let served = try kit.kit.fetch(try #require(file["url"] as? String))
                #expect(served.status == 200)
                expected["\(code)/\(try #require(file["name"] as? String))"] = DownloadTestKit.sha256(served.body)
            }
            let metadata = try #require(FileManager.default.contents(atPath: "\(DownloadTestKit.directory(code))/\(code)_metadata.json"))
            expected["\(code)/\(code)_metadata.json"] = DownloadTestKit.sha256(Array(metadata))
        }
        return expected
    }

    @Test func theArchiveHoldsEveryStoredFileByteForByte() throws {
        let key = try TestStack.newKey()
        let name = ProfileTestKit.uniqueName("zip")
        let codes = try downloadedProfile(name, key: key)
        // A file stored before downloads kept CRC-32s: its CRC is computed once, for this archive, and kept.
        let db = try PostgresConnection(conninfo: TestStack.databaseURL)
        try db.query("""
            UPDATE downloads SET metadata = jsonb_set(metadata, '{files,0}', (metadata->'files'->0) - 'crc32')
            WHERE shortcode = \(codes[1])
            """)

        let answer = try TestHTTP(timeout: 60).get("/api/downloads/\(name.uppercased())/archive.zip", key: key)
        #expect(answer.status == 200, "\(answer.text.prefix(300))")
        #expect(answer.header("Content-Type") == "application/zip")
        #expect(answer.header("Content-Disposition") == #"attachment; filename="\#(name).zip""#)
        #expect(answer.header("Content-Length") == nil, "streamed by nginx (chunked), not built whole first")
        #expect(answer.header("X-Archive-Length") == String(answer.body.count))
        let path = NSTemporaryDirectory() + "archive-\(UUID().uuidString).zip"
        defer { unlink(path) }
        FileManager.default.createFile(atPath: path, contents: Data(answer.body))
        let check = try PythonZipCheck(path: path)
        #expect(check.problem == nil)

        let expected = try expectedMembers(codes, key: key)
        let members = Dictionary(check.members.map { ($0.name, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        #expect(members.count == check.members.count, "no member twice")
        for (member, sha) in expected { #expect(members[member] == sha, "\(member)") }
        let pictures = check.members.filter { $0.name.hasSuffix("_profile.json") }
        #expect(pictures.count == 1, "the profile's metadata JSON beside its picture")
        #expect(check.members.count == expected.count + 3,
                "the posts' files and metadata, and the picture, its metadata and the profile's JSON: \(check.members.map(\.name))")
        let kept = try db.query("""
            SELECT metadata->'files'->0 ? 'crc32' AS kept FROM downloads WHERE shortcode = \(codes[1])
            """).first?.decode("kept", as: Bool.self)
        #expect(kept == true, "the computed CRC-32 is kept in the download's metadata")
    }

    @Test func anotherUsersProfileIsNotFound() throws {
        let owner = try TestStack.newKey()
        let name = ProfileTestKit.uniqueName("zipown")
        _ = try downloadedProfile(name, key: owner)
        let other = try TestStack.newKey()
        for path in ["/api/downloads/\(name)/archive.zip", "/api/downloads/nobody.\(UUID().uuidString.prefix(6))/archive.zip"] {
            let answer = try kit.http.get(path, key: other)
            #expect(answer.status == 404)
            #expect(answer.json["error_code"] as? String == "NOT_FOUND")
        }
        #expect(try kit.http.get("/api/downloads/\(name)/archive.zip", key: nil).status == 401)
        #expect(try kit.http.get("/__archive/files/abc/abc.jpg", key: nil).status == 404, "the files location is internal")
    }

    /// A client that reads 1 KiB, then stops reading for 1.5 s (a 4 KiB receive buffer), then reads the rest: while it
    /// waits nginx keeps no temporary copy (its temporary directories stay empty), the answer is chunked, and the
    /// responder's part (the page) took well under a second (nginx's access log has its time).
    @Test func theArchiveStreamsToASlowClientWithoutATemporaryCopy() throws {
        let key = try TestStack.newKey()
        let name = ProfileTestKit.uniqueName("zipslow")
        _ = try downloadedProfile(name, key: key)
        let base = try #require(URLComponents(string: TestStack.baseURL))
        let path = NSTemporaryDirectory() + "slow-\(UUID().uuidString).zip"
        defer { unlink(path); unlink(path + ".head") }
        let client = Process()
        client.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        client.arguments = ["python3", "-c", Self.slowClient, base.host ?? "127.0.0.1", String(base.port ?? 80),
                            "/api/downloads/\(name)/archive.zip", key, path]
        let output = Pipe()
        client.standardOutput = output
        try client.run()
        let first = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self) // "first N" once it read
        let temporary = try TestStack.shell("find '\(TestStack.home)/nginx/tmp' -type f | head -5").out
        client.waitUntilExit()
        #expect(first.hasPrefix("first"), "\(first)")
        #expect(client.terminationStatus == 0)
        #expect(temporary.isEmpty, "nginx wrote temporary files: \(temporary)")
        let head = String(decoding: FileManager.default.contents(atPath: path + ".head") ?? Data(), as: UTF8.self).lowercased()
        #expect(head.hasPrefix("http/1.1 200") && head.contains("transfer-encoding: chunked") && !head.contains("content-length"), "\(head)")
        #expect(try PythonZipCheck(path: path).problem == nil)
        let entry = try #require(AccessLog.entry(path: "/api/downloads/\(name)/archive.zip") { _ in true }, "no access log line")
        let upstreamTimes = (entry["upstream_response_time"] as? String ?? "").split(separator: ",")
        let upstream = upstreamTimes.first.flatMap { Double($0.trimmingCharacters(in: .whitespaces)) } ?? -1
        #expect(upstream >= 0 && upstream < 1, "the responder answered the page in \(upstream) s of \(entry["request_time"] ?? "") s")
    }

    /// host port path key out: GET with a 4 KiB receive buffer; prints "first N" after the first read, pauses 1.5 s,
    /// reads the rest; writes the headers to out.head and the de-chunked body to out.
    static let slowClient = """
        import socket, sys, time
        host, port, path, key, out = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.connect((host, port))
        s.sendall(("GET %s HTTP/1.1\\r\\nHost: %s\\r\\nAuthorization: Bearer %s\\r\\nConnection: close\\r\\n\\r\\n" % (path, host, key)).encode())
        data = s.recv(1024)
        print("first %d" % len(data), flush=True)
        time.sleep(1.5)
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            data += chunk
        head, _, body = data.partition(b"\\r\\n\\r\\n")
        open(out + ".head", "wb").write(head)
        result = b""
        while True:
            line, _, body = body.partition(b"\\r\\n")
            size = int(line.split(b";")[0], 16)
            if size == 0:
                break
            result += body[:size]
            body = body[size + 2:]
        open(out, "wb").write(result)
        """
}

/// nginx's access log (`$INSTAGATE_HOME/log/nginx-access.log`, JSON lines, flushed within a second).
enum AccessLog {
    /// The first entry of `path` whose `request_time` satisfies `slow`, polled for up to 10 s.
    static func entry(path: String, where slow: (Double) -> Bool) -> [String: Any]? {
        let deadline = Date().addingTimeInterval(10)
        repeat {
            let text = (try? String(contentsOfFile: "\(TestStack.home)/log/nginx-access.log", encoding: .utf8)) ?? ""
            let found = text.split(separator: "\n").lazy
                .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
                .first { $0["path"] as? String == path && slow(($0["request_time"] as? Double) ?? Double("\($0["request_time"] ?? "")") ?? 0) }
            if let found { return found }
            Thread.sleep(forTimeInterval: 0.2)
        } while Date() < deadline
        return nil
    }
}
