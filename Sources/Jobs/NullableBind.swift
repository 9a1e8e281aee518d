import Postgres

/// An optional value bound as a parameter (NULL when nil), spelled `\(value.bound)` so the compiler does
/// not take the interpolation of an optional for a mistake.
public struct NullableBind<Wrapped: PostgresEncodable>: PostgresEncodable {
    public var value: Wrapped?
    public var postgresText: String? { value?.postgresText }
}

extension Optional where Wrapped: PostgresEncodable {
    /// This optional as a bound parameter: NULL when nil.
    public var bound: NullableBind<Wrapped> { NullableBind(value: self) }
}
