import Foundation

/// Content publishing (graph-api.md §3): image containers, their status, publish, the publishing limit.
extension GraphAPIClient {
    /// `POST /{ig-user-id}/media` with `image_url` and `caption`: the container's id.
    public func createImageContainer(igUserID: String, imageURL: String, caption: String, token: String) throws(GraphAPIError) -> String {
        var form = [("image_url", imageURL)]
        if !caption.isEmpty { form.append(("caption", caption)) }
        let object = try call("POST", app.apiURL + "/" + igUserID + "/media", form: form, token: token)
        return try GraphAPIClient.id(object, what: "container")
    }

    /// `POST /{ig-user-id}/media` with any of Meta's parameters (`media_type`, `video_url`, `is_carousel_item`,
    /// `children`, `share_to_feed`, …; JSON values such as `user_tags` as their text): the container's id.
    public func createContainer(igUserID: String, parameters: [(String, String)], token: String) throws(GraphAPIError) -> String {
        let object = try call("POST", app.apiURL + "/" + igUserID + "/media", form: parameters, token: token)
        return try GraphAPIClient.id(object, what: "container")
    }

    /// `GET /{container-id}?fields=status_code,status`: `IN_PROGRESS`, `FINISHED`, `PUBLISHED`, `ERROR` or `EXPIRED`, and the text.
    public func containerStatus(_ containerID: String, token: String) throws(GraphAPIError) -> (code: String, text: String?) {
        let object = try call("GET", app.apiURL + "/" + containerID, query: [("fields", "status_code,status")], token: token)
        guard let code = object["status_code"] as? String else {
            throw GraphAPIError(kind: .badAnswer, status: 200, message: "the container answer has no status_code")
        }
        return (code, object["status"] as? String)
    }

    /// `POST /{ig-user-id}/media_publish` with `creation_id`: the IG media id. Never call it again for the same
    /// container after an unknown outcome: ask `containerStatus` first. Sent on a new connection: libcurl would send
    /// it again by itself if a kept one closed without an answer.
    public func publish(igUserID: String, containerID: String, token: String) throws(GraphAPIError) -> String {
        let object = try call("POST", app.apiURL + "/" + igUserID + "/media_publish", form: [("creation_id", containerID)], token: token, once: true)
        return try GraphAPIClient.id(object, what: "media")
    }

    /// `GET /{ig-user-id}/content_publishing_limit?fields=quota_usage,config`: posts published in the last 24 h and the cap.
    public func publishingLimit(igUserID: String, token: String) throws(GraphAPIError) -> (usage: Int, total: Int) {
        let object = try call("GET", app.apiURL + "/" + igUserID + "/content_publishing_limit", query: [("fields", "quota_usage,config")], token: token)
        guard let entry = (object["data"] as? [[String: Any]])?.first, let usage = (entry["quota_usage"] as? NSNumber)?.intValue else {
            throw GraphAPIError(kind: .badAnswer, status: 200, message: "the publishing limit answer has no quota_usage")
        }
        let total = ((entry["config"] as? [String: Any])?["quota_total"] as? NSNumber)?.intValue ?? 100
        return (usage, total)
    }

    /// `GET /{media-id}?fields=permalink,shortcode`.
    public func permalink(mediaID: String, token: String) throws(GraphAPIError) -> (permalink: String?, shortcode: String?) {
        let object = try call("GET", app.apiURL + "/" + mediaID, query: [("fields", "permalink,shortcode")], token: token)
        return (object["permalink"] as? String, object["shortcode"] as? String)
    }

    static func id(_ object: [String: Any], what: String) throws(GraphAPIError) -> String {
        guard let id = (object["id"] as? String) ?? (object["id"] as? NSNumber)?.stringValue else {
            throw GraphAPIError(kind: .badAnswer, status: 200, message: "the \(what) answer has no id")
        }
        return id
    }
}
