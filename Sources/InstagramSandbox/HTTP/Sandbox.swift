import FastCGI
import Foundation
import Logging
import Web

/// The Instagram sandbox: answers Instagram's web API, mobile API, pages and CDN from a world.
///
/// One instance serves every FastCGI worker thread; the shared parts (world, pacing, faults, request log)
/// are behind their own locks, and each request renders from a world snapshot.
public final class Sandbox: Sendable {
    public let configuration: SandboxConfiguration
    public let store: WorldStore
    public let pacer = Pacer()
    public let faults = FaultInjector()
    public let requestLog = RequestLog()
    public let files: LargeFileStore
    /// The Graph API's state (apps, codes, tokens, the Graph clock, limits, its own faults).
    public let graph: GraphStore
    let renderCache = RenderCache()
    let signer: CDNSigner
    let logger: Logger
    let router: Router<SandboxRoutes.Route>
    let adminRouter: Router<SandboxRoutes.Route>
    let graphRouter = GraphRoutes.graph()
    let oauthRouter = GraphRoutes.oauth()

    public init(world: World, configuration: SandboxConfiguration, logger: Logger) {
        self.configuration = configuration
        store = WorldStore(world)
        files = LargeFileStore(directory: configuration.filesDirectory)
        signer = CDNSigner(secret: world.cdnSecret)
        self.logger = logger
        graph = GraphStore(fixtures: Sandbox.graphFixtures(world, logger: logger))
        router = SandboxRoutes.instagram()
        adminRouter = SandboxRoutes.admin()
    }

    /// Answers one FastCGI request.
    public func respond(to request: FastCGIRequest) -> FastCGIResponse {
        let http: HTTPRequest
        do {
            http = try HTTPRequest(fastCGI: request)
        } catch {
            return HTTPResponse.text("Request Entity Too Large", status: .payloadTooLarge).fastCGIResponse()
        }
        var response = respond(to: http)
        if http.method == "HEAD", response.headers["X-Accel-Redirect"] == nil { response = response.withoutBody() }
        return response.fastCGIResponse()
    }

    /// Answers one request (also used in-process by tests).
    public func respond(to request: HTTPRequest) -> HTTPResponse {
        let started = configuration.clock()
        if let target = GraphTarget(request: request, publicURL: configuration.publicURL) {
            return respondGraph(request, target: target, started: started)
        }
        let path = Sandbox.normalise(request.path)
        if path == "/__sandbox" || path.hasPrefix("/__sandbox/") {
            return configuration.adminEnabled ? admin(request, path: path, now: started)
                                              : InstagramError.pageNotFound.response
        }
        var call = makeCall(request, path: path, now: started)
        let fired = faults.isEmpty ? [] : faults.draw(method: request.method, path: path, session: call.cookies["sessionid"])
        var outcome = "ok"
        var response: HTTPResponse
        if let early = applyBefore(fired, call: call) {
            response = early
            outcome = "fault"
        } else {
            do {
                response = try route(&call)
            } catch {
                outcome = error.code
                response = error.response
            }
            response = applyAfter(fired, to: response)
        }
        response.headers["X-Sandbox-File"] = nil
        if response.headers["X-Accel-Redirect"] == nil, response.headers["Content-Length"] == nil {
            response.headers["Content-Length"] = String(response.body.count)
        }
        record(call, response: response, outcome: outcome, faults: fired, started: started)
        return response
    }

    func makeCall(_ request: HTTPRequest, path: String, now: Double) -> SandboxCall {
        let world = store.snapshot
        let links = LinkStyle.forHost(request.headers["Host"], publicURL: configuration.publicURL, cdnHost: world.cdnHost)
        return SandboxCall(sandbox: self, request: request, world: world, viewer: .anonymous,
                           family: Sandbox.family(of: request), links: links, now: now, path: path,
                           cookies: Sandbox.cookies(request))
    }

    /// The path without a trailing slash (`/` stays `/`), `//` collapsed.
    static func normalise(_ path: String) -> String {
        let bytes = path.utf8
        var previousSlash = false
        var clean = true
        for byte in bytes {
            if byte == 47 && previousSlash { clean = false; break }
            previousSlash = byte == 47
        }
        if clean {
            if bytes.count > 1 && bytes.last == 47 { return String(path.dropLast()) }
            return path.isEmpty ? "/" : path
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for byte in bytes where !(byte == 47 && out.last == 47) { out.append(byte) }
        if out.count > 1 && out.last == 47 { out.removeLast() }
        return out.isEmpty ? "/" : String(decoding: out, as: UTF8.self)
    }

    /// Cookies of the `Cookie` headers (first value of a name wins; pairs that do not parse are skipped).
    static func cookies(_ request: HTTPRequest) -> [String: String] {
        var result: [String: String] = [:]
        for header in request.headers.values("Cookie") {
            for pair in header.utf8.split(separator: 59) { // ;
                guard let equals = pair.firstIndex(of: 61) else { continue } // =
                let name = trim(pair[pair.startIndex..<equals])
                let value = trim(pair[pair.index(after: equals)...])
                guard !name.isEmpty, let key = String(name), result[key] == nil, let raw = String(value) else { continue }
                result[key] = PercentDecoding.decode(Substring(raw)) ?? raw
            }
        }
        return result
    }

    static func trim(_ bytes: Substring.UTF8View) -> Substring.UTF8View {
        var slice = bytes
        while let first = slice.first, first == 32 || first == 9 { slice = slice.dropFirst() }
        while let last = slice.last, last == 32 || last == 9 { slice = slice.dropLast() }
        return slice
    }

    /// Mobile when the caller names i.instagram.com, sends an IGT bearer, or an app user agent.
    static func family(of request: HTTPRequest) -> HostFamily {
        let host = request.headers["Host"]?.lowercased() ?? ""
        if host.hasPrefix("i.instagram.com") { return .mobile }
        if request.headers["Authorization"]?.hasPrefix("Bearer IGT:") == true { return .mobile }
        if request.headers["User-Agent"]?.hasPrefix("Instagram ") == true { return .mobile }
        return .web
    }

    func record(_ call: SandboxCall, response: HTTPResponse, outcome: String, faults: [FaultRule], started: Double) {
        let duration = (configuration.clock() - started) * 1000
        requestLog.record(RequestLog.Entry(
            sequence: 0, time: started, requestID: call.request.requestID, method: call.request.method,
            host: call.request.headers["Host"] ?? "", path: call.path, query: call.request.rawQuery,
            family: call.family.rawValue, viewer: call.viewer.user?.username, status: response.status.code,
            outcome: outcome, faults: faults.map(\.kind.rawValue), durationMs: duration,
            userAgent: call.request.headers["User-Agent"], range: call.request.headers["Range"],
            subject: GraphQLHandler.subject(call)))
        logger.debug("answered", metadata: [
            "request_id": "\(call.request.requestID)", "method": "\(call.request.method)", "path": "\(call.path)",
            "status": "\(response.status.code)", "outcome": "\(outcome)"])
    }
}
