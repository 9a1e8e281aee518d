/// A comment on a post, made by a world user.
public struct SandboxComment: Sendable, Equatable {
    public var pk: UInt64
    public var mediaPK: UInt64
    public var userPK: UInt64
    public var text: String
    public var createdAt: Int
    public var repliedToPK: UInt64?
}
