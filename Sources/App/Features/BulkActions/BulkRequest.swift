import Foundation
import Instagram
import Web

/// What `POST /api/instagram/bulk` was asked to do, checked before anything is stored: one action
/// (`follow`, `unfollow`, `like`, `unlike`) on a list of targets, or (`unfollow` only) on the unfollowers of a
/// follower analysis less a whitelist. Every bad field, and every bad target by its index, is named in one 422.
struct BulkRequest {
    var username: String
    var action: InstagramAction
    /// The targets as the audit log writes them (user id, `@username`, media pk), duplicates removed, in order.
    var targets: [String]
    /// An analysis' job id whose unfollowers are the targets (then `targets` is empty until they are read).
    var fromAnalysis: String?
    /// Usernames never unfollowed (lowercased).
    var whitelist: Set<String>
    var interval: Double

    /// Most targets one run takes (Instagram's own daily like limit is about this).
    static let maxTargets = 1000
    static let maxWhitelist = 10_000
    static let actions: [InstagramAction] = [.follow, .unfollow, .like, .unlike]

    struct Body: StrictDecodable {
        static let allowedFields: Set<String> = ["username", "action", "targets", "from_analysis", "whitelist", "interval_seconds"]
        var username: String?
        var action: String?
        var targets: [ActionRequest.LooseID]?
        var fromAnalysis: String?
        var whitelist: [String]?
        var intervalSeconds: Double?

        enum CodingKeys: String, CodingKey {
            case username, action, targets, whitelist
            case fromAnalysis = "from_analysis", intervalSeconds = "interval_seconds"
        }
    }

    static func parse(_ request: HTTPRequest) throws(APIError) -> BulkRequest {
        try request.decodeJSON(Body.self) { body throws(APIError) in try validate(body) }
    }

    /// Every rule over a decoded body.
    static func validate(_ body: Body) throws(APIError) -> BulkRequest {
        var errors: [String: String] = [:]
        let username = body.username ?? ""
        if !InstagramNames.isUsername(username) {
            errors["username"] = body.username == nil ? "is required (the saved session's Instagram username)"
                                                      : "must be an Instagram username (1–30 of A–Z a–z 0–9 . _)"
        }
        let action = InstagramAction(rawValue: body.action ?? "").flatMap { actions.contains($0) ? $0 : nil }
        if action == nil { errors["action"] = "must be follow, unfollow, like or unlike" }
        let interval = body.intervalSeconds ?? 0
        if !(0...86_400).contains(interval) { errors["interval_seconds"] = "must be between 0 and 86400" }
        var targets: [String] = []
        if let fromAnalysis = body.fromAnalysis {
            checkAnalysisSource(body, fromAnalysis: fromAnalysis, action: action, errors: &errors)
        } else if let action {
            targets = parseTargets(body.targets, action: action, owner: username, errors: &errors)
            if body.whitelist != nil { errors["whitelist"] = "only with from_analysis" }
        }
        guard errors.isEmpty, let action else { throw APIError.validation(errors) }
        return BulkRequest(username: username, action: action, targets: targets, fromAnalysis: body.fromAnalysis,
                           whitelist: Set((body.whitelist ?? []).map { stripAt($0).lowercased() }), interval: interval)
    }

    static func checkAnalysisSource(_ body: Body, fromAnalysis: String, action: InstagramAction?, errors: inout [String: String]) {
        if body.targets != nil { errors["targets"] = "give targets or from_analysis, not both" }
        if action != nil, action != .unfollow { errors["action"] = "must be unfollow with from_analysis" }
        if fromAnalysis.isEmpty || fromAnalysis.count > 64 { errors["from_analysis"] = "must be a follower analysis' job id" }
        let whitelist = body.whitelist ?? []
        if whitelist.count > maxWhitelist { errors["whitelist"] = "at most \(maxWhitelist) usernames" }
        if let bad = whitelist.firstIndex(where: { !InstagramNames.isUsername(stripAt($0)) }) {
            errors["whitelist[\(bad)]"] = "must be an Instagram username"
        }
    }

    static func parseTargets(_ given: [ActionRequest.LooseID]?, action: InstagramAction, owner: String,
                             errors: inout [String: String]) -> [String] {
        guard let given, !given.isEmpty else { errors["targets"] = "give at least one target"; return [] }
        guard given.count <= maxTargets else { errors["targets"] = "at most \(maxTargets) targets (it has \(given.count))"; return [] }
        var seen = Set<String>(), targets: [String] = []
        for (index, item) in given.enumerated() {
            switch target(item.text, action: action, owner: owner) {
            case .success(let text):
                if seen.insert(text.lowercased()).inserted { targets.append(text) }
            case .failure(let problem):
                errors["targets[\(index)]"] = problem.message
            }
        }
        return targets
    }

    struct Problem: Error { var message: String }

    /// One target as the audit log writes it, or why it is not one.
    static func target(_ text: String, action: InstagramAction, owner: String) -> Result<String, Problem> {
        if action.targetsUser {
            let name = stripAt(text)
            if !name.isEmpty, name.allSatisfy({ $0.isASCII && $0.isNumber }) {
                guard let pk = UInt64(name), pk > 0 else { return .failure(Problem(message: "must be an Instagram user id or username")) }
                return .success(String(pk))
            }
            guard InstagramNames.isUsername(name) else { return .failure(Problem(message: "must be an Instagram user id or username")) }
            guard name.lowercased() != owner.lowercased() else { return .failure(Problem(message: "an account cannot follow itself")) }
            return .success("@" + name)
        }
        if let media = MediaID(text) { return .success(String(media.pk)) }
        if text.contains("/"), let post = try? PostURLParser(field: "targets").parse(text), let media = MediaID(shortcode: post.code) {
            return .success(String(media.pk))
        }
        if (5...64).contains(text.count), Shortcode.isInAlphabet(text), let media = MediaID(shortcode: text) {
            return .success(String(media.pk))
        }
        return .failure(Problem(message: "must be a media id, shortcode or post URL"))
    }

    static func stripAt(_ text: String) -> String { text.hasPrefix("@") ? String(text.dropFirst()) : text }

    /// A stored target back as an action's target.
    static func actionTarget(_ text: String, action: InstagramAction) -> ActionRequest.Target? {
        if text.hasPrefix("@") { return .username(String(text.dropFirst())) }
        if action.targetsUser { return UInt64(text).map { .userID($0) } }
        return MediaID(text).map { .media($0) }
    }
}
