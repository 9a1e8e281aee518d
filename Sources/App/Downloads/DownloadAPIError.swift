import Web

extension APIError {
    /// The API's answer to a failed file transfer.
    init(download error: DownloadError) {
        switch error.code {
        case .signatureExpired, .notFound, .upstream, .badContent:
            self.init(.badGateway, "UPSTREAM_ERROR", "Instagram's CDN failed to deliver the media: \(error.message).")
        case .storage:
            self.init(.internalServerError, "STORAGE_ERROR", "The server could not store the files.")
        case .configuration:
            self.init(.internalServerError, "CONFIGURATION_ERROR", "The downloader is misconfigured (see the server log).")
        case .deadline:
            self.init(.internalServerError, "DEADLINE_PASSED", "The download did not finish in time.")
        case .noSuchItem:
            self.init(.unprocessableEntity, "VALIDATION_ERROR", "The request is invalid.", errors: ["img_index": error.message])
        }
    }
}
