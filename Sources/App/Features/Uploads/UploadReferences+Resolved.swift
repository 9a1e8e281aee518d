import Web

extension UploadReferences {
    /// A publish request with its uploads resolved: the request as its parser reads it, the bad uploads by field, and
    /// the good ones' tokens (kept with the post, `UploadReferences.keep`).
    struct Resolved {
        /// The request with each good `…_upload_id` replaced by its `…_url` (and each bad one taken out).
        var request: HTTPRequest
        /// Each bad `…_upload_id` and its problem.
        var errors: [String: String] = [:]
        /// The `…_url` fields a bad upload left empty: the parser's "is required" there is the upload's problem, named already.
        var emptied: Set<String> = []
        /// The tokens of the uploads the request names, each checked.
        var tokens: [String] = []

        /// `parse` run over the resolved request: its value when it and every upload are good, else one 422 naming
        /// every bad field, the request's and the uploads'.
        func parse<T>(_ parse: (HTTPRequest) throws -> T) throws -> T {
            let value: T
            do {
                value = try parse(request)
            } catch let error as APIError where error.code == "VALIDATION_ERROR" && !errors.isEmpty {
                throw APIError.validation(error.errors.filter { !emptied.contains($0.key) }.merging(errors) { _, upload in upload })
            }
            if !errors.isEmpty { throw APIError.validation(errors) }
            return value
        }
    }
}
