import Foundation
import Testing
import Web
@testable import InstagramSandbox

/// `/me/subscribed_apps` (graph-api.md §7): an Instagram-Login account subscribes the app for fields, lists and
/// ends the subscription, and an event reaches the app's callback only for a field its account subscribed.
struct GraphSubscribedAppsTests {
    let graph = GraphTestClient()
    let host = "graph.instagram.com"

    /// Queues the event and says whether the sandbox made a delivery of it (the app's callback refuses: one try).
    func delivered(_ field: String) -> Bool {
        let sent = graph.admin("POST", "/__sandbox/graph/webhooks/event", #"{"username":"bigstar","field":"\#(field)","value":{"id":"1"}}"#)
        return sent["delivery"] is NSNumber
    }

    @Test func anAccountSubscribesListsAndEndsItsAppsDeliveries() throws {
        let token = graph.instagramLongToken(account: "bigstar")
        let app = GraphTestClient.instagramApp.id
        _ = graph.admin("POST", "/__sandbox/graph/webhooks/retry-delays", #"{"seconds": []}"#)
        graph.sandbox.sandbox.graph.webhooks.subscribe(app: app) { $0.callbackURL = "http://127.0.0.1:9/hook" }
        #expect(graph.send(host: host, "/v24.0/me/subscribed_apps", token: token).object["data"] as? [Any] != nil)
        #expect(!delivered("comments"), "no delivery before the account subscribes the app")

        let bad = graph.send("POST", host: host, "/v24.0/me/subscribed_apps?subscribed_fields=comments,likes", token: token)
        #expect(bad.status.code == 400 && bad.graphCode == 100, "\(bad.text)")
        #expect((bad.graphError["message"] as? String)?.hasPrefix("(#100) Param subscribed_fields[1] must be one of {") == true, "\(bad.text)")
        #expect(graph.send("POST", host: host, "/v24.0/me/subscribed_apps", token: token).graphCode == 100, "subscribed_fields is required")
        #expect(!delivered("comments"), "a refused subscription changes nothing")

        let done = graph.send("POST", host: host, "/v24.0/me/subscribed_apps?subscribed_fields=comments,messages", token: token)
        #expect(done.status.code == 200 && done.text == #"{"success":true}"#, "\(done.text)")
        let listed = graph.send(host: host, "/v24.0/me/subscribed_apps", token: token).object["data"] as? [[String: Any]]
        #expect(listed?.first?["id"] as? String == app && listed?.first?["subscribed_fields"] as? [String] == ["comments", "messages"], "\(listed ?? [])")
        #expect(delivered("comments") && !delivered("mentions"), "only the subscribed fields are delivered")

        let user = try #require(TestSandbox.world.user(username: "bigstar"))
        #expect(graph.send("DELETE", host: host, "/\(user.fbid)/subscribed_apps", token: token).text == #"{"success":true}"#)
        #expect((graph.send(host: host, "/me/subscribed_apps", token: token).object["data"] as? [Any])?.isEmpty == true)
        #expect(!delivered("comments"), "no delivery once the subscription ended")
        let other = graph.send("POST", host: host, "/17841400203456789/subscribed_apps?subscribed_fields=comments", token: token)
        #expect(other.graphCode == 100 && other.graphSubcode == 33, "another account's node: \(other.text)")
        #expect(graph.send("POST", host: host, "/me/subscribed_apps?subscribed_fields=comments").graphCode == 2500, "a token is required")
    }
}
