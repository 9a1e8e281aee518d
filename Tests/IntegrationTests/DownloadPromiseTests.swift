import Foundation
import Postgres
import Testing

/// Downloader promises of the README through the stack: the session's errors from Instagram, the metadata in
/// PostgreSQL, the signed links' lifetime, the media type check, the file size limit, the CLI's progress.
extension DownloadTests {
    /// The user id of an API key.
    func userID(_ key: String) throws -> Int64 {
        let me = try kit.http.get("/api/me", key: key).json
        return try #require(((me["user"] as? [String: Any])?["id"] as? NSNumber)?.int64Value)
    }

    @Test("a saved session that Instagram has since expired or checkpointed: INVALID_SESSION / CHALLENGE_REQUIRED, nothing recorded",
          arguments: [("expired", "INVALID_SESSION"), ("checkpoint", "CHALLENGE_REQUIRED")])
    func sessionTurnedBad(_ state: String, _ code: String) throws {
        let key = try TestStack.newKey()
        let session = try kit.freshSession("mina.kim")
        #expect(try kit.saveSession("mina.kim", session, key: key).status == 201)
        let cookie = session.sessionID.removingPercentEncoding ?? session.sessionID // the world's id: "pk:…:…"
        let flagged = try kit.sandbox.send("PUT", "/__sandbox/sessions/\(cookie)", headers: [("Content-Type", "application/json")],
                                           body: #"{"state":"\#(state)"}"#)
        try #require(flagged.status == 200, "the sandbox flagged the session: \(flagged.status) \(flagged.text.prefix(200))")
        let answer = try kit.download("garden-roses", apiKey: key, extra: #","session":"mina.kim","refresh":true"#)
        answer.expectEnvelope(status: 403, code: code)
        try kit.http.get("/api/downloads/\(try kit.shortcode("garden-roses"))", key: key).expectEnvelope(status: 404, code: "NOT_FOUND")
    }

    @Test("the metadata is stored in PostgreSQL too, and the signed links live INSTAGATE_DOWNLOAD_LINK_TTL (86400 s)")
    func metadataInTheDatabaseAndLinkLifetime() throws {
        let key = try TestStack.newKey()
        let answer = try kit.download("mina-picnic", apiKey: key, extra: #","refresh":true"#)
        #expect(answer.status == 200, "\(answer.text.prefix(300))")
        let json = answer.json
        let code = try kit.shortcode("mina-picnic")
        let db = try PostgresConnection(conninfo: TestStack.databaseURL)
        let rows = try db.query("""
            SELECT state, metadata::text AS metadata FROM downloads WHERE user_id = \(try userID(key)) AND shortcode = \(code)
            """)
        let row = try #require(rows.first, "the download's row")
        #expect(try row.decode("state", as: String.self) == "completed")
        let stored = try #require(try JSONSerialization.jsonObject(with: Data(try row.decode("metadata", as: String.self).utf8)) as? [String: Any])
        let answered = try #require(json["metadata"] as? [String: Any])
        #expect(stored["shortcode"] as? String == code)
        for field in ["shortcode", "caption", "url", "taken_at"] where answered[field] != nil {
            #expect("\(stored[field] ?? "nil")" == "\(answered[field] ?? "nil")", "\(field)")
        }
        #expect((stored["author"] as? [String: Any])?["username"] as? String == "mina.kim")
        let file = try kit.fetch(try #require(json["metadata_url"] as? String))
        let onDisk = try #require(try JSONSerialization.jsonObject(with: Data(file.body)) as? [String: Any])
        #expect(onDisk["shortcode"] as? String == code)
        // Links: expires = now + 86400 (the stack's default), in the URL and in expires_at.
        let url = try #require(json["media_url"] as? String)
        let expires = try #require(URLComponents(string: url)?.queryItems?.first { $0.name == "expires" }?.value.flatMap(Double.init))
        let now = Date().timeIntervalSince1970
        #expect(abs(expires - (now + 86_400)) < 300, "expires \(expires), now \(now)")
        #expect(json["expires_at"] != nil)
    }

    @Test("a CDN answer that is not an image (an HTML page) is refused: UPSTREAM_ERROR, nothing kept")
    func mediaTypeIsChecked() throws {
        let key = try TestStack.newKey()
        let image = try #require(try kit.item("photo-slide-two", 0)["image_cdn_path"] as? String)
        let path = image.hasPrefix("/") ? image : "/" + image
        let before = try kit.lastRequestSequence()
        let id = try kit.fault(#"{"kind":"garbage","count":50,"path":"\#(path)"}"#)
        defer { try? kit.removeFault(id) }
        let answer = try kit.download("photo-slide-two", apiKey: key, extra: #","refresh":true"#)
        answer.expectEnvelope(status: 502, code: "UPSTREAM_ERROR")
        #expect(answer.text.contains("image"), "\(answer.text.prefix(300))")
        #expect(!(try kit.firedFaults(after: before, path: path, kind: "garbage")).isEmpty, "the HTML page was served")
        let code = try kit.shortcode("photo-slide-two")
        try kit.http.get("/api/downloads/\(code)", key: key).expectEnvelope(status: 404, code: "NOT_FOUND")
        #expect(!FileManager.default.fileExists(atPath: "\(TestStack.home)/downloads/.partial/\(code)"))
    }

    @Test("INSTAGATE_DOWNLOAD_MAX_FILE_BYTES: a file one byte over is refused and not written; at the limit it is accepted")
    func maxFileBytes() throws {
        let code = try kit.shortcode("bigstar-photo")
        let size = try kit.cdnFile("bigstar-photo", video: false).count
        let url = "https://www.instagram.com/p/\(code)/"
        let over = NSTemporaryDirectory() + "instagate-max-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: over) }
        let refused = try TestStack.cli(["download", url, "--out", over, "--json"],
                                        environment: ["INSTAGATE_DOWNLOAD_MAX_FILE_BYTES": String(size - 1)])
        #expect(refused.status != 0, "a \(size)-byte file with a limit of \(size - 1): \(refused.out.prefix(300))")
        let written = (try? FileManager.default.subpathsOfDirectory(atPath: over)) ?? []
        #expect(!written.contains { $0.hasSuffix(".jpg") }, "\(written)")
        let exact = NSTemporaryDirectory() + "instagate-max-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: exact) }
        let accepted = try TestStack.cli(["download", url, "--out", exact, "--json"],
                                         environment: ["INSTAGATE_DOWNLOAD_MAX_FILE_BYTES": String(size)])
        #expect(accepted.status == 0, "\(accepted.err.suffix(300))")
    }

    @Test("instagate download: a line every 10 MB off a terminal, a redrawn bar on one (pty)")
    func cliProgress() throws {
        let code = try kit.shortcode("bench-32m")
        let url = "https://www.instagram.com/p/\(code)/"
        let plain = NSTemporaryDirectory() + "instagate-progress-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: plain) }
        let piped = try TestStack.cli(["download", url, "--out", plain])
        #expect(piped.status == 0, "\(piped.err.suffix(300))")
        let counts = piped.err.split(separator: "\n").compactMap { line -> Int64? in
            guard line.hasPrefix("downloaded "), line.hasSuffix(" bytes"), !line.contains("(") else { return nil }
            return Int64(line.dropFirst("downloaded ".count).dropLast(" bytes".count))
        }
        #expect(counts.count == 3, "one line per 10 MB of 32 MiB: \(piped.err.prefix(600))")
        for (index, bytes) in counts.enumerated() { #expect(bytes >= Int64(index + 1) * (10 << 20), "\(counts)") }
        #expect(!piped.err.contains("\r") && !piped.err.contains("\u{1B}"))
        // The same under a pseudo-terminal (script): the bar is redrawn in place, no plain lines.
        let tty = NSTemporaryDirectory() + "instagate-progress-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: tty) }
        var env = ProcessInfo.processInfo.environment
        env["INSTAGATE_DATABASE_URL"] = TestStack.databaseURL
        env["INSTAGATE_LOG_LEVEL"] = "warning"
        let command = "'\(TestStack.binary)' download '\(url)' --out '\(tty)'"
        let result = try TestStack.run("/usr/bin/script", ["-q", "-e", "-c", command, "/dev/null"], environment: env)
        #expect(result.status == 0, "\(result.out.suffix(300))")
        #expect(result.out.contains("\r\u{1B}[K["), "a redrawn bar: \(result.out.prefix(300).debugDescription)")
        #expect(result.out.contains(" MB"))
        let plainLines = result.out.components(separatedBy: CharacterSet(charactersIn: "\r\n"))
            .filter { $0.hasPrefix("downloaded ") && $0.hasSuffix(" bytes") && !$0.contains("(") }
        #expect(plainLines.isEmpty, "no plain 10 MB lines on a terminal: \(plainLines)")
    }
}
