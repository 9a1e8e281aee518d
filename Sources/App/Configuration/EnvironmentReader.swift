/// Reads settings from environment variables, one rule for all of them: an unset or empty variable takes the
/// default; a value that is set but cannot be used also takes the default and adds a problem that names the
/// variable (`AppConfiguration.problems`, which stop every `instagate` command at start).
struct EnvironmentReader {
    let variables: [String: String]
    /// One line per variable whose value could not be used.
    private(set) var problems: [String] = []

    init(_ variables: [String: String]) {
        self.variables = variables
    }

    /// The variable's value; nil when it is unset or empty.
    func string(_ name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }

    /// The value `parse` makes of the variable; `expected` ends the problem line "NAME=value is not …".
    mutating func value<Value>(_ name: String, default fallback: Value, expected: String,
                               _ parse: (String) -> Value?) -> Value {
        guard let text = string(name) else { return fallback }
        if let value = parse(text) { return value }
        problems.append("\(name)=\(text) is not \(expected)")
        return fallback
    }

    /// A whole number within `range`.
    mutating func integer<Number: FixedWidthInteger>(_ name: String, default fallback: Number,
                                                     in range: ClosedRange<Number>) -> Number {
        let expected = range.upperBound == .max
            ? "a whole number of at least \(range.lowerBound)"
            : "a whole number from \(range.lowerBound) to \(range.upperBound)"
        return value(name, default: fallback, expected: expected) { text in
            Number(text).flatMap { range.contains($0) ? $0 : nil }
        }
    }

    /// A finite number within `range` (seconds, for most of them).
    mutating func number(_ name: String, default fallback: Double, in range: ClosedRange<Double>) -> Double {
        let expected = range.upperBound == .greatestFiniteMagnitude
            ? "a number of at least \(range.lowerBound.plainText)"
            : "a number from \(range.lowerBound.plainText) to \(range.upperBound.plainText)"
        return value(name, default: fallback, expected: expected) { text in
            Double(text).flatMap { $0.isFinite && range.contains($0) ? $0 : nil }
        }
    }
}

private extension Double {
    /// Without a trailing `.0` for whole numbers: `2`, `0.01`.
    var plainText: String {
        self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self)
    }
}
