import Foundation
import Testing

/// Many requests at once through nginx with curl's parallel mode (`curl -Z`), from one loopback source address.
/// Each connection sends its request without waiting for the others' answers, so nginx's per-IP limits see
/// the requests arrive together however slowly the responder answers the ones it lets through.
enum ParallelRequests {
    struct Answer {
        var status: Int
        var retryAfter: String
        var requestID: String
        var body: String
    }

    /// `count` requests of `method path` from `source` (e.g. `127.0.0.3`), at most `parallel` at a time.
    static func run(_ count: Int, _ path: String, method: String = "GET", from source: String, parallel: Int = 300,
                    headers: [String] = [], body: String? = nil) throws -> (answers: [Answer], seconds: Double) {
        let directory = NSTemporaryDirectory() + "parallel-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var config = ""
        for index in 0..<count {
            config += "url = \"\(TestStack.baseURL)\(path)\"\noutput = \"\(directory)/\(index)\"\n"
        }
        try config.write(toFile: "\(directory)/config", atomically: true, encoding: .utf8)
        var arguments = ["-s", "-Z", "--parallel-immediate", "--parallel-max", String(parallel), "--interface", source,
                         "-X", method, "-w", "%{http_code} %header{retry-after} %header{x-request-id} %{filename_effective}\\n",
                         "-K", "\(directory)/config"]
        for header in headers { arguments += ["-H", header] }
        if let body { arguments += ["-H", "Content-Type: application/json", "--data-raw", body] }
        let started = Date()
        let result = try TestStack.run("/usr/bin/curl", arguments)
        let seconds = Date().timeIntervalSince(started)
        let answers = result.out.split(separator: "\n").map { line -> Answer in
            let fields = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            let file = fields.count > 3 ? fields[3] : ""
            let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
            return Answer(status: Int(fields.first ?? "") ?? -1, retryAfter: fields.count > 1 ? fields[1] : "",
                          requestID: fields.count > 2 ? fields[2] : "", body: text)
        }
        #expect(answers.count == count, "curl answered \(answers.count) of \(count): \(result.err.prefix(300))")
        return (answers, seconds)
    }
}
