import Foundation

extension GraphAPIClient {
    /// `POST /me/subscribed_apps?subscribed_fields=…` (Instagram Login, graph-api.md §7): the token's account
    /// enables delivery of these webhook fields to the app; Meta answers `{"success": true}`.
    public func subscribeApp(fields: [String], token: String) throws(GraphAPIError) {
        let object = try call("POST", app.apiURL + "/me/subscribed_apps", query: [("subscribed_fields", fields.joined(separator: ","))], token: token)
        guard object["success"] as? Bool == true else {
            throw GraphAPIError(kind: .badAnswer, status: 200, message: "the subscribed_apps answer is not success")
        }
    }

    /// `DELETE /{ig-user-id}/subscribed_apps` (Instagram Login, graph-api.md §7): the account stops delivery of its
    /// webhook events to the app; Meta answers `{"success": true}`.
    public func unsubscribeApp(igUserID: String, token: String) throws(GraphAPIError) {
        let object = try call("DELETE", app.apiURL + "/" + igUserID + "/subscribed_apps", token: token)
        guard object["success"] as? Bool == true else {
            throw GraphAPIError(kind: .badAnswer, status: 200, message: "the subscribed_apps answer is not success")
        }
    }
}
