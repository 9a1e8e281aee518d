import Instagram
import Web

extension DownloadHandler.Body {
    /// The post the body asks for, after checking every field: a 422 names each bad one (`url`, `img_index`,
    /// `wait`, `session`, and `otherErrors` the caller found, such as `callback_url`) at once, and nothing is done.
    func validatedPost(syncDeadline: Double, otherErrors: [String: String] = [:]) throws(APIError) -> PostURL {
        var errors = otherErrors
        var post: PostURL?
        do {
            post = try PostURLParser(field: "url").parse(url)
        } catch {
            errors.merge(error.fieldErrors) { first, _ in first }
        }
        if let index = imgIndex, !(1...20).contains(index) {
            errors["img_index"] = "must be a number from 1 to 20"
        }
        if let wait, !(wait >= 1 && wait <= syncDeadline) {
            errors["wait"] = "must be a number of seconds from 1 to \(syncDeadline)"
        }
        if let session, !InstagramNames.isUsername(session) {
            errors["session"] = "must be the username of a saved Instagram session"
        }
        guard errors.isEmpty, var post else { throw APIError.validation(errors) }
        if let imgIndex { post.imageIndex = imgIndex }
        return post
    }
}
