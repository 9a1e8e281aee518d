import Web

extension OpenAPIDocument {
    /// Paths of the follower-analysis and job endpoints (issue 5).
    static var analysisPaths: [String: JSONValue] { [:] }
}
