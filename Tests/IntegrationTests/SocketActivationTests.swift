import Foundation
import Testing

/// systemd socket activation (README, `INSTAGATE_LISTEN` unset): `instagate serve` started with `LISTEN_FDS=1` and
/// `LISTEN_PID` naming it answers FastCGI on the listening socket it inherited as fd 3. `systemd-socket-activate`
/// (Debian's systemd package) binds the socket, waits for the first connection and execs the responder in its own
/// process, exactly as systemd does with a `.socket` unit.
extension ProcessTests {
    @Test func servesOnASocketFromSystemdSocketActivation() throws {
        let activate = "/usr/bin/systemd-socket-activate"
        try #require(FileManager.default.isExecutableFile(atPath: activate), "systemd-socket-activate comes with systemd")
        let dir = try temporaryDirectory()
        let socket = "\(dir)/activated.sock", log = "\(dir)/activated.log"
        var environment = serverEnvironment([:])
        environment.removeValue(forKey: "INSTAGATE_LISTEN")
        // The launched program gets LISTEN_FDS, LISTEN_PID and only the variables named with -E (values from here).
        let passed = environment.keys.filter { $0.hasPrefix("INSTAGATE_") }.sorted().flatMap { ["-E", $0] }
        // Started by a shell and left to run on its own, not as a Foundation Process: the activator execs the
        // responder in its own pid, which Foundation's child monitor does not survive (every other test's
        // subprocess would then wait forever). It inherits nothing of this test process but the variables.
        let command = #"for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done 2>/dev/null; "#
            + "\(activate) -l '\(socket)' \(passed.joined(separator: " ")) -- '\(TestStack.binary)' serve"
            + " </dev/null >/dev/null 2>'\(log)' & echo $!"
        let started = try TestStack.run("/bin/bash", ["-c", command], environment: environment)
        let pid = try #require(Int32(started.out.trimmingCharacters(in: .whitespacesAndNewlines)), "\(started.err)")
        /// Gone, or a zombie waiting for init.
        func ended() -> Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
            return stat.split(separator: ")").last?.trimmingCharacters(in: .whitespaces).hasPrefix("Z") == true
        }
        defer { if !ended() { kill(pid, SIGKILL) } }
        var logText: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
        #expect(waitFor({ FileManager.default.fileExists(atPath: socket) }, seconds: 30), "no socket: \(logText)")

        // The first connection waits in the socket's backlog until the responder, exec'd for it, accepts it.
        func request(_ path: String, key: String? = nil) throws -> String {
            var params = ["REQUEST_METHOD": "GET", "REQUEST_URI": path, "SCRIPT_NAME": path]
            if let key { params["HTTP_AUTHORIZATION"] = "Bearer \(key)" }
            // A responder that does not accept leaves cgi-fcgi waiting: bounded.
            return try TestStack.run("/usr/bin/timeout", ["60", "/usr/bin/cgi-fcgi", "-bind", "-connect", socket], environment: params).out
        }
        let health = try request("/health")
        #expect(health.hasPrefix("Status: 200"), "\(health.prefix(300)) log: \(logText.suffix(500))")
        let me = try request("/api/me", key: TestStack.apiKey)
        #expect(me.hasPrefix("Status: 200") && me.contains(#""key_id""#), "\(me.prefix(300))")
        // The process answering is instagate itself (LISTEN_PID names it), not a helper in between.
        let running = (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? ""
        #expect(running.hasPrefix(TestStack.binary) && running.contains("serve"), "\(running.replacingOccurrences(of: "\0", with: " "))")
        kill(pid, SIGTERM)
        #expect(waitFor({ ended() }, seconds: 60), "SIGTERM stops it: \(logText.suffix(500))")
    }
}
