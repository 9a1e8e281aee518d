import Foundation

/// Converts Foundation JSON (from `JSONSerialization`) into `JSON`, keys sorted.
enum JSONValueBridge {
    static func json(from bytes: [UInt8]) -> JSON {
        guard let value = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) else { return .null }
        return json(value)
    }

    static func json(_ value: Any) -> JSON {
        switch value {
        case let text as String: return .string(text)
        case let number as NSNumber:
            if String(cString: number.objCType) == "c" { return .bool(number.boolValue) }
            if number.doubleValue == number.doubleValue.rounded(), abs(number.doubleValue) < 9e15 { return .int(number.int64Value) }
            return .double(number.doubleValue)
        case let list as [Any]: return .array(list.map(json))
        case let object as [String: Any]: return .object(object.keys.sorted().map { ($0, json(object[$0]!)) })
        default: return .null
        }
    }
}
