import Foundation

/// Decodes a JSON body naming every field that fails, not only the first: `JSONDecoder` stops at its first
/// `DecodingError`, so after each one the field is recorded, taken out of the JSON (or, when the type needs it, given
/// a stand-in value of the type the decoder asked for) and the body decoded again, up to `maxPasses` times.
///
/// The value it ends with is partial (each bad field absent or a stand-in) and is only good for finding the other
/// fields' problems: a request with any problem is refused.
struct FieldCollectingDecoder {
    /// Decoding passes at most: each pass settles one field, so a body with more bad fields names the first ones.
    static let maxPasses = 40

    /// The decoded value (nil when nothing decodable remained), each bad field's problem by field name, and every
    /// field taken out or given a stand-in (an array's field for a bad element).
    struct Outcome<T> {
        var value: T?
        var problems: [String: String]
        var settled: Set<String> = []
    }

    /// What was done to a field: taken out (with the type the decoder wanted, when known), set to `null` to learn
    /// the type a missing field needs, or given a stand-in value.
    private enum Mark {
        case dropped(Any.Type?)
        case nulled
        case filled
    }

    private var tree: Any
    private var problems: [String: String] = [:]
    private var marks: [String: Mark] = [:]

    /// Decodes `data` (already parsed as `object`). A first error other than a `DecodingError` is thrown as it is.
    static func decode<T: Decodable>(_ type: T.Type, data: Data, object: Any) throws -> Outcome<T> {
        var state = FieldCollectingDecoder(tree: object)
        let decoder = JSONCoding.decoder()
        var data = data
        for pass in 0..<maxPasses {
            do {
                return Outcome(value: try decoder.decode(T.self, from: data), problems: state.problems, settled: Set(state.marks.keys))
            } catch let error as DecodingError {
                guard state.settle(error),
                      let next = try? JSONSerialization.data(withJSONObject: state.tree, options: [.fragmentsAllowed]) else { break }
                data = next
            } catch {
                if pass == 0 { throw error }
                break
            }
        }
        return Outcome(value: nil, problems: state.problems.isEmpty ? ["body": "is not valid"] : state.problems,
                       settled: Set(state.marks.keys))
    }

    /// Records the error's field and changes the JSON so the next pass gets past it; false when it cannot.
    private mutating func settle(_ error: DecodingError) -> Bool {
        guard let fault = Fault(error) else { return false }
        let name = FieldCollectingDecoder.name(fault.path)
        switch marks[name] {
        case .dropped(let type)? where fault.isMissing:
            // A required field we took out: give it a stand-in of its type, or null to learn the type.
            if let type, let value = FieldCollectingDecoder.standIn(for: type) { return set(fault.path, to: value, mark: .filled) }
            return set(fault.path, to: NSNull(), mark: .nulled)
        case .nulled? where !fault.isMissing:
            guard let type = fault.expected, let value = FieldCollectingDecoder.standIn(for: type) else { return false }
            return set(fault.path, to: value, mark: .filled)
        case .some:
            return false
        case nil:
            if problems[name] == nil { problems[name] = fault.message }
            if fault.isMissing { return set(fault.path, to: NSNull(), mark: .nulled) }
            guard let removal = removablePath(fault.path) else { return false }
            let removedName = FieldCollectingDecoder.name(removal)
            marks[removedName] = .dropped(removal.count == fault.path.count ? fault.expected : nil)
            guard let edited = FieldCollectingDecoder.edit(tree, removal[...], to: nil) else { return false }
            tree = edited
            return true
        }
    }

    private mutating func set(_ path: [any CodingKey], to value: Any, mark: Mark) -> Bool {
        guard let edited = FieldCollectingDecoder.edit(tree, path[...], to: value) else { return false }
        marks[FieldCollectingDecoder.name(path)] = mark
        tree = edited
        return true
    }

    /// The deepest part of `path` that ends at an object's key: an array element cannot be taken out without moving
    /// the ones after it, so a bad element takes out the array's field (`collaborators.[1]` → `collaborators`).
    private func removablePath(_ path: [any CodingKey]) -> [any CodingKey]? {
        var node: Any? = tree
        var end = 0
        for (depth, key) in path.enumerated() {
            if let object = node as? [String: Any] {
                end = depth + 1
                node = object[key.stringValue]
            } else if let array = node as? [Any], let index = key.intValue, array.indices.contains(index) {
                node = array[index]
            } else {
                break
            }
        }
        return end == 0 ? nil : Array(path.prefix(end))
    }

    /// `node` with the value at `path` replaced by `value` (nil: the object's key removed); nil when `path` is not there.
    private static func edit(_ node: Any, _ path: ArraySlice<any CodingKey>, to value: Any?) -> Any? {
        guard let key = path.first else { return value }
        let rest = path.dropFirst()
        if var object = node as? [String: Any] {
            if rest.isEmpty {
                object[key.stringValue] = value
                return object
            }
            guard let child = object[key.stringValue], let edited = edit(child, rest, to: value) else { return nil }
            object[key.stringValue] = edited
            return object
        }
        guard var array = node as? [Any], let index = key.intValue, array.indices.contains(index),
              let edited = rest.isEmpty ? value : edit(array[index], rest, to: value) else { return nil }
        array[index] = edited
        return array
    }

    /// A value of `type` that JSON can carry, to stand in for a required field that was not valid.
    private static func standIn(for type: Any.Type) -> Any? {
        switch type {
        case is String.Type: return ""
        case is Bool.Type: return false
        case is any BinaryInteger.Type, is any BinaryFloatingPoint.Type: return 0
        default:
            let name = String(describing: type)
            if name.hasPrefix("Array<") { return [Any]() }
            if name.hasPrefix("Dictionary<") { return [String: Any]() }
            return nil
        }
    }

    /// A field's name as answers give it: keys joined by dots, array places as `[N]` (`items.[2].video_url`).
    static func name(_ path: [any CodingKey]) -> String {
        let name = path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        return name.isEmpty ? "body" : name
    }

    /// One decoding error: the path of the value at fault (the missing key's, for a missing field), the type the
    /// decoder wanted, and the problem as answers word it.
    private struct Fault {
        var path: [any CodingKey]
        var expected: Any.Type?
        var isMissing = false
        var message: String

        init?(_ error: DecodingError) {
            switch error {
            case .keyNotFound(let key, let context):
                (path, expected, isMissing, message) = (context.codingPath + [key], nil, true, "is required")
            case .typeMismatch(let type, let context):
                (path, expected, message) = (context.codingPath, type, "must be \(Fault.describe(type))")
            case .valueNotFound(let type, let context):
                (path, expected, message) = (context.codingPath, type, "must be \(Fault.describe(type)), not null")
            case .dataCorrupted(let context):
                (path, expected, message) = (context.codingPath, nil, "is not valid")
            @unknown default:
                return nil
            }
        }

        static func describe(_ type: Any.Type) -> String {
            switch type {
            case is String.Type: return "a string"
            case is Bool.Type: return "a boolean"
            case is Int.Type, is Int64.Type, is Int32.Type: return "an integer"
            case is Double.Type: return "a number"
            default: return "of type \(type)"
            }
        }
    }
}
