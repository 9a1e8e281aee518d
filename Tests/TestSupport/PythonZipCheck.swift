import Foundation

/// A ZIP archive read by Python's `zipfile` (an independent reader): `testzip()` (every member's CRC-32 checked
/// against its bytes) and each member's name, size and SHA-256 of its bytes.
public struct PythonZipCheck: Sendable {
    /// A member as Python read it.
    public struct Member: Sendable, Equatable {
        public var name: String
        public var size: Int64
        public var sha256: String

        /// A member.
        public init(name: String, size: Int64, sha256: String) {
            self.name = name
            self.size = size
            self.sha256 = sha256
        }
    }

    /// The first member whose CRC-32 did not match, or Python's error; nil when every member checks.
    public var problem: String?
    /// The members in the archive's order.
    public var members: [Member]

    static let script = """
        import hashlib, sys, zipfile
        try:
            with zipfile.ZipFile(sys.argv[1]) as archive:
                bad = archive.testzip()
                print("bad\\t" + (bad or ""))
                for info in archive.infolist():
                    data = archive.read(info)
                    print("member\\t%s\\t%d\\t%s" % (info.filename, len(data), hashlib.sha256(data).hexdigest()))
        except Exception as error:
            print("bad\\t%s: %s" % (type(error).__name__, error))
        """

    /// Checks the archive at `path` (python3 must be on PATH).
    public init(path: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        problem = "python3 printed nothing"
        members = []
        var tested = false
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if fields.first == "bad", !tested { // testzip's answer (a later read of a bad member fails again)
                problem = fields.count > 1 && !fields[1].isEmpty ? fields[1] : nil
                tested = true
            }
            if fields.first == "member", fields.count == 4 {
                members.append(Member(name: fields[1], size: Int64(fields[2]) ?? -1, sha256: fields[3]))
            }
        }
    }
}
