/// Hashtags and mentions in a caption, Unicode-aware: `#여행`, `#café`, `@user.name_1`; no trailing
/// punctuation, no e-mail addresses as mentions, no purely numeric hashtags. In order, without repeats.
public struct CaptionEntities: Sendable, Equatable {
    public var hashtags: [String]
    public var mentions: [String]

    public init(_ caption: String?) {
        hashtags = []
        mentions = []
        guard let caption else { return }
        let characters = Array(caption)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let startsToken = index == 0 || !Self.isTokenNeighbour(characters[index - 1])
            if (character == "#" || character == "＃"), startsToken {
                index = readHashtag(characters, from: index + 1)
            } else if (character == "@" || character == "＠"), startsToken {
                index = readMention(characters, from: index + 1)
            } else {
                index += 1
            }
        }
    }

    private mutating func readHashtag(_ characters: [Character], from start: Int) -> Int {
        var end = start
        while end < characters.count, Self.isHashtagCharacter(characters[end]) { end += 1 }
        let tag = String(characters[start..<end])
        if !tag.isEmpty, !tag.allSatisfy({ $0.isNumber || $0 == "_" }), !hashtags.contains(tag) { hashtags.append(tag) }
        return max(end, start)
    }

    private mutating func readMention(_ characters: [Character], from start: Int) -> Int {
        var end = start
        while end < characters.count, Self.isUsernameCharacter(characters[end]) { end += 1 }
        var name = String(characters[start..<end])
        while name.hasSuffix(".") { name.removeLast() }
        // `@name` followed by more address characters (`a@b.com`, `@x@y`) is not a mention.
        let followedByAt = end < characters.count && (characters[end] == "@")
        if !name.isEmpty, name.count <= 30, !followedByAt, !mentions.contains(name) { mentions.append(name) }
        return max(end, start)
    }

    /// A character that glues to a following `#`/`@` (so `a@b.com` and `x#1` are not entities).
    static func isTokenNeighbour(_ character: Character) -> Bool {
        isHashtagCharacter(character) || character == "." || character == "@" || character == "#" || character == "&"
    }

    /// Letters and marks of any script, digits, underscore.
    static func isHashtagCharacter(_ character: Character) -> Bool {
        if character == "_" { return true }
        return character.unicodeScalars.allSatisfy { scalar in
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber:
                return true
            default:
                return false
            }
        }
    }

    /// Instagram usernames: ASCII letters, digits, `.` and `_`.
    static func isUsernameCharacter(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return ascii == 46 || ascii == 95 || (48...57).contains(ascii) || (65...90).contains(ascii) || (97...122).contains(ascii)
    }
}
