import Testing
@testable import Web

/// One 422 names every bad field of a body: the wrong types, the missing and null ones, the unknown ones and the
/// endpoint's own checks together.
@Suite struct FieldCollectingDecoderTests {
    struct Post: StrictDecodable {
        static let allowedFields: Set<String> = ["account_id", "video_url", "caption", "share_to_feed", "items", "tags"]
        var accountID: Int64
        var videoURL: String?
        var caption: String?
        var shareToFeed: Bool?
        var items: [Item]?
        var tags: [String]?

        enum CodingKeys: String, CodingKey {
            case caption, items, tags
            case accountID = "account_id", videoURL = "video_url", shareToFeed = "share_to_feed"
        }
    }

    struct Item: Decodable {
        var url: String
        var width: Int?
    }

    func request(_ body: String) -> HTTPRequest {
        HTTPRequest(method: "POST", rawPath: "/", headers: HTTPHeaders([("Content-Type", "application/json")]), body: Array(body.utf8))
    }

    /// The endpoint's own rules, as a handler's `validate` words them.
    static func rules(_ post: Post) throws(APIError) -> Post {
        var errors: [String: String] = [:]
        if post.accountID <= 0 { errors["account_id"] = "is required: the account_id of a connected account" }
        if let url = post.videoURL, !url.hasPrefix("https://") { errors["video_url"] = "must be a public http(s) URL of an MP4 video" }
        if (post.caption ?? "").count > 5 { errors["caption"] = "must be at most 5 characters" }
        for (index, item) in (post.items ?? []).enumerated() where item.url.isEmpty {
            errors["items[\(index)].url"] = "is required"
        }
        guard errors.isEmpty else { throw APIError.validation(errors) }
        return post
    }

    func problems(_ body: String) -> APIError? {
        do { _ = try request(body).decodeJSON(Post.self) { post throws(APIError) in try Self.rules(post) }; return nil } catch { return error }
    }

    @Test func namesSeveralWrongTypesAtOnce() {
        let error = problems(#"{"account_id":"7","video_url":5,"caption":false,"share_to_feed":"yes"}"#)
        #expect(error?.status.code == 422)
        #expect(error?.code == "VALIDATION_ERROR")
        #expect(error?.message == "The request is invalid.")
        #expect(error?.errors == ["account_id": "must be an integer", "video_url": "must be a string", "caption": "must be a string",
                                  "share_to_feed": "must be a boolean"])
    }

    @Test func joinsTheEndpointsOwnChecksToTheWrongTypes() {
        let error = problems(#"{"account_id":3,"video_url":"ftp://x/v.mp4","caption":"far too long","share_to_feed":"yes"}"#)
        #expect(error?.errors == ["share_to_feed": "must be a boolean", "video_url": "must be a public http(s) URL of an MP4 video",
                                  "caption": "must be at most 5 characters"])
    }

    @Test func aDroppedRequiredFieldIsNotAlsoRequired() {
        // account_id is required: it is given a stand-in so the rest decodes, and the rules' "is required" for it is not added.
        let error = problems(#"{"account_id":"seven","video_url":"ftp://x","share_to_feed":1}"#)
        #expect(error?.errors == ["account_id": "must be an integer", "video_url": "must be a public http(s) URL of an MP4 video",
                                  "share_to_feed": "must be a boolean"])
        let missing = problems(#"{"share_to_feed":"no","caption":"long caption"}"#)
        #expect(missing?.errors == ["account_id": "is required", "share_to_feed": "must be a boolean", "caption": "must be at most 5 characters"])
        let null = problems(#"{"account_id":null,"caption":7}"#)
        #expect(null?.errors == ["account_id": "must be an integer, not null", "caption": "must be a string"])
    }

    @Test func namesNestedFieldsByTheirPlace() {
        let error = problems(#"{"account_id":1,"items":[{"url":"a"},{"url":5,"width":"wide"},{"width":3}],"caption":[]}"#)
        #expect(error?.errors == ["items.[1].url": "must be a string", "items.[1].width": "must be an integer",
                                  "items.[2].url": "is required", "caption": "must be a string"])
    }

    @Test func aBadArrayElementTakesOutItsArrayOnly() {
        let error = problems(#"{"account_id":1,"tags":["a",5,"b"],"caption":"too long here"}"#)
        #expect(error?.errors == ["tags.[1]": "must be a string", "caption": "must be at most 5 characters"])
    }

    @Test func unknownFieldsJoinTheOthers() {
        let error = problems(#"{"account_id":1,"admin":true,"share_to_feed":"yes","video_url":"ftp://x"}"#)
        #expect(error?.errors == ["admin": "unknown field", "share_to_feed": "must be a boolean",
                                  "video_url": "must be a public http(s) URL of an MP4 video"])
        #expect(error?.message == "The request is invalid.")
        let onlyUnknown = problems(#"{"account_id":1,"admin":true}"#)
        #expect(onlyUnknown?.errors == ["admin": "unknown field"])
        #expect(onlyUnknown?.message == "The request has fields this endpoint does not accept.")
    }

    @Test func aGoodBodyIsTheRulesValue() throws {
        let post = try request(#"{"account_id":4,"video_url":"https://cdn/v.mp4","items":[{"url":"u","width":2}]}"#)
            .decodeJSON(Post.self) { post throws(APIError) in try Self.rules(post) }
        #expect(post.accountID == 4)
        #expect(post.items?.first?.width == 2)
    }

    struct Lookup: Error {}

    @Test func otherErrorsOfTheRulesGiveWayToTheBodysProblems() {
        func lookup(_ body: String) -> (any Error)? {
            do { _ = try request(body).decodeJSON(Post.self) { (_: Post) throws -> Int in throw Lookup() }; return nil } catch { return error }
        }
        #expect(lookup(#"{"account_id":1}"#) is Lookup)
        #expect((lookup(#"{"account_id":1,"caption":2}"#) as? APIError)?.errors == ["caption": "must be a string"])
    }

    @Test func aBodyWithManyBadFieldsStaysBounded() {
        let fields = (0..<100).map { #""f\#($0)":1"# }.joined(separator: ",")
        struct Many: Decodable {
            var values: [String: String?]
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: AnyKey.self)
                values = try Dictionary(uniqueKeysWithValues: container.allKeys.map { ($0.stringValue, try container.decode(String?.self, forKey: $0)) })
            }
        }
        do {
            _ = try request("{\(fields)}").decodeJSON(Many.self)
            Issue.record("expected a 422")
        } catch {
            #expect(error.errors.count == FieldCollectingDecoder.maxPasses)
            #expect(error.errors.values.allSatisfy { $0 == "must be a string" })
        }
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
