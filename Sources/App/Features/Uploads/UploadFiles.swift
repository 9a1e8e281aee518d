import Foundation
import Web

/// Where uploaded files live: `$INSTAGATE_HOME/uploads/TOKEN/NAME`, served by nginx under `/uploads/` at signed
/// links. nginx writes a request body to `uploads/.incoming/` (`client_body_in_file_only`, the same filesystem), so
/// a file is taken over with one `link(2)`, never copied nor held in memory.
struct UploadFiles {
    let directory: String

    init(home: String) {
        directory = (home as NSString).appendingPathComponent("uploads")
    }

    /// nginx's temporary files of upload bodies (nginx/instagate.conf.tmpl, `client_body_temp_path`).
    var incoming: String { "\(directory)/.incoming" }

    func folder(_ token: String) -> String { "\(directory)/\(token)" }

    func path(_ upload: Upload) -> String { "\(folder(upload.token))/\(upload.fileName)" }

    /// A new public id: 24 random lower-case letters and digits.
    static func newToken() -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<24).map { _ in alphabet.randomElement()! })
    }

    /// The request's body as a file in the token's folder (`upload`, renamed once its type is known): nginx's
    /// body file (the FastCGI param `INSTAGATE_UPLOAD_FILE`) linked in, or, without nginx (in-process tests, a
    /// direct FastCGI client), the body the responder read, written out.
    func stage(_ request: HTTPRequest, token: String) throws -> String {
        let folder = folder(token)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let staged = "\(folder)/upload"
        if let bodyFile = request.params["INSTAGATE_UPLOAD_FILE"], !bodyFile.isEmpty {
            guard bodyFile.hasPrefix(incoming + "/"), !bodyFile.contains("/../"), link(bodyFile, staged) == 0 else {
                throw APIError.internalError
            }
        } else if !FileManager.default.createFile(atPath: staged, contents: Data(request.body)) {
            throw APIError.internalError
        }
        return staged
    }

    /// Gives the staged file its final name.
    func rename(_ staged: String, token: String, to name: String) throws {
        try FileManager.default.moveItem(atPath: staged, toPath: "\(folder(token))/\(name)")
    }

    /// Removes a token's folder and everything in it (nothing if it is gone already).
    func remove(_ token: String) {
        try? FileManager.default.removeItem(atPath: folder(token))
    }
}
