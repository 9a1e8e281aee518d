import Foundation
import Instagram
import Web

/// What an action endpoint was asked to do, checked before anything is sent to Instagram: every bad field is
/// named in one 422 `VALIDATION_ERROR`.
struct ActionRequest {
    /// Who or what the action is aimed at.
    enum Target: Equatable {
        case userID(UInt64)
        case username(String)
        case media(MediaID)
    }

    var username: String
    var action: InstagramAction
    var target: Target
    /// A comment's text.
    var text: String?

    /// Longest comment Instagram takes (facts §6.3).
    static let maxCommentLength = 2200

    /// The body of every action endpoint; each endpoint refuses the fields that are not its own.
    struct Body: StrictDecodable {
        static let allowedFields: Set<String> = ["username", "target_user_id", "target_username", "media_id", "shortcode",
                                                 "url", "text", "action_type"]
        var username: String?
        var targetUserID: LooseID?
        var targetUsername: String?
        var mediaID: LooseID?
        var shortcode: String?
        var url: String?
        var text: String?
        var actionType: String?

        enum CodingKeys: String, CodingKey {
            case username, shortcode, url, text
            case targetUserID = "target_user_id", targetUsername = "target_username", mediaID = "media_id"
            case actionType = "action_type"
        }
    }

    /// An id sent as a JSON string or number.
    struct LooseID: Decodable {
        var text: String
        init(from decoder: any Decoder) throws {
            let value = try decoder.singleValueContainer()
            if let number = try? value.decode(UInt64.self) { text = String(number) } else { text = try value.decode(String.self) }
        }
    }

    /// Parses the body of `endpoint` (`follow`, `unfollow`, `like`, `unlike`, `comment`).
    static func parse(_ request: HTTPRequest, endpoint: InstagramAction) throws(APIError) -> ActionRequest {
        try request.decodeJSON(Body.self) { body throws(APIError) in try validate(body, endpoint: endpoint) }
    }

    /// Every rule over a decoded body of `endpoint`.
    static func validate(_ body: Body, endpoint: InstagramAction) throws(APIError) -> ActionRequest {
        var errors: [String: String] = [:]
        let username = body.username ?? ""
        if !InstagramNames.isUsername(username) {
            errors["username"] = body.username == nil ? "is required (the saved session's Instagram username)"
                                                      : "must be an Instagram username (1–30 of A–Z a–z 0–9 . _)"
        }
        let action = actionType(body.actionType, endpoint: endpoint, errors: &errors)
        let target = endpoint.targetsUser ? userTarget(body, username: username, errors: &errors)
                                          : mediaTarget(body, errors: &errors)
        refuseForeignFields(body, endpoint: endpoint, errors: &errors)
        let text = endpoint == .comment ? commentText(body.text, errors: &errors) : nil
        guard errors.isEmpty, let target else { throw APIError.validation(errors) }
        return ActionRequest(username: username, action: action, target: target, text: text)
    }

    /// `action_type` may pick the opposite of `/follow` and `/like` (the earlier service's body); it must agree elsewhere.
    static func actionType(_ given: String?, endpoint: InstagramAction, errors: inout [String: String]) -> InstagramAction {
        guard let given else { return endpoint }
        let allowed: [InstagramAction] = switch endpoint {
        case .follow: [.follow, .unfollow]
        case .like: [.like, .unlike]
        default: [endpoint]
        }
        guard let action = InstagramAction(rawValue: given), allowed.contains(action) else {
            errors["action_type"] = "must be " + allowed.map(\.rawValue).joined(separator: " or ")
            return endpoint
        }
        return action
    }

    static func userTarget(_ body: Body, username: String, errors: inout [String: String]) -> Target? {
        switch (body.targetUserID?.text, body.targetUsername) {
        case (nil, nil):
            errors["target_user_id"] = "give target_user_id or target_username"
        case (.some, .some):
            errors["target_username"] = "give target_user_id or target_username, not both"
        case (let id?, nil):
            guard let pk = UInt64(id), pk > 0, id.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                errors["target_user_id"] = "must be an Instagram user id (digits)"
                return nil
            }
            return .userID(pk)
        case (nil, let name?):
            guard InstagramNames.isUsername(name) else {
                errors["target_username"] = "must be an Instagram username (1–30 of A–Z a–z 0–9 . _)"
                return nil
            }
            guard name.lowercased() != username.lowercased() else {
                errors["target_username"] = "an account cannot follow itself"
                return nil
            }
            return .username(name)
        }
        return nil
    }

    static func mediaTarget(_ body: Body, errors: inout [String: String]) -> Target? {
        let given = [body.mediaID != nil, body.shortcode != nil, body.url != nil].filter { $0 }.count
        guard given == 1 else {
            errors["media_id"] = given == 0 ? "give one of media_id, shortcode or url" : "give only one of media_id, shortcode or url"
            return nil
        }
        if let id = body.mediaID?.text {
            guard let media = MediaID(id) else { errors["media_id"] = "must be a media id (digits, or <pk>_<owner pk>)"; return nil }
            return .media(media)
        }
        if let code = body.shortcode {
            guard (5...64).contains(code.count), Shortcode.isInAlphabet(code), let media = MediaID(shortcode: code) else {
                errors["shortcode"] = "must be a post's shortcode"
                return nil
            }
            return .media(media)
        }
        do {
            let post = try PostURLParser(field: "url").parse(body.url ?? "")
            guard let media = MediaID(shortcode: post.code) else { errors["url"] = "must be a link to an Instagram post"; return nil }
            return .media(media)
        } catch {
            errors["url"] = "must be a link to an Instagram post"
            return nil
        }
    }

    static func refuseForeignFields(_ body: Body, endpoint: InstagramAction, errors: inout [String: String]) {
        var foreign: [String] = []
        if endpoint.targetsUser {
            if body.mediaID != nil { foreign.append("media_id") }
            if body.shortcode != nil { foreign.append("shortcode") }
            if body.url != nil { foreign.append("url") }
        } else {
            if body.targetUserID != nil { foreign.append("target_user_id") }
            if body.targetUsername != nil { foreign.append("target_username") }
        }
        if endpoint != .comment, body.text != nil { foreign.append("text") }
        for field in foreign { errors[field] = "not accepted by /\(endpoint.rawValue)" }
    }

    /// A comment: not blank, at most 2,200 characters (as Instagram counts them: user-perceived characters).
    static func commentText(_ text: String?, errors: inout [String: String]) -> String? {
        guard let text else { errors["text"] = "is required"; return nil }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            errors["text"] = "must not be empty"
        } else if text.count > maxCommentLength {
            errors["text"] = "must be at most \(maxCommentLength) characters (it has \(text.count))"
        } else if text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" }) {
            errors["text"] = "must not contain control characters"
        } else {
            return text
        }
        return nil
    }

    /// The target as the audit log writes it: a user id, `@username`, or a media pk.
    var targetText: String {
        switch target {
        case .userID(let pk): String(pk)
        case .username(let name): "@" + name
        case .media(let media): String(media.pk)
        }
    }
}
