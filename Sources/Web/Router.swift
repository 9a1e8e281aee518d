/// Matches a method and path to what was registered for it (a responder, a sandbox handler), with `{name}`
/// path parameters. A pure matcher: what runs for a route, and through which middleware, is the registrant's
/// business (`RouteTable`, `RouterGroup`).
///
/// Unknown paths are 404, a known path with the wrong method is 405 with `Allow`, `HEAD` falls back
/// to `GET`. Path parameters are percent-decoded and may not contain `/`, NUL, or be `.`/`..`.
public struct Router<Handler: Sendable>: Sendable {
    /// One registered route.
    public struct Route: Sendable {
        public var method: String
        /// The pattern as registered, e.g. `/api/status/{job_id}`.
        public var pattern: String
        /// A stable name for metrics and logs (the pattern by default).
        public var name: String
        let segments: [RouteSegment]
        /// What answers it.
        public let handler: Handler
    }

    /// What a lookup found.
    public enum Match {
        case found(Route, [String: String])
        case methodNotAllowed([String])
        case notFound
    }

    public private(set) var routes: [Route] = []
    /// Indices into `routes` of the routes without parameters, by pattern: most requests hit one of
    /// these, found with one hash instead of a walk over every route.
    private var literalRoutes: [String: [Int]] = [:]

    public init() {}

    /// Registers a handler for a method and pattern.
    public mutating func on(_ method: String, _ pattern: String, name: String? = nil, _ handler: Handler) {
        let segments = RouteSegment.parse(pattern)
        if !segments.contains(where: { if case .parameter = $0 { true } else { false } }) {
            literalRoutes[pattern, default: []].append(routes.count)
        }
        routes.append(Route(method: method.uppercased(), pattern: pattern, name: name ?? pattern,
                            segments: segments, handler: handler))
    }

    public mutating func get(_ pattern: String, _ handler: Handler) { on("GET", pattern, handler) }
    public mutating func post(_ pattern: String, _ handler: Handler) { on("POST", pattern, handler) }
    public mutating func delete(_ pattern: String, _ handler: Handler) { on("DELETE", pattern, handler) }

    /// Finds the route for a method and raw (still percent-encoded) path.
    public func match(method: String, rawPath: String) throws(APIError) -> Match {
        if let indices = literalRoutes[rawPath] {
            // A literal route with this method wins; anything else (405, HEAD) takes the full walk below.
            for index in indices where routes[index].method == method { return .found(routes[index], [:]) }
        }
        let parts = Array(rawPath.split(separator: "/", omittingEmptySubsequences: false).dropFirst())
        var allowed: [String] = []
        var getRoute: (Route, [String: String])?
        for route in routes where route.segments.count == parts.count {
            guard let parameters = try route.bind(parts) else { continue }
            if route.method == method { return .found(route, parameters) }
            if route.method == "GET" { getRoute = (route, parameters) }
            if !allowed.contains(route.method) { allowed.append(route.method) }
        }
        if method == "HEAD", let getRoute { return .found(getRoute.0, getRoute.1) }
        if allowed.isEmpty { return .notFound }
        if allowed.contains("GET") && !allowed.contains("HEAD") { allowed.append("HEAD") }
        return .methodNotAllowed(allowed)
    }
}

extension Router.Route {
    /// The decoded parameters if the path's segments fit this route's pattern, else nil.
    func bind(_ parts: [Substring]) throws(APIError) -> [String: String]? {
        guard parts.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (segment, part) in zip(segments, parts) {
            switch segment {
            case .literal(let literal):
                guard part == literal else { return nil }
            case .parameter(let name):
                guard !part.isEmpty else { return nil }
                parameters[name] = try RouteSegment.decodeParameter(name: name, raw: part)
            }
        }
        return parameters
    }
}

/// One `/`-separated piece of a route pattern.
enum RouteSegment: Sendable, Equatable {
    case literal(String)
    case parameter(String)

    static func parse(_ pattern: String) -> [RouteSegment] {
        pattern.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map { part in
            if part.hasPrefix("{") && part.hasSuffix("}") { return .parameter(String(part.dropFirst().dropLast())) }
            return .literal(String(part))
        }
    }

    static func decodeParameter(name: String, raw: Substring) throws(APIError) -> String {
        guard let value = PercentDecoding.decode(raw), !value.isEmpty, value != ".", value != "..",
              !value.contains("/"), !value.contains("\\"), !value.unicodeScalars.contains(where: { $0.value < 32 || $0.value == 127 })
        else {
            throw APIError.badRequest("INVALID_PATH_PARAMETER", "The path parameter '\(name)' is not valid.",
                                      errors: [name: "contains characters that are not allowed"])
        }
        return value
    }
}
