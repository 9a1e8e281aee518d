import Foundation
import Testing

/// What an earlier service's document says a field holds (seeds 000, 003, 004): checked field by field on
/// instagate's answers by the contract tests.
enum FieldType: CustomStringConvertible {
    case string, integer, number, bool, null, stringList, object
    /// A string the document fixes to one of these values.
    case oneOf([String])
    /// A string or JSON null.
    case stringOrNull
    /// An object with these fields.
    case shape([String: FieldType])

    var description: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .number: "number"
        case .bool: "boolean"
        case .null: "null"
        case .stringList: "list of strings"
        case .object: "object"
        case .oneOf(let values): "one of \(values)"
        case .stringOrNull: "string or null"
        case .shape: "object of the documented shape"
        }
    }

    /// Problems of `value` against this type (empty: it matches), with `path` naming the field.
    func problems(_ value: Any?, path: String) -> [String] {
        guard let value else { return ["\(path) is missing (documented: \(self))"] }
        func wrong() -> [String] { ["\(path) is \(String(describing: value).prefix(80)) (documented: \(self))"] }
        switch self {
        case .string: return value is String ? [] : wrong()
        case .integer: return FieldType.kind(value).map { $0 == "integer" } == true ? [] : wrong()
        case .number: return ["integer", "double"].contains(FieldType.kind(value) ?? "") ? [] : wrong()
        case .bool: return FieldType.kind(value) == "bool" ? [] : wrong()
        case .null: return value is NSNull ? [] : wrong()
        case .stringList: return (value as? [Any])?.allSatisfy { $0 is String } == true ? [] : wrong()
        case .object: return value is [String: Any] ? [] : wrong()
        case .oneOf(let values): return (value as? String).map(values.contains) == true ? [] : wrong()
        case .stringOrNull: return value is String || value is NSNull ? [] : wrong()
        case .shape(let fields):
            guard let object = value as? [String: Any] else { return wrong() }
            return fields.sorted { $0.key < $1.key }.flatMap { name, type in type.problems(object[name], path: "\(path).\(name)") }
        }
    }

    /// What JSONSerialization made of a JSON number or boolean: "bool", "integer" or "double" (nil: neither).
    static func kind(_ value: Any) -> String? {
        guard let number = value as? NSNumber, !(value is String) else { return nil }
        switch String(cString: number.objCType) {
        case "c", "B": return "bool"
        case "f", "d": return "double"
        default: return "integer"
        }
    }
}

/// Checks that `object` has every documented field with its documented type (extra fields are allowed:
/// instagate adds, it never renames).
func expectDocumented(_ object: [String: Any], _ fields: [String: FieldType], _ example: String,
                      sourceLocation: SourceLocation = #_sourceLocation) {
    let problems = FieldType.shape(fields).problems(object, path: example)
    #expect(problems.isEmpty, "\(problems.joined(separator: "; ")) in \(object)", sourceLocation: sourceLocation)
}
