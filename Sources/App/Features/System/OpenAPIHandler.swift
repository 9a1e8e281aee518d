import Web

/// `GET /openapi.json`.
enum OpenAPIHandler {
    @Sendable static func document(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        var response = HTTPResponse.json(OpenAPIDocument.make(serverURL: context.configuration.publicURL))
        response.headers["Cache-Control"] = "public, max-age=300"
        return response
    }
}
