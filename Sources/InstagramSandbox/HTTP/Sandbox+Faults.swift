import Foundation
import Web

/// Applying armed faults to an answer.
extension Sandbox {
    /// Latency sleeps; `status`, `reset`, `garbage` and `refusal` replace the answer (`refusal` only on the web
    /// API's calls: the Graph API, `call` nil, has no such answer).
    func applyBefore(_ fired: [FaultRule], call: SandboxCall?) -> HTTPResponse? {
        for rule in fired where rule.kind == .latency && rule.after != true {
            usleep(useconds_t(max(0, min(rule.latencyMs ?? 1000, 120_000)) * 1000))
        }
        for rule in fired {
            switch rule.kind {
            case .status:
                let code = rule.status ?? 500
                if code == 429 { return InstagramError.pleaseWait().response }
                let status = HTTPStatus(code, Sandbox.reason(code))
                return InstagramResponse.json(["message": "Oops, an error occurred.", "status": "fail"], status: status)
            case .reset:
                return HTTPResponse(status: .ok, headers: HTTPHeaders([("X-Accel-Redirect", configuration.resetAccelPath)]))
            case .garbage:
                return Sandbox.garbage(rule.body)
            case .refusal:
                guard let call else { continue }
                return Sandbox.refusal(rule.message ?? "feedback_required", call: call).response
            default:
                continue
            }
        }
        return nil
    }

    /// Slow transfer, truncated bodies and wrong lengths. File answers (X-Accel-Redirect) are read into the
    /// body first, at most 8 MiB, because nginx would otherwise send the whole file with the right length.
    func applyAfter(_ fired: [FaultRule], to response: HTTPResponse) -> HTTPResponse {
        var response = response
        for rule in fired {
            switch rule.kind {
            case .slow:
                response.headers["X-Accel-Limit-Rate"] = String(max(1, rule.bytesPerSecond ?? 10_000))
            case .truncate:
                let (body, total) = materialise(&response)
                let keep = Int(Double(total) * min(0.99, max(0, rule.fraction ?? 0.5)))
                response.body = Array(body.prefix(keep))
                response.headers["Content-Length"] = String(total)
            case .wrongLength:
                let (body, total) = materialise(&response)
                response.body = body
                response.headers["Content-Length"] = String(max(0, total + (rule.delta ?? 100)))
            default:
                continue
            }
        }
        return response
    }

    /// The answer's body and its full length, reading an X-Accel-Redirect file (first 8 MiB) into it.
    func materialise(_ response: inout HTTPResponse) -> ([UInt8], Int) {
        guard let file = response.headers["X-Sandbox-File"], response.headers["X-Accel-Redirect"] != nil else {
            return (response.body, response.body.count)
        }
        response.headers["X-Accel-Redirect"] = nil
        guard let handle = FileHandle(forReadingAtPath: file) else { return ([], 0) }
        defer { try? handle.close() }
        let total = Int((try? handle.seekToEnd()) ?? 0)
        try? handle.seek(toOffset: 0)
        let data = (try? handle.read(upToCount: min(total, 8 << 20))) ?? Data()
        return ([UInt8](data), total)
    }

    /// A 200 answer that is not what the client asked for: `body` as given, or an HTML page.
    static func garbage(_ body: String?) -> HTTPResponse {
        let text = body ?? "<!DOCTYPE html><html><body><h1>Sorry, something went wrong.</h1></body></html>"
        let isJSON = text.first == "{" || text.first == "["
        return HTTPResponse(status: .ok, headers: HTTPHeaders([
            ("Content-Type", isJSON ? "application/json; charset=utf-8" : "text/html; charset=utf-8")]), body: Array(text.utf8))
    }

    static func reason(_ code: Int) -> String {
        switch code {
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        case 429: return "Too Many Requests"
        default: return "Error"
        }
    }
}

extension Sandbox {
    /// Instagram's refusal named `message` (facts §8.1), as the path's family answers it.
    static func refusal(_ message: String, call: SandboxCall) -> InstagramError {
        let userPK = UInt64(call.cookies["ds_user_id"] ?? "") ?? 0
        switch message {
        case "checkpoint_required": return .checkpoint(userPK: userPK)
        case "challenge_required": return .challenge(userPK: userPK, links: call.links)
        case "login_required": return call.loginError()
        case "please_wait": return .pleaseWait()
        case "comments_disabled": return .commentsOff
        default:
            let path = call.path
            let kind: ActionKind = path.contains("friendships") ? .follow : path.contains("comment") ? .comment : .like
            return .feedbackRequired(action: kind)
        }
    }
}
