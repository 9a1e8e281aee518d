import Foundation
import HTTPClient
import Testing

/// nginx's own answers when the responder cannot answer: 502 (nothing accepts on its socket) becomes 503
/// SERVICE_UNAVAILABLE with Retry-After, and a responder that accepts but never answers is 504 UPSTREAM_TIMEOUT,
/// each in the envelope with the request id; nginx's own failure (here: its body buffer directory gone) is 500
/// INTERNAL_ERROR. A second nginx renders the same template (deploy/lib.sh) on a free port, pointed at a socket of
/// this test; the only change is fastcgi_read_timeout 1s instead of 60s.
@Suite(.threaded, .needsStack)
struct NginxUpstreamErrorTests {
    /// A second nginx of this test: its home, the socket it passes requests to, its base URL.
    struct SecondNginx {
        let repo: String, dir: String, socket: String, base: String

        init() throws {
            repo = URL(fileURLWithPath: TestStack.sqlDirectory).deletingLastPathComponent().path
            dir = TestStack.home + "/tmp/nginx-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            socket = "\(dir)/run/app.sock"
            let port = try #require(Int(try TestStack.run("/usr/bin/python3", ["-c",
                "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"]).out
                .trimmingCharacters(in: .whitespacesAndNewlines)))
            base = "http://127.0.0.1:\(port)"
            // The nginx daemon must inherit nothing of this test process (it would hold Foundation's descriptors
            // open, and the Process running this script would never see its end): close everything above stderr.
            let setup = """
                { for fd in $(ls /proc/$BASHPID/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; } 2>/dev/null
                set -e
                . '\(repo)/deploy/lib.sh'
                ig_stack_vars '\(dir)'
                ig_nginx_dirs
                mkdir -p "$IG_RUN"
                cp '\(TestStack.home)/secure-link.secret' "$IG_HOME/"
                IG_APP_SOCKET='\(socket)'
                ig_nginx_vars \(port) 1
                ig_write_cors_map
                ig_render "$IG_REPO/nginx/instagate.conf.tmpl" "$IG_NGINX_DIR/nginx.conf" "${IG_NGINX_VARS[@]}"
                sed -i 's/fastcgi_read_timeout 60s;/fastcgi_read_timeout 1s;/' "$IG_NGINX_DIR/nginx.conf"
                grep -q 'fastcgi_read_timeout 1s;' "$IG_NGINX_DIR/nginx.conf"
                # The nginx daemon must not keep this shell's pipes open (the test reads them to their end).
                ig_nginx </dev/null >/dev/null 2>"$IG_LOGDIR/start.log"
                """
            let started = try TestStack.run("/bin/bash", ["-c", setup])
            try #require(started.status == 0, "the second nginx did not start: \(started.err.suffix(500))")
        }

        func stop() {
            _ = try? TestStack.run("/bin/bash", ["-c", ". '\(repo)/deploy/lib.sh'; ig_stack_vars '\(dir)'; ig_nginx -s quit"])
        }

        func send(_ path: String, method: String = "GET", body: [UInt8]? = nil) throws -> HTTPClientResponse {
            let client = HTTPClient(configuration: HTTPClientConfiguration(requestTimeout: 30, maxRetries: 0, maxRedirects: 0))
            return try client.send(HTTPClientRequest(method: method, url: base + path,
                                                     headers: [("Authorization", "Bearer \(TestStack.apiKey)")], body: body))
        }

        /// Waits up to 30 s for the second nginx to answer at all.
        func waitUntilAnswering() throws {
            let deadline = Date().addingTimeInterval(30)
            while Date() < deadline {
                if (try? send("/api/me")) != nil { return }
                Thread.sleep(forTimeInterval: 0.1)
            }
            Issue.record("the second nginx does not answer on \(base)")
        }
    }

    func expectRequestID(_ answer: HTTPClientResponse, sourceLocation: SourceLocation = #_sourceLocation) {
        let id = answer.header("X-Request-ID") ?? ""
        #expect(id.count == 32, "X-Request-ID \(id)", sourceLocation: sourceLocation)
        #expect(answer.json["request_id"] as? String == id, sourceLocation: sourceLocation)
    }

    @Test func deadAndSilentRespondersAreEnvelopes() throws {
        let nginx = try SecondNginx()
        defer { nginx.stop() }
        let socket = nginx.socket
        func get(_ path: String) throws -> HTTPClientResponse { try nginx.send(path) }
        try nginx.waitUntilAnswering()

        // Nothing listens on the socket: nginx's 502, answered as 503 with Retry-After.
        let dead = try get("/api/me")
        dead.expectEnvelope(status: 503, code: "SERVICE_UNAVAILABLE")
        #expect(dead.header("Retry-After") == "1")
        expectRequestID(dead)
        let health = try get("/health")
        health.expectEnvelope(status: 503, code: "SERVICE_UNAVAILABLE")

        // Something accepts and never answers: 504 after fastcgi_read_timeout.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        holder.arguments = ["-c", """
            import socket, sys
            s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(64); held = []
            print("listening", flush=True)
            while True:
                c, _ = s.accept(); held.append(c)
            """, socket]
        let ready = Pipe()
        holder.standardOutput = ready
        holder.standardError = FileHandle.nullDevice
        try holder.run()
        // SIGKILL: a child of the test process may have SIGTERM blocked (it inherits the signal mask).
        defer { kill(holder.processIdentifier, SIGKILL); holder.waitUntilExit() }
        // Wait for listen(), not for the socket file: bind() makes the file, and a connect between the two is
        // refused (nginx's 502, a 503 here: a run on a loaded machine saw exactly that).
        let said = String(decoding: ready.fileHandleForReading.availableData, as: UTF8.self)
        try #require(said.contains("listening"), "the silent listener started: \(said)")
        let silent = try get("/api/me")
        silent.expectEnvelope(status: 504, code: "UPSTREAM_TIMEOUT")
        expectRequestID(silent)
    }

    /// nginx's own 500 (a failure inside nginx, not the responder's): a body bigger than client_body_buffer_size
    /// (128k) goes to a temporary file under client_body_temp_path; with that directory replaced by a plain file
    /// nginx cannot create it and answers 500 itself, before any upstream is asked.
    @Test func nginxsOwnFailureIsThe500Envelope() throws {
        let nginx = try SecondNginx()
        defer { nginx.stop() }
        try nginx.waitUntilAnswering()
        let bodies = nginx.dir + "/nginx/tmp/body"
        var isDirectory: ObjCBool = false
        try #require(FileManager.default.fileExists(atPath: bodies, isDirectory: &isDirectory) && isDirectory.boolValue,
                     "nginx made its body directory \(bodies)")
        try FileManager.default.removeItem(atPath: bodies)
        #expect(FileManager.default.createFile(atPath: bodies, contents: Data("not a directory\n".utf8)))
        let answer = try nginx.send("/api/me", method: "POST", body: Array(repeating: UInt8(ascii: "x"), count: 200 << 10))
        answer.expectEnvelope(status: 500, code: "INTERNAL_ERROR")
        expectRequestID(answer)
        let log = (try? String(contentsOfFile: nginx.dir + "/log/nginx-error.log", encoding: .utf8)) ?? ""
        #expect(log.contains(bodies), "nginx logged why: \(log.suffix(500))")
    }
}
