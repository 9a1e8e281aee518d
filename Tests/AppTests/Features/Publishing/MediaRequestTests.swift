import Foundation
import TestSupport
import Testing
import Web
@testable import App

/// The story, reel and carousel requests: the earlier service's fields into `PublishedMedia`, every bad field
/// named (a field the media type does not take with where it belongs), and the media's problems from
/// `inspect` joined in the same 422.
struct MediaRequestTests {
    static func request(_ json: String) -> HTTPRequest {
        HTTPRequest(method: "POST", rawPath: "/", rawQuery: "", headers: HTTPHeaders([("Content-Type", "application/json")]),
                    body: Array(json.utf8), remoteAddress: "127.0.0.1")
    }

    /// The fields a refused parse names (`unexpected` for an error that is not an APIError); empty when it parses.
    static func errors(_ parse: () throws -> PostRequest) -> [String: String] {
        do {
            _ = try parse()
            return [:]
        } catch let error as APIError {
            return error.errors
        } catch {
            return ["unexpected": "\(error)"]
        }
    }

    @Test func aWrongTypeDoesNotHideTheOtherBadFields() {
        let reel = Self.errors { try ReelRequest.parse(Self.request(#"{"account_id":"4","share_to_feed":"yes","video_url":"ftp://x/v.mp4","thumb_offset":-1}"#)) }
        #expect(Set(reel.keys) == ["account_id", "share_to_feed", "video_url", "thumb_offset"], "\(reel)")
        #expect(reel["account_id"] == "must be an integer" && reel["share_to_feed"] == "must be a boolean", "\(reel)")
        let carousel = Self.errors { try CarouselRequest.parse(Self.request(#"{"account_id":4,"items":[{"image_url":"https://a.test/a.jpg"},{"image_url":5,"alt_text":"a"}],"caption":7,"cover_url":"https://a.test/c.jpg"}"#)) }
        #expect(carousel["items.[1].image_url"] == "must be a string" && carousel["caption"] == "must be a string", "\(carousel)")
        #expect(carousel["items[1].image_url"] == nil, "the dropped field is not also required: \(carousel)")
        #expect(carousel["cover_url"] != nil, "\(carousel)")
        let photo = Self.errors { try PostRequest.parse(Self.request(#"{"account_id":"4","image_url":"ftp://x/a.jpg","alt_text":5,"collaborators":"jun"}"#)) }
        #expect(Set(photo.keys) == ["account_id", "image_url", "alt_text", "collaborators"], "\(photo)")
        #expect(photo["account_id"] == "must be an integer" && photo["alt_text"] == "must be a string", "\(photo)")
    }

    @Test func aReelKeepsTheEarlierFieldNamesAndMetasOptions() throws {
        let reel = try ReelRequest.parse(Self.request(#"""
            {"account_id":4,"video_url":"https://cdn.test/r.mp4","caption":"Hi","hashtags":["a"],"thumbnail_url":"https://cdn.test/c.jpg",
             "thumb_offset":1500,"share_to_feed":false,"location_id":"1020379831","user_tags":[{"username":"mina.kim"}],"collaborators":["@jun"]}
            """#))
        #expect(reel.mediaType == "REELS" && reel.imageURL == "https://cdn.test/r.mp4" && reel.caption == "Hi\n\n#a")
        #expect(reel.media == PublishedMedia(type: "REELS", videoURL: "https://cdn.test/r.mp4", coverURL: "https://cdn.test/c.jpg", thumbOffset: 1500,
                                             shareToFeed: false, locationID: "1020379831", userTags: [.init(username: "mina.kim")], collaborators: ["@jun"]))
        let other = try ReelRequest.parse(Self.request(#"{"account_id":4,"video_url":"https://cdn.test/r.mp4","caption":"Hi","hashtags":["a"],"cover_url":"https://cdn.test/c.jpg","thumb_offset":1500,"share_to_feed":false,"location_id":"1020379831","user_tags":[{"username":"mina.kim"}],"collaborators":["@jun"]}"#))
        #expect(other.fingerprint == reel.fingerprint, "thumbnail_url is cover_url")
        let moved = try ReelRequest.parse(Self.request(#"{"account_id":4,"video_url":"https://cdn.test/r.mp4","share_to_feed":true}"#))
        #expect(moved.fingerprint != reel.fingerprint)
    }

    @Test func fieldsAMediaTypeDoesNotTakeAreNamedWithTheOthers() {
        let story = Self.errors { try StoryRequest.parse(Self.request(#"{"image_url":"https://a.test/a.jpg","video_url":"ftp://x","share_to_feed":true,"alt_text":"a","location_id":"1","collaborators":["a"]}"#)) }
        #expect(Set(story.keys) == ["account_id", "video_url", "share_to_feed", "alt_text", "location_id", "collaborators"], "\(story)")
        #expect(story["share_to_feed"] == "is not allowed on stories (Meta takes it on reels)")
        let reel = Self.errors { try ReelRequest.parse(Self.request(#"{"account_id":1,"image_url":"https://a.test/a.jpg","alt_text":"x","thumb_offset":-1,"collaborators":["a","b","c","d"],"location_id":"Seoul"}"#)) }
        #expect(Set(reel.keys) == ["video_url", "image_url", "alt_text", "thumb_offset", "collaborators", "location_id"], "\(reel)")
        let items = (0..<11).map { _ in #"{"image_url":"https://a.test/a.jpg"}"# }.joined(separator: ",")
        let eleven = Self.errors { try CarouselRequest.parse(Self.request(#"{"account_id":1,"items":[\#(items)]}"#)) }
        #expect(eleven.keys.sorted() == ["items"] && eleven["items"]?.contains("there are 11") == true)
        let mixed = Self.errors { try CarouselRequest.parse(Self.request(#"""
            {"account_id":1,"thumb_offset":5,"items":[{"image_url":"https://a.test/a.jpg","user_tags":[{"username":"a"}]},
             {"video_url":"https://a.test/v.mp4","alt_text":"x"},{"image_url":"https://a.test/b.jpg","video_url":"https://a.test/v.mp4"},{}]}
            """#)) }
        #expect(Set(mixed.keys) == ["thumb_offset", "items[0].user_tags", "items[1].alt_text", "items[2].video_url", "items[3].image_url"], "\(mixed)")
    }

    @Test func theMediasProblemsJoinTheFieldsProblems() {
        let found = Self.errors {
            try CarouselRequest.parse(Self.request(#"{"items":[{"image_url":"https://a.test/a.jpg"},{"video_url":"https://a.test/v.mp4"}]}"#)) { media in
                #expect(MediaInspection.targets(media).map(\.field) == ["items[0].image_url", "items[1].video_url"])
                return ["items[1].video_url": "lasts 2 s"]
            }
        }
        #expect(found == ["account_id": "is required: the account_id of a connected account (or account_ids: a list of them)", "items[1].video_url": "lasts 2 s"])
    }

    @Test func aFeedPhotoTakesMetasOptionsAndSendsThemWithoutAMediaType() throws {
        let plain = try PostRequest.parse(Self.request(#"{"account_id":2,"image_url":"https://a.test/a.jpg"}"#))
        #expect(plain.media == nil && plain.mediaType == "IMAGE", "a photo without options stores no media, as before")
        let tagged = try PostRequest.parse(Self.request(#"""
            {"account_id":2,"image_url":"https://a.test/a.jpg","alt_text":"A gate","location_id":"213385402",
             "user_tags":[{"username":"mina.kim","x":0.5,"y":0.25}],"collaborators":["jun.private"]}
            """#))
        #expect(tagged.media?.altText == "A gate" && tagged.media?.userTags == [.init(username: "mina.kim", x: 0.5, y: 0.25)])
        #expect(tagged.fingerprint != plain.fingerprint)
        let form = MediaContainers.parameters(try #require(tagged.media), caption: "Hi")
        #expect(form.map(\.0) == ["image_url", "alt_text", "caption", "location_id", "user_tags", "collaborators"], "no media_type for a feed photo")
        #expect(form.first { $0.0 == "user_tags" }?.1 == #"[{"username":"mina.kim","x":0.5,"y":0.25}]"#)
        let bad = Self.errors { try PostRequest.parse(Self.request(#"{"account_id":2,"image_url":"https://a.test/a.jpg","user_tags":[{"username":"a"}],"collaborators":["a","b","c","d"]}"#)) }
        #expect(Set(bad.keys) == ["user_tags", "collaborators"], "\(bad)")
        let carousel = MediaContainers.parameters(PublishedMedia.Item(videoURL: "https://a.test/v.mp4"))
        #expect(carousel.map(\.0) == ["is_carousel_item", "media_type", "video_url"] && carousel[1].1 == "VIDEO")
    }
}
