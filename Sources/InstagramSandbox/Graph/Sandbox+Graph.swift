import Foundation
import Web

/// The Graph API's pipeline: the Graph's own faults, then the route of the target's site, then the usage headers.
extension Sandbox {
    /// Answers a request for one of Meta's hosts.
    func respondGraph(_ request: HTTPRequest, target: GraphTarget, started: Double) -> HTTPResponse {
        let fired = graph.faults.isEmpty ? [] : graph.faults.draw(method: request.method, path: target.path)
        var call = GraphCall(sandbox: self, request: request, target: target, world: store.snapshot,
                             now: started + graph.clockOffset, realNow: started, parameters: GraphCall.parameters(of: request))
        var outcome = "ok"
        var response: HTTPResponse
        // `after`: a status or reset replaces the answer of a call that was done (the client never learns it succeeded).
        let late = fired.filter { $0.after == true && $0.kind != .latency }
        let before = fired.filter { $0.after != true || $0.kind == .latency }
        if let early = graphFault(before) ?? applyBefore(before, call: nil) {
            response = early
            outcome = "fault"
        } else {
            if before.contains(where: { $0.kind == .latency && $0.after != true }) {
                // A latency fault delays the call's arrival: the world and the clocks are read once it arrives.
                let arrived = configuration.clock()
                call.world = store.snapshot
                call.now = arrived + graph.clockOffset
                call.realNow = arrived
            }
            do {
                response = try routeGraph(&call)
            } catch {
                outcome = error.name
                response = error.response
            }
            for (name, value) in call.usageHeaders() { response.headers[name] = value }
            for rule in fired where rule.kind == .latency && rule.after == true {
                usleep(useconds_t(max(0, min(rule.latencyMs ?? 1000, 120_000)) * 1000))
            }
            response = applyAfter(fired, to: response)
            if let replaced = graphFault(late) ?? applyBefore(late, call: nil) {
                response = replaced
                outcome = "fault"
            }
        }
        if response.headers["X-Accel-Redirect"] == nil { response.headers["Content-Length"] = String(response.body.count) }
        requestLog.record(RequestLog.Entry(
            sequence: 0, time: started, requestID: request.requestID, method: request.method, host: target.site.rawValue,
            path: target.path, query: "", family: "graph", viewer: call.token?.username, status: response.status.code,
            outcome: outcome, faults: fired.map(\.kind.rawValue), durationMs: (configuration.clock() - started) * 1000))
        return response
    }

    /// A `status` fault on the Graph answers Meta's envelope (code 2, transient) rather than Instagram's body, or
    /// the rule's `body` (a Graph error such as 9007's) with its status.
    func graphFault(_ fired: [FaultRule]) -> HTTPResponse? {
        guard let rule = fired.first(where: { $0.kind == .status }) else { return nil }
        let code = rule.status ?? 500
        if let body = rule.body {
            return HTTPResponse(status: HTTPStatus(code, Sandbox.reason(code)),
                                headers: HTTPHeaders([("Content-Type", "application/json; charset=UTF-8")]), body: Array(body.utf8))
        }
        if code == 429 { return GraphCall.rateLimit(613).response }
        return GraphError.graph("fault", "(#2) Service temporarily unavailable", code: 2, transient: true,
                                status: HTTPStatus(code, Sandbox.reason(code))).response
    }

    func routeGraph(_ call: inout GraphCall) throws(GraphError) -> HTTPResponse {
        if call.target.site == .instagramGraph || call.target.site == .facebookGraph, let version = call.target.version {
            let limits = graph.limits
            if let major = Int(version.dropFirst().prefix { $0 != "." }), major < limits.oldestVersion {
                throw GraphError.retiredVersion(version, latest: limits.latestVersion)
            }
        }
        let router = call.target.site == .instagramGraph || call.target.site == .facebookGraph ? graphRouter : oauthRouter
        let match: Router<GraphRoutes.Route>.Match
        do {
            match = try router.match(method: call.request.method, rawPath: call.target.path)
        } catch {
            throw GraphError.unknownPath(call.target.path)
        }
        switch match {
        case .found(let route, let parameters):
            call.request.pathParameters = parameters
            do {
                return try route.handler(&call)
            } catch let error as GraphError {
                throw error
            } catch {
                logger.error("graph handler failed", metadata: ["path": "\(call.target.path)", "error": "\(error)"])
                throw GraphError.graph("internal", "An unknown error has occurred.", code: 1, transient: true, status: .internalServerError)
            }
        case .methodNotAllowed, .notFound:
            throw GraphError.unknownPath(call.target.path)
        }
    }
}
