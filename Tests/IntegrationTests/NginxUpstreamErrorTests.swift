import Foundation
import HTTPClient
import Testing

/// nginx's own answers when the responder cannot answer: 502 (nothing accepts on its socket) becomes 503
/// SERVICE_UNAVAILABLE with Retry-After, and a responder that accepts but never answers is 504 UPSTREAM_TIMEOUT,
/// each in the envelope with the request id. A second nginx renders the same template (deploy/lib.sh) on a free
/// port, pointed at a socket of this test; the only change is fastcgi_read_timeout 1s instead of 60s.
@Suite(.needsStack)
struct NginxUpstreamErrorTests {
    @Test func deadAndSilentRespondersAreEnvelopes() throws {
        let repo = URL(fileURLWithPath: TestStack.sqlDirectory).deletingLastPathComponent().path
        let dir = TestStack.home + "/tmp/nginx-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let socket = "\(dir)/run/app.sock"
        let port = try #require(Int(try TestStack.run("/usr/bin/python3", ["-c",
            "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"]).out
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        // The nginx daemon must inherit nothing of this test process (it would hold Foundation's descriptors
        // open, and the Process running this script would never see its end): close everything above stderr.
        let setup = """
            { for fd in $(ls /proc/$BASHPID/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; } 2>/dev/null
            set -e
            . '\(repo)/deploy/lib.sh'
            ig_stack_vars '\(dir)'
            mkdir -p "$IG_NGINX_DIR/tmp" "$IG_NGINX_DIR/conf.d" "$IG_LOGDIR" "$IG_RUN" "$IG_HOME/downloads"
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
        defer {
            _ = try? TestStack.run("/bin/bash", ["-c", ". '\(repo)/deploy/lib.sh'; ig_stack_vars '\(dir)'; ig_nginx -s quit"])
        }
        let base = "http://127.0.0.1:\(port)"
        let client = HTTPClient(configuration: HTTPClientConfiguration(requestTimeout: 30, maxRetries: 0, maxRedirects: 0))
        func get(_ path: String) throws -> HTTPClientResponse {
            try client.send(HTTPClientRequest(method: "GET", url: base + path, headers: [("Authorization", "Bearer \(TestStack.apiKey)")]))
        }
        func expectRequestID(_ answer: HTTPClientResponse, sourceLocation: SourceLocation = #_sourceLocation) {
            let id = answer.header("X-Request-ID") ?? ""
            #expect(id.count == 32, "X-Request-ID \(id)", sourceLocation: sourceLocation)
            #expect(answer.json["request_id"] as? String == id, sourceLocation: sourceLocation)
        }
        var ready = false
        let deadline = Date().addingTimeInterval(30)
        while !ready && Date() < deadline {
            ready = (try? get("/api/me")) != nil
            if !ready { Thread.sleep(forTimeInterval: 0.1) }
        }
        try #require(ready, "the second nginx does not answer on \(port)")

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
            while True:
                c, _ = s.accept(); held.append(c)
            """, socket]
        holder.standardOutput = FileHandle.nullDevice
        holder.standardError = FileHandle.nullDevice
        try holder.run()
        // SIGKILL: a child of the test process may have SIGTERM blocked (it inherits the signal mask).
        defer { kill(holder.processIdentifier, SIGKILL); holder.waitUntilExit() }
        let listening = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: socket) && Date() < listening { Thread.sleep(forTimeInterval: 0.05) }
        let silent = try get("/api/me")
        silent.expectEnvelope(status: 504, code: "UPSTREAM_TIMEOUT")
        expectRequestID(silent)
    }
}
