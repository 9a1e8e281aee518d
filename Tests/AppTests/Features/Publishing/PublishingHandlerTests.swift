import Foundation
import TestSupport
import Testing
import Web
@testable import App

/// `POST /api/sns/instagram/posts` in-process: every bad field named before anything is stored or sent, hashtags
/// added to the caption once, an unknown account and another user's post a 404.
@Suite(.needsStack)
struct PublishingHandlerTests {
    let app = TestApplication(.router)

    @Test func everyBadFieldIsNamedAndNothingIsStored() throws {
        let key = try app.newKey()
        let tags = "[" + (1...31).map { "\"t\($0)\"" }.joined(separator: ",") + "]"
        let answer = try app.execute("POST", "/api/sns/instagram/posts", key: key,
                                     json: #"{"account_id":0,"image_url":"file:///etc/passwd","caption":"\#(String(repeating: "x", count: 2201))","hashtags":\#(tags)}"#)
        answer.expectEnvelope(422, "VALIDATION_ERROR")
        let errors = answer.json["errors"] as? [String: String] ?? [:]
        #expect(Set(errors.keys) == ["account_id", "image_url", "caption", "hashtags"], "\(errors)")
        let unknown = try app.execute("POST", "/api/sns/instagram/posts", key: key, json: #"{"account_id":1,"image_url":"https://x.test/a.jpg","text":"hi"}"#)
        unknown.expectEnvelope(422, "VALIDATION_ERROR")
        #expect((unknown.json["errors"] as? [String: Any])?["text"] != nil)
        try app.execute("POST", "/api/sns/instagram/posts", key: key, json: #"{"account_id":999999999,"image_url":"https://x.test/a.jpg"}"#)
            .expectEnvelope(404, "NOT_FOUND")
        try app.execute("GET", "/api/sns/instagram/posts/999999999", key: key).expectEnvelope(404, "NOT_FOUND")
    }

    @Test func hashtagsAreAddedToTheCaptionOnceAndCounted() throws {
        func parse(_ json: String) throws -> PostRequest {
            try PostRequest.parse(HTTPRequest(method: "POST", rawPath: "/", rawQuery: "", headers: HTTPHeaders([("Content-Type", "application/json")]),
                                              body: Array(json.utf8), remoteAddress: "127.0.0.1"))
        }
        let post = try parse(##"{"account_id":3,"image_url":"https://x.test/a.jpg","caption":"Seoul #travel","hashtags":["#travel","food"]}"##)
        #expect(post.caption == "Seoul #travel\n\n#food" && post.hashtags == ["travel", "food"])
        let spaced = try parse(##"{"account_id":3,"image_url":"https://x.test/a.jpg","hashtags":"#a, #b"}"##)
        #expect(spaced.caption == "#a #b")
        let thirty = (1...30).map { "#t\($0)" }.joined(separator: " ")
        #expect(throws: APIError.self) { try parse(#"{"account_id":3,"image_url":"https://x.test/a.jpg","caption":"\#(thirty)","hashtags":["extra"]}"#) }
        #expect(try parse(#"{"account_id":3,"image_url":"https://x.test/a.jpg","caption":"\#(thirty)","hashtags":["t1"]}"#).caption == thirty)
    }
}
