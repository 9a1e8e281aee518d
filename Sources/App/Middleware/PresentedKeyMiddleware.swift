import Web

/// `Authorization: Bearer <key>` read but not looked up: the handlers behind it check the key in the statement
/// that reads their rows (`KeyContext`). A missing or malformed key is 401 here, as `AuthenticationMiddleware`
/// answers it; a keyless request under `INSTAGATE_OPEN_ACCESS` is resolved here (a second statement, that mode
/// only).
struct PresentedKeyMiddleware: Middleware {
    func handle(_ request: HTTPRequest, context: RequestContext, next: Responder<KeyContext>) throws -> HTTPResponse {
        guard let header = request.headers["Authorization"] else {
            let user = try AuthenticationMiddleware().authenticate(request, context: context)
            return try next(request, KeyContext(thread: context, credential: .user(user)))
        }
        guard let key = AuthenticationMiddleware.bearerKey(header) else { throw APIError.unauthorized }
        return try next(request, KeyContext(thread: context, credential: .keyHash(APIKey.hash(key))))
    }
}
