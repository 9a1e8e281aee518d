import Web

/// The OpenAPI 3.1 document of every endpoint, written by hand next to the code; a test checks that
/// its paths and methods are exactly the router's.
public enum OpenAPIDocument {
    public static func make(serverURL: String) -> JSONValue {
        [
            "openapi": "3.1.0",
            "info": [
                "title": "instagate",
                "version": .string(InstagateVersion.current),
                "description": "Self-hosted backend for Instagram. Every /api/ endpoint needs Authorization: Bearer KEY. Every error is the envelope {success:false, error_code, message, errors}.",
            ],
            "servers": [["url": .string(serverURL)]],
            "security": [],
            "paths": .object([systemPaths, keyPaths, sessionPaths, downloadPaths, analysisPaths, profilePaths, webhookPaths, actionPaths, bulkActionPaths, connectedAccountPaths, publishingPaths, insightsPaths, uploadPaths].reduce(into: [:]) { all, part in
                all.merge(part) { first, _ in first }
            }),
            "components": components,
        ]
    }

    /// The service's own paths: root, health, the document, metrics.
    static var systemPaths: [String: JSONValue] {
        [
            "/": ["get": operation("root", "What this is, its version and main endpoints", ok: "#/components/schemas/Root", auth: false)],
            "/health": ["get": operation("health", "Liveness and database check", ok: "#/components/schemas/Health",
                                         auth: false, extra: ["503": ["description": "The database is unavailable",
                                                                      "content": json("#/components/schemas/Health")]])],
            "/openapi.json": ["get": operation("openapi", "This document", ok: nil, auth: false)],
            "/metrics": ["get": [
                "operationId": "metrics", "summary": "Prometheus metrics (nginx allows localhost only)",
                "responses": ["200": ["description": "Prometheus text format", "content": ["text/plain": ["schema": ["type": "string"]]]],
                              "403": ref("Forbidden")],
            ]],
        ]
    }

    /// Builds one operation with the error responses every endpoint shares (405, 429, 500; 401 and 503
    /// with `auth`; 400, 413, 415 and 422 with a `body`). `extra` adds or (with nil) removes responses.
    static func operation(_ id: String, _ summary: String, ok schema: String?, auth: Bool, body: String? = nil,
                          parameters: [JSONValue] = [], extra: [String: JSONValue?] = [:]) -> JSONValue {
        var responses: [String: JSONValue] = [
            "200": ["description": "OK", "content": schema.map(json) ?? ["application/json": ["schema": ["type": "object"]]]],
            "405": ref("MethodNotAllowed"),
            "429": ref("RateLimited"),
            "500": ref("InternalError"),
        ]
        if auth {
            responses["401"] = ref("Unauthorized")
            responses["503"] = ref("ServiceUnavailable")
        }
        if body != nil {
            responses["400"] = ref("BadRequest")
            responses["413"] = ref("PayloadTooLarge")
            responses["415"] = ref("UnsupportedMediaType")
            responses["422"] = ref("ValidationError")
        }
        if !parameters.isEmpty { responses["400"] = ref("BadRequest") }
        for (status, response) in extra { responses[status] = response }
        var op: [String: JSONValue] = ["operationId": .string(id), "summary": .string(summary), "responses": .object(responses)]
        if let body { op["requestBody"] = ["required": true, "content": json(body)] }
        if !parameters.isEmpty { op["parameters"] = .array(parameters) }
        if auth { op["security"] = [["bearerAuth": []]] }
        return .object(op)
    }

    static func pathParameter(_ name: String, _ description: String, integer: Bool = false) -> JSONValue {
        ["name": .string(name), "in": "path", "required": true, "description": .string(description),
         "schema": ["type": integer ? "integer" : "string"]]
    }

    static func json(_ schema: String) -> JSONValue {
        ["application/json": ["schema": ["$ref": .string(schema)]]]
    }

    static func ref(_ name: String) -> JSONValue {
        ["$ref": .string("#/components/responses/\(name)")]
    }

    /// `response` with OpenAPI links: each one names the operation a created resource leads to and where its path
    /// parameter comes from in the answer (a runtime expression such as `$response.body#/job_id`), so a client, and
    /// schemathesis's stateful phase, can follow it.
    static func linking(_ response: JSONValue, _ links: [(name: String, operation: String, parameter: String, from: String)]) -> JSONValue {
        guard case .object(var object) = response else { return response }
        var all: [String: JSONValue] = [:]
        for link in links {
            all[link.name] = .object(["operationId": .string(link.operation), "parameters": .object([link.parameter: .string(link.from)])])
        }
        object["links"] = .object(all)
        return .object(object)
    }

