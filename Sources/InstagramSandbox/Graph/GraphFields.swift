/// A `fields=` selection: `id,username,children{id,media_url}` → names with their nested selections.
struct GraphFields: Sendable, Equatable {
    struct Field: Sendable, Equatable {
        var name: String
        var nested: GraphFields?
    }

    var fields: [Field]

    /// nil text: the defaults.
    init(_ text: String?, defaults: [String]) {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            fields = defaults.map { Field(name: $0, nested: nil) }
            return
        }
        fields = GraphFields.parse(Substring(text))
    }

    init(fields: [Field]) { self.fields = fields }

    static func parse(_ text: Substring) -> [Field] {
        var result: [Field] = []
        var depth = 0
        var start = text.startIndex
        var index = text.startIndex
        func take(_ part: Substring) {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return }
            if let open = trimmed.firstIndex(of: "{"), trimmed.hasSuffix("}") {
                let inner = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
                result.append(Field(name: String(trimmed[..<open]), nested: GraphFields(fields: parse(inner))))
            } else {
                result.append(Field(name: trimmed, nested: nil))
            }
        }
        while index < text.endIndex {
            switch text[index] {
            case "{": depth += 1
            case "}": depth -= 1
            case "," where depth == 0:
                take(text[start..<index])
                start = text.index(after: index)
            default: break
            }
            index = text.index(after: index)
        }
        take(text[start...])
        return result
    }

    /// The fields rendered from `available` in the order asked; the first unknown one is Meta's error.
    func render(_ available: (Field) -> JSON?) throws(GraphError) -> JSON {
        var pairs: [(String, JSON)] = []
        for field in fields {
            guard let value = available(field) else { throw GraphError.nonexistingField(field.name) }
            if case .null = value { continue }
            pairs.append((field.name, value))
        }
        return .object(pairs)
    }
}
