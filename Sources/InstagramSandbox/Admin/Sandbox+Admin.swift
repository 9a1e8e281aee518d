import Foundation
import Web

/// `/__sandbox/`: faults, reset, request log, limits, sessions, world state (enabled by `--admin`).
extension Sandbox {
    func admin(_ request: HTTPRequest, path: String, now: Double) -> HTTPResponse {
        var call = makeCall(request, path: path, now: now)
        do {
            switch try adminRouter.match(method: request.method, rawPath: Sandbox.normalise(request.rawPath)) {
            case .found(let route, let parameters):
                call.request.pathParameters = parameters
                return try route.handler(&call)
            case .methodNotAllowed(let allowed):
                return AdminHandlers.error(.methodNotAllowed, "allowed: \(allowed.joined(separator: ", "))")
            case .notFound:
                return AdminHandlers.error(.notFound, "no admin endpoint \(path)")
            }
        } catch let error as AdminError {
            return AdminHandlers.error(error.status, error.message)
        } catch {
            return AdminHandlers.error(.badRequest, "\(error)")
        }
    }
}

/// An admin request that cannot be carried out.
struct AdminError: Error {
    var status: HTTPStatus
    var message: String
    init(_ status: HTTPStatus, _ message: String) {
        self.status = status
        self.message = message
    }
}
