import Foundation
import Testing

/// A Graph API version Meta no longer serves: the sandbox refuses calls naming a version older than its oldest
/// (code 2635), and instagate says which version it is configured with and what to change (503
/// `GRAPH_API_VERSION_RETIRED`), without taking it for a broken token; a retired `INSTAGATE_GRAPH_API_VERSION`
/// stops every command at start-up.
extension ConnectedAccountTests {
    @Test func aRetiredVersionNamesTheSettingToChange() throws {
        let flow = try ConnectedAccountFlow()
        let id = try #require(try flow.connect(flavour: "instagram", account: "bigstar").first?["account_id"] as? Int)
        _ = try flow.sandbox.admin("POST", "/__sandbox/graph/limits", #"{"oldest_version": "v25.0"}"#)
        defer { _ = try? flow.sandbox.admin("POST", "/__sandbox/graph/limits", #"{"oldest_version": "v21.0"}"#) }
        let start = try lastGraphSequence(flow)
        let refused = try flow.get("/api/sns/instagram/media?account_id=\(id)&limit=1")
        refused.expectEnvelope(status: 503, code: "GRAPH_API_VERSION_RETIRED")
        let message = refused.json["message"] as? String ?? ""
        #expect(message.contains("v24.0") && message.contains("INSTAGATE_GRAPH_API_VERSION") && message.contains("v25.0"), "\(message)")
        #expect(try graphCalls(flow, after: start).contains { $0.status == 400 }, "the sandbox refused the version")
        let account = try account(flow, id)
        #expect(account["status"] as? String == "connected", "a retired version is not a broken token: \(account)")
        _ = try flow.sandbox.admin("POST", "/__sandbox/graph/limits", #"{"oldest_version": "v21.0"}"#)
        #expect(try flow.get("/api/sns/instagram/media?account_id=\(id)&limit=1").status == 200)
    }

    @Test func aRetiredConfiguredVersionStopsAtStart() throws {
        let result = try TestStack.cli(["keys", "list"], environment: ["INSTAGATE_GRAPH_API_VERSION": "v19.0"])
        #expect(result.status == 78, "\(result.err.suffix(500))")
        #expect(result.err.contains("INSTAGATE_GRAPH_API_VERSION=v19.0 is not a Graph API version Meta still serves, v21.0 or later"),
                "\(result.err.suffix(500))")
        #expect(try TestStack.cli(["keys", "list"], environment: ["INSTAGATE_GRAPH_API_VERSION": "v21.0"]).status == 0)
    }
}
