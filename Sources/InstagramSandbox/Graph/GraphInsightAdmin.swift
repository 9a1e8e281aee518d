import Foundation
import Web

/// `/__sandbox/graph/insights`: which media metrics the sandbox refuses on demand (as Meta has refused `shares` on
/// IMAGE posts), to test a client that must not let one refused metric fail the others.
enum GraphInsightAdmin {
    static func register(_ router: inout Router<SandboxRoutes.Route>) {
        router.get("/__sandbox/graph/insights", show)
        router.post("/__sandbox/graph/insights", set)
        router.delete("/__sandbox/graph/insights", clear)
    }

    static func answer(_ call: SandboxCall) -> HTTPResponse {
        InstagramResponse.json(.object([("refuse", .array(call.sandbox.graph.insightRefusals.metrics.sorted().map { .string($0) }))]))
    }

    static func show(_ call: inout SandboxCall) throws -> HTTPResponse { answer(call) }

    /// POST `{"refuse": ["shares"]}`: those media metrics fail the call with `(#100) The metric shares is not supported for this media type`.
    static func set(_ call: inout SandboxCall) throws -> HTTPResponse {
        let body = try AdminHandlers.body(call)
        guard let list = body["refuse"] as? [Any] else { throw AdminError(.badRequest, "give refuse: [metric names]") }
        call.sandbox.graph.insightRefusals.set(Set(list.compactMap { $0 as? String }))
        return answer(call)
    }

    static func clear(_ call: inout SandboxCall) throws -> HTTPResponse {
        call.sandbox.graph.insightRefusals.set([])
        return answer(call)
    }
}
