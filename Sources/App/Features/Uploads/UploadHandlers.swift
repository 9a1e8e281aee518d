import Foundation
import Web

/// `POST /api/sns/instagram/uploads` (the body is the file), `GET` and `DELETE …/uploads/{upload_id}`.
enum UploadHandlers {
    /// Takes the body nginx wrote to disk, judges it from its bytes, and answers its id and signed link (201); a
    /// file that is not a whole JPEG or MP4 within Meta's limits is a 422 naming `file`, and nothing is kept.
    /// Kept `INSTAGATE_UPLOAD_TTL` (a day), its link valid as long. Uploads past their expiry (of any user) are removed
    /// on the way, with their files, a few at a time (and by the recurring `upload_cleanup` job).
    @Sendable static func create(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let files = UploadFiles(home: context.thread.configuration.home)
        let token = UploadFiles.newToken()
        do {
            let staged = try files.stage(request, token: token)
            let checked: UploadInspection.Result
            switch UploadInspection.inspect(path: staged) {
            case .success(let result): checked = result
            case .failure(let problem): throw APIError.validation(["file": problem.sentence], message: "The uploaded file cannot be published.")
            }
            try files.rename(staged, token: token, to: checked.fileName)
            let store = UploadStore(db: try context.database())
            for expired in try store.deleteExpired(limit: 20) { files.remove(expired.token) }
            let upload = try store.insert(
                token: token, userID: context.user.id, mediaType: checked.mediaType, fileName: checked.fileName,
                size: checked.size, expiresAt: Date().addingTimeInterval(context.thread.configuration.publishing.uploadLifetime))
            return .json(try answer(upload, context), status: .created)
        } catch {
            files.remove(token)
            throw error
        }
    }

    /// One upload of this API user with a fresh signed link; another user's or an expired one is a 404.
    @Sendable static func show(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let token = request.pathParameters["upload_id"] ?? ""
        guard let upload = try UploadStore(db: try context.database()).find(token: token, userID: context.user.id) else { throw notFound }
        return .json(try answer(upload, context))
    }

    /// Forgets an upload and removes its file (its link then answers 404).
    @Sendable static func delete(_ request: HTTPRequest, _ context: UserContext) throws -> HTTPResponse {
        let token = request.pathParameters["upload_id"] ?? ""
        guard let upload = try UploadStore(db: try context.database()).delete(token: token, userID: context.user.id) else { throw notFound }
        UploadFiles(home: context.thread.configuration.home).remove(upload.token)
        return .json(["success": true])
    }

    static let notFound = APIError.notFound("No such upload.")

    static func answer(_ upload: Upload, _ context: UserContext) throws -> UploadAnswer {
        UploadAnswer(upload, signer: try context.thread.services.linkSigner(), base: context.thread.configuration.publicURL)
    }
}
