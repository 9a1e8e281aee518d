import Foundation
import Web

/// The admin endpoints. Bodies are JSON; answers are JSON.
enum AdminHandlers {
    static func error(_ status: HTTPStatus, _ message: String) -> HTTPResponse {
        InstagramResponse.json(["error": .string(message)], status: status)
    }

    static func body(_ call: SandboxCall) throws -> [String: Any] {
        if call.request.body.isEmpty { return [:] }
        guard let object = JSONInput.object(call.request.body) else { throw AdminError(.badRequest, "body must be a JSON object") }
        return object
    }

    static func index(_ call: inout SandboxCall) throws -> HTTPResponse {
        InstagramResponse.json(["endpoints": [
            "GET /__sandbox/world", "POST /__sandbox/reset", "GET|POST|DELETE /__sandbox/faults", "DELETE /__sandbox/faults/{id}",
            "GET|DELETE /__sandbox/requests", "GET|PUT /__sandbox/limits", "POST /__sandbox/limits/reset",
            "POST /__sandbox/sessions", "PUT /__sandbox/sessions/{sessionid}", "POST /__sandbox/follow-requests/approve",
            "GET /__sandbox/cdn/url", "GET /__sandbox/cdn/sign", "POST /__sandbox/files/{name}/generate",
            "GET|POST /__sandbox/clock", "POST /__sandbox/users", "POST /__sandbox/posts", "POST /__sandbox/posts/pin", "POST /__sandbox/stories",
            "POST /__sandbox/highlights", "POST /__sandbox/users/rename", "DELETE /__sandbox/users/{username}",
            "POST /__sandbox/stories/expire",
        ]])
    }

    static func world(_ call: inout SandboxCall) throws -> HTTPResponse {
        HTTPResponse(status: .ok, headers: HTTPHeaders([("Content-Type", "application/json; charset=utf-8")]),
                     body: WorldState.json(call.world).bytes)
    }

    /// POST `/__sandbox/reset`: world as loaded, counters, faults and the request log cleared.
    /// `{"keep_faults": true}` or `{"keep_log": true}` keep those.
    static func reset(_ call: inout SandboxCall) throws -> HTTPResponse {
        let options = try body(call)
        call.sandbox.store.reset()
        call.sandbox.pacer.reset()
        if JSONInput.bool(options["keep_faults"]) != true { call.sandbox.faults.clear() }
        if JSONInput.bool(options["keep_log"]) != true { call.sandbox.requestLog.clear() }
        return InstagramResponse.json(["reset": true])
    }

    static func faults(_ call: inout SandboxCall) throws -> HTTPResponse {
        InstagramResponse.json(["faults": .array(call.sandbox.faults.rules.map(faultJSON))])
    }

    /// POST `/__sandbox/faults`: one rule or `{"faults":[…]}`.
    static func addFault(_ call: inout SandboxCall) throws -> HTTPResponse {
        let decoder = JSONDecoder()
        let data = Data(call.request.body)
        var rules: [FaultRule]
        do {
            if let list = JSONInput.object(call.request.body)?["faults"] as? [Any] {
                rules = try decoder.decode([FaultRule].self, from: JSONSerialization.data(withJSONObject: list))
            } else {
                rules = [try decoder.decode(FaultRule.self, from: data)]
            }
        } catch {
            throw AdminError(.badRequest, "invalid fault: \(error)")
        }
        rules = rules.map { call.sandbox.faults.add($0) }
        return InstagramResponse.json(["faults": .array(rules.map(faultJSON))], status: .created)
    }

    static func clearFaults(_ call: inout SandboxCall) throws -> HTTPResponse {
        call.sandbox.faults.clear()
        return InstagramResponse.json(["faults": []])
    }

    static func removeFault(_ call: inout SandboxCall) throws -> HTTPResponse {
        guard let id = Int(call.request.parameter("id") ?? ""), call.sandbox.faults.remove(id: id) else {
            throw AdminError(.notFound, "no such fault")
        }
        return InstagramResponse.json(["removed": .number(id)])
    }

    static func faultJSON(_ rule: FaultRule) -> JSON {
        let data = (try? JSONEncoder().encode(rule)) ?? Data()
        return JSONValueBridge.json(from: [UInt8](data))
    }

    static func requests(_ call: inout SandboxCall) throws -> HTTPResponse {
        let entries = call.sandbox.requestLog.entries(after: Int(call.request.query("after") ?? "") ?? 0,
                                                      pathPrefix: call.request.query("path"),
                                                      limit: Int(call.request.query("limit") ?? "") ?? 1000)
        return InstagramResponse.json(["requests": .array(entries.map(\.json))])
    }

    static func clearRequests(_ call: inout SandboxCall) throws -> HTTPResponse {
        call.sandbox.requestLog.clear()
        return InstagramResponse.json(["requests": []])
    }
}
