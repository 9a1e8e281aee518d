import Foundation

/// A caption with its hashtags added, checked as Meta checks it (2,200 characters, 30 hashtags, 20 @-mentions):
/// the rules `PostRequest` applies to a feed photo, for stories (`text`), reels and carousels.
enum CaptionRules {
    /// The caption as sent to Meta (the hashtags not already in it appended) and the hashtags; each problem is
    /// added to `errors` under `field` or `hashtags`.
    static func apply(caption text: String?, hashtags raw: [String]?, field: String, errors: inout [String: String]) -> (caption: String, hashtags: [String]) {
        var tags: [String] = []
        for value in raw ?? [] {
            let tag = value.hasPrefix("#") ? String(value.dropFirst()) : value
            if tag.isEmpty || tag.count > 100 || !tag.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                errors["hashtags"] = "each hashtag must be letters, digits or _ (\"\(value)\" is not)"
                break
            }
            tags.append(tag)
        }
        var caption = text ?? ""
        let words = caption.split(whereSeparator: { $0.isWhitespace })
        let inCaption = Set(words.filter { $0.hasPrefix("#") && $0.count > 1 }.map { $0.dropFirst().lowercased() })
        let added = tags.filter { !inCaption.contains($0.lowercased()) }
        if !added.isEmpty { caption += (caption.isEmpty ? "" : "\n\n") + added.map { "#" + $0 }.joined(separator: " ") }
        let hashtagCount = inCaption.count + Set(added.map { $0.lowercased() }).count
        if errors["hashtags"] == nil && hashtagCount > PostRequest.maxHashtags {
            errors["hashtags"] = "at most \(PostRequest.maxHashtags) hashtags in all, \(field) included (there are \(hashtagCount))"
        }
        let mentions = words.filter { $0.hasPrefix("@") && $0.count > 1 }.count
        if mentions > PostRequest.maxMentions { errors[field] = "at most \(PostRequest.maxMentions) @-mentions (there are \(mentions))" }
        if caption.count > PostRequest.maxCaption {
            errors[field, default: ""] += (errors[field] == nil ? "" : "; ")
                + "at most \(PostRequest.maxCaption) characters with the hashtags added (there are \(caption.count))"
        }
        return (caption, tags)
    }

    /// `scheduled_at`, when given: the time, or its problem under `scheduled_at`.
    static func schedule(_ text: String?, errors: inout [String: String]) -> Date? {
        guard let text else { return nil }
        switch ScheduledTime.parse(text) {
        case .success(let time): return time
        case .failure(let problem): errors["scheduled_at"] = problem.message; return nil
        }
    }
}
