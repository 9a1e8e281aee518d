import Foundation
import Postgres
import Web

extension UploadReferences {
    /// The upload a stored URL names (`PUBLIC_URL/uploads/TOKEN/NAME`, as `resolve` wrote it): its token; nil for any other URL.
    static func token(in url: String, base: String) -> String? {
        let prefix = "\(base)/uploads/"
        guard url.hasPrefix(prefix), let token = url.dropFirst(prefix.count).split(separator: "/").first, !token.isEmpty else { return nil }
        return String(token)
    }

    /// A stored post going to publishing again (a draft published, a failed post retried): every upload its `…_url`
    /// fields name is kept until `until`, expired or not (the cleanup job kept it while the post had not ended, so a
    /// draft's is still there, and the job signs its link when it hands it to Meta). One removed since (`DELETE
    /// …/uploads/{id}`, or the cleanup after the post failed) is a 422 naming its `…_upload_id` field, and nothing is
    /// kept; run it in the transaction that releases the post.
    static func renew(_ urls: [(field: String, url: String)], until: Date, userID: Int64, context: UserContext, db: PostgresConnection) throws {
        let base = context.thread.configuration.publicURL
        let files = UploadFiles(home: context.thread.configuration.home)
        var errors: [String: String] = [:]
        for (field, url) in urls {
            guard let token = token(in: url, base: base) else { continue }
            let name = field.hasSuffix("_url") ? String(field.dropLast(4)) + "_upload_id" : field
            guard let upload = try UploadStore(db: db).renew(token: token, userID: userID, until: until),
                  FileManager.default.fileExists(atPath: files.path(upload)) else {
                errors[name] = "the upload \(token) was removed since the post was stored: upload the file again (and edit a draft with it, or post again)"
                continue
            }
        }
        if !errors.isEmpty { throw APIError.validation(errors, message: "An upload the post names is gone.") }
    }
}
