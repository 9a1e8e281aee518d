import Foundation

/// Reading JSON the clients send (GraphQL `variables`, admin bodies, the IGT bearer) into plain values.
public enum JSONInput {
    /// A JSON object, or nil when the text is not one.
    public static func object(_ text: String) -> [String: Any]? {
        object(Array(text.utf8))
    }

    /// A JSON object from bytes, or nil when they are not one.
    public static func object(_ bytes: [UInt8]) -> [String: Any]? {
        guard !bytes.isEmpty,
              let value = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        else { return nil }
        return value as? [String: Any]
    }

    /// A value as a string: strings as is, numbers in decimal, everything else nil.
    public static func string(_ value: Any?) -> String? {
        switch value {
        case let text as String: return text
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }

    /// A value as an integer (numbers or numeric strings).
    public static func int(_ value: Any?) -> Int? {
        if let number = value as? NSNumber { return number.intValue }
        if let text = value as? String { return Int(text) }
        return nil
    }

    /// A value as a boolean.
    public static func bool(_ value: Any?) -> Bool? {
        if let number = value as? NSNumber { return number.boolValue }
        if let text = value as? String { return text == "true" || text == "1" }
        return nil
    }
}
