import Web

extension OpenAPIDocument {
    /// Paths of the downloader and Instagram-session endpoints (issue 6).
    static var downloadPaths: [String: JSONValue] { [:] }
}
