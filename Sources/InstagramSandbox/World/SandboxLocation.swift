/// A place posts are tagged with.
public struct SandboxLocation: Sendable, Codable, Equatable {
    public var pk: UInt64
    public var name: String
    public var slug: String
    public var lat: Double
    public var lng: Double
    public var address: String
    public var city: String
}
