extension HTTPRequest {
    /// A whole-number query parameter: `defaultValue` when absent, 422 `VALIDATION_ERROR` naming it when it is
    /// not a number in `range`.
    public func queryInteger(_ name: String, default defaultValue: Int, range: ClosedRange<Int>) throws(APIError) -> Int {
        var errors: [String: String] = [:]
        guard let number = queryInteger(name, default: defaultValue, range: range, errors: &errors) else { throw APIError.validation(errors) }
        return number
    }

    /// The same, for a handler that names every bad field at once: nil, with the problem under `name` in `errors`,
    /// when it is not a number in `range`.
    public func queryInteger(_ name: String, default defaultValue: Int, range: ClosedRange<Int>,
                             errors: inout [String: String]) -> Int? {
        guard let text = query(name) else { return defaultValue }
        guard let number = Int(text), range.contains(number) else {
            errors[name] = "must be a whole number from \(range.lowerBound) to \(range.upperBound)"
            return nil
        }
        return number
    }
}
