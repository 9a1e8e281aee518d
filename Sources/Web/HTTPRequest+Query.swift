extension HTTPRequest {
    /// A whole-number query parameter: `defaultValue` when absent, 422 `VALIDATION_ERROR` naming it when it is
    /// not a number in `range`.
    public func queryInteger(_ name: String, default defaultValue: Int, range: ClosedRange<Int>) throws(APIError) -> Int {
        guard let text = query(name) else { return defaultValue }
        guard let number = Int(text), range.contains(number) else {
            throw APIError.validation([name: "must be a whole number from \(range.lowerBound) to \(range.upperBound)"])
        }
        return number
    }
}
