/// The API user a request is authenticated as; every row later features create belongs to one.
public struct APIUser: Sendable, Equatable, Codable {
    public var id: Int64
    public var name: String
    /// The key used for this request.
    public var keyID: Int64
    /// Whether that key is an admin key (may create keys and revoke any key of its user).
    public var isAdmin: Bool = false
}
