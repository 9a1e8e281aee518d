import App
import Logging
import Observability
import Testing

@Suite struct LogKeyTests {
    /// Every key has its own name, in snake_case, so two cases never write the same field.
    @Test func namesAreUniqueSnakeCase() {
        let names = LogKey.allCases.map(\.rawValue)
        #expect(Set(names).count == names.count)
        for name in names {
            #expect(name.allSatisfy { ($0.isLowercase && $0.isASCII) || $0 == "_" }, "\(name)")
            #expect(!name.hasPrefix("_") && !name.hasSuffix("_"), "\(name)")
        }
    }

    /// The names the logs and the request id pipeline already use stay what they were.
    @Test func namesInUseStay() {
        #expect(LogKey.requestID.rawValue == "request_id")
        #expect(LogKey.jobID.rawValue == "job_id")
        #expect(LogKey.sqlState.rawValue == "sqlstate")
        #expect(LogKey.milliseconds.rawValue == "ms")
        #expect(LogKey.requestsCutOff.rawValue == "requests_cut_off")
    }

    @Test func metadataLiteralUsesTheNames() {
        var metadata: LogMetadata = [.jobID: "7", .error: "boom"]
        #expect(metadata.representation == ["job_id": "7", "error": "boom"])
        metadata[.kind] = "noop"
        #expect(metadata[.kind] == "noop")
        var logger = Logger(label: "test", factory: { TextLogHandler(label: $0) })
        logger[metadataKey: .slot] = "3"
        #expect(logger[metadataKey: "slot"] == "3")
        #expect(logger[metadataKey: .slot] == "3")
    }
}
