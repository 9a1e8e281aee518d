import Foundation
import Testing
import TestSupport

/// A setting that is given but invalid stops every command at start, naming the variable (exit status 78).
@Suite(.threaded, .needsStack)
struct ConfigurationTests {
    @Test(arguments: [("INSTAGATE_JOB_LEASE_SECONDS", "soon"), ("INSTAGATE_DOWNLOAD_LINK_TTL", "0"), ("INSTAGATE_THREADS", "many")])
    func invalidValueStopsAtStart(name: String, value: String) throws {
        let result = try TestStack.cli(["keys", "list"], environment: [name: value])
        #expect(result.status == 78, "\(result.err.suffix(500))")
        #expect(result.err.contains("\(name)=\(value) is not"), "\(result.err.suffix(500))")
        #expect(result.out.isEmpty)
    }

    @Test func validValuesRun() throws {
        let result = try TestStack.cli(["keys", "list"], environment: ["INSTAGATE_JOB_LEASE_SECONDS": "12"])
        #expect(result.status == 0, "\(result.err.suffix(500))")
    }
}
