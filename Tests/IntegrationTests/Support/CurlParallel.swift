import Foundation
import Testing

/// POSTs with different bodies at once through nginx (`curl -Z`, one `--next` block per request).
enum CurlParallel {
    struct Answer {
        var status: Int
        var body: String
    }

    static func post(_ path: String, bodies: [String], key: String, from source: String) throws -> [Answer] {
        let directory = NSTemporaryDirectory() + "curl-parallel-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        var config = ""
        for (index, body) in bodies.enumerated() {
            if index > 0 { config += "next\n" }
            config += "url = \(quoted(TestStack.baseURL + path))\noutput = \(quoted("\(directory)/\(index)"))\n"
            config += "header = \(quoted("Content-Type: application/json"))\nheader = \(quoted("Authorization: Bearer \(key)"))\n"
            config += "data-raw = \(quoted(body))\ninterface = \(quoted(source))\nwrite-out = \(quoted("%{http_code} \(index)\\n"))\nsilent\n"
        }
        try config.write(toFile: "\(directory)/config", atomically: true, encoding: .utf8)
        let result = try TestStack.run("/usr/bin/curl", ["-Z", "--parallel-immediate", "--parallel-max", "100", "-K", "\(directory)/config"])
        let answers = result.out.split(separator: "\n").compactMap { line -> Answer? in
            let fields = line.split(separator: " ")
            guard fields.count == 2, let status = Int(fields[0]) else { return nil }
            return Answer(status: status, body: (try? String(contentsOfFile: "\(directory)/\(fields[1])", encoding: .utf8)) ?? "")
        }
        #expect(answers.count == bodies.count, "curl answered \(answers.count) of \(bodies.count): \(result.err.prefix(300))")
        return answers
    }
}
