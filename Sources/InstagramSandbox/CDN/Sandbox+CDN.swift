import Web

/// The CDN: signed URLs checked here, bytes sent by nginx (`X-Accel-Redirect`).
extension Sandbox {
    func cdn(_ call: SandboxCall) throws(InstagramError) -> HTTPResponse {
        guard call.request.method == "GET" || call.request.method == "HEAD" else {
            throw InstagramError(code: "method_not_allowed", response: .text("Method Not Allowed", status: .methodNotAllowed))
        }
        guard let asset = call.world.assets[call.path] else {
            throw InstagramError(code: "cdn_not_found", response: .text("Not Found", status: .notFound))
        }
        if let refusal = signer.check(path: call.path, oh: call.request.query("oh"), oe: call.request.query("oe"),
                                      now: Int(call.now)) {
            throw InstagramError(code: "cdn_refused", response: .text(refusal.rawValue, contentType: "text/plain", status: .forbidden))
        }
        let accel: String, file: String
        switch asset.source {
        case .fixture(let name):
            accel = configuration.mediaAccelPrefix + name
            file = call.world.mediaDirectory + "/" + name
        case .generated(let generated):
            do {
                file = try files.ensure(generated)
            } catch {
                logger.error("large file generation failed", metadata: ["error": "\(error)"])
                throw InstagramError(code: "cdn_error", response: .text("Internal Server Error", status: .internalServerError))
            }
            accel = configuration.filesAccelPrefix + generated.name
        case .stored(let name):
            accel = configuration.filesAccelPrefix + name
            file = configuration.filesDirectory + "/" + name
        }
        return HTTPResponse(status: .ok, headers: HTTPHeaders([
            ("X-Accel-Redirect", accel), ("X-Sandbox-File", file), ("Content-Type", asset.contentType),
            ("Cache-Control", "max-age=1209600, no-transform"), ("Access-Control-Allow-Origin", "*"),
            ("Timing-Allow-Origin", "*"), ("Cross-Origin-Resource-Policy", "cross-origin"),
        ]))
    }
}