    static func errorResponse(_ description: String) -> JSONValue {
        ["description": .string(description), "content": json("#/components/schemas/Error")]
    }

    static var components: JSONValue {
        [
            "securitySchemes": ["bearerAuth": ["type": "http", "scheme": "bearer", "description": "An API key from `instagate keys create`."]],
            "responses": [
                "BadRequest": errorResponse("Malformed request (MALFORMED_JSON, INVALID_UTF8, INVALID_PATH_PARAMETER)"),
                "Unauthorized": errorResponse("Missing, malformed, unknown or revoked API key (UNAUTHORIZED); carries WWW-Authenticate: Bearer"),
                "Forbidden": errorResponse("Not allowed from this address (FORBIDDEN)"),
                "NotFound": errorResponse("No such resource, or another user's (NOT_FOUND)"),
                "MethodNotAllowed": errorResponse("Wrong method for this path (METHOD_NOT_ALLOWED); Allow lists the right ones"),
                "PayloadTooLarge": errorResponse("Body over the limit (PAYLOAD_TOO_LARGE)"),
                "UnsupportedMediaType": errorResponse("Body is not application/json (UNSUPPORTED_MEDIA_TYPE)"),
                "ValidationError": errorResponse("A field is missing, mistyped, invalid or unknown (VALIDATION_ERROR); errors names each"),
                "RateLimited": errorResponse("Too many requests from this address (RATE_LIMIT_EXCEEDED); Retry-After says when to retry"),
                "InternalError": errorResponse("Unexpected failure (INTERNAL_ERROR)"),
                "ServiceUnavailable": errorResponse("The database is unavailable (SERVICE_UNAVAILABLE); Retry-After says when to retry"),
            ],
            "schemas": [
                "Error": [
                    "type": "object",
                    "required": ["success", "error_code", "message", "errors"],
                    "properties": [
                        "success": ["type": "boolean", "const": false],
                        "error_code": ["type": "string", "pattern": "^[A-Z][A-Z0-9_]*$"],
                        "message": ["type": "string"],
                        "errors": ["type": "object", "additionalProperties": ["type": "string"]],
                        "request_id": ["type": "string"],
                    ],
                ],
                "Health": [
                    "type": "object",
                    "required": ["status", "version", "database"],
                    "properties": [
                        "status": ["type": "string", "enum": ["ok", "degraded"]],
                        "version": ["type": "string"],
                        "database": ["type": "string", "enum": ["ok", "unavailable"]],
                        "uptime_seconds": ["type": "integer"],
                        "threads": ["type": "integer"],
                    ],
                ],
                "Root": [
                    "type": "object",
                    "properties": ["name": ["type": "string"], "version": ["type": "string"], "description": ["type": "string"],
                                   "docs": ["type": "string"], "endpoints": ["type": "object", "additionalProperties": ["type": "string"]],
                                   "open_access": ["type": "string", "description": "Only with INSTAGATE_OPEN_ACCESS: requests without a key act as this API user"]],
                ],
                "KeyInfo": [
                    "type": "object",
                    "properties": ["id": ["type": "integer"], "name": ["type": "string"], "prefix": ["type": "string"],
                                   "created_at": ["type": "string", "format": "date-time"],
                                   "revoked_at": ["type": ["string", "null"], "format": "date-time"],
                                   "current": ["type": "boolean", "description": "This is the key of the request"],
                                   "admin": ["type": "boolean", "description": "May create keys and revoke any key of its user"],
                                   "minted_by": ["type": ["integer", "null"], "description": "The key that created it through the API"]],
                ],
                "KeyList": ["type": "object", "properties": ["success": ["type": "boolean"],
                                                              "keys": ["type": "array", "items": ["$ref": "#/components/schemas/KeyInfo"]]]],
                "KeyCreate": ["type": "object", "required": ["name"], "additionalProperties": false,
                              "properties": ["name": ["type": "string", "minLength": 1, "maxLength": 200],
                                             "admin": ["type": ["boolean", "null"], "description": "Make it an admin key (to rotate this one); absent or null: not"]]],
                "KeyCreated": ["type": "object", "properties": ["success": ["type": "boolean"], "key": ["type": "string"],
                                                                "message": ["type": "string"],
                                                                "key_info": ["$ref": "#/components/schemas/KeyInfo"]]],
                "Me": [
                    "type": "object",
                    "properties": [
                        "success": ["type": "boolean"],
                        "user": ["type": "object", "properties": ["id": ["type": "integer"], "name": ["type": "string"],
                                                                  "key_id": ["type": "integer"]]],
                    ],
                ],
            ],
        ]
    }
}
