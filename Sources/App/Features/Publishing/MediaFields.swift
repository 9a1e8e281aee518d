import Foundation

/// The checks the story, reel and carousel requests share (graph-api.md §3.2): media URLs, user tags,
/// collaborators, a location, alt text, and a field a media type does not take. Each adds its sentence to
/// `errors` under the field's name (`items[2].image_url` inside a carousel), so one 422 names every problem.
enum MediaFields {
    static let maxAltText = 1000
    static let maxCollaborators = 3
    static let maxUserTags = 20

    /// A public http(s) URL Meta can fetch (at most 2,048 characters); nil (and a sentence) otherwise.
    static func url(_ value: String?, field: String, what: String, required: Bool, errors: inout [String: String]) -> String? {
        guard let value else {
            if required { errors[field] = "is required: a public http(s) URL of \(what)" }
            return nil
        }
        if let parts = URLComponents(string: value), let scheme = parts.scheme?.lowercased(), scheme == "http" || scheme == "https",
           let host = parts.host, !host.isEmpty, value.count <= 2048 {
            return value
        }
        errors[field] = "must be a public http(s) URL of \(what) (at most 2,048 characters)"
        return nil
    }

    /// Tags of accounts: a username each, and on an image (`needsPosition`) x and y between 0.0 and 1.0.
    static func userTags(_ tags: [PublishedMedia.UserTag]?, field: String, needsPosition: Bool, errors: inout [String: String]) -> [PublishedMedia.UserTag]? {
        guard let tags else { return nil }
        if tags.count > maxUserTags { errors[field] = "at most \(maxUserTags) tagged accounts (there are \(tags.count))"; return nil }
        for (index, tag) in tags.enumerated() {
            if !isUsername(tag.username) { errors[field] = "user_tags[\(index)].username must be an Instagram username"; return nil }
            let inRange = { (value: Double?) in value.map { (0...1).contains($0) } ?? !needsPosition }
            if !inRange(tag.x) || !inRange(tag.y) {
                errors[field] = needsPosition ? "user_tags[\(index)] needs x and y between 0.0 and 1.0 on an image"
                                              : "user_tags[\(index)]: x and y must be between 0.0 and 1.0"
                return nil
            }
        }
        return tags.isEmpty ? nil : tags
    }

    /// At most 3 usernames invited as collaborators.
    static func collaborators(_ names: [String]?, errors: inout [String: String]) -> [String]? {
        guard let names else { return nil }
        if names.count > maxCollaborators { errors["collaborators"] = "at most \(maxCollaborators) collaborators (there are \(names.count))"; return nil }
        if let bad = names.first(where: { !isUsername($0) }) { errors["collaborators"] = "\"\(bad)\" is not an Instagram username"; return nil }
        return names.isEmpty ? nil : names
    }

    /// A location: the numeric id of a Facebook Page with location data.
    static func locationID(_ value: String?, errors: inout [String: String]) -> String? {
        guard let value else { return nil }
        guard !value.isEmpty, value.count <= 20, value.allSatisfy(\.isASCII), value.allSatisfy(\.isNumber) else {
            errors["location_id"] = "must be the numeric id of a Facebook Page with a location"
            return nil
        }
        return value
    }

    static func altText(_ value: String?, field: String, errors: inout [String: String]) -> String? {
        guard let value else { return nil }
        if value.count > maxAltText { errors[field] = "at most \(maxAltText) characters (there are \(value.count))"; return nil }
        return value.isEmpty ? nil : value
    }

    /// A field sent for a media type Meta does not take it on: named, with where it belongs.
    static func notAllowed(_ present: Bool, field: String, on type: String, allowedOn: String, errors: inout [String: String]) {
        if present { errors[field] = "is not allowed on \(type) (Meta takes it on \(allowedOn))" }
    }

    /// 1–30 letters, digits, `.` and `_`, an `@` in front taken off.
    static func isUsername(_ name: String) -> Bool {
        let bare = name.hasPrefix("@") ? String(name.dropFirst()) : name
        return (1...30).contains(bare.count) && bare.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_") }
    }
}
