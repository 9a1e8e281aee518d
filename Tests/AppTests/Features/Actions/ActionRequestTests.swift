import Instagram
import Testing
import Web
@testable import App

/// What the action endpoints accept before anything goes to Instagram (issue 15: bad input names every field).
@Suite struct ActionRequestTests {
    func parse(_ endpoint: InstagramAction, _ json: String) -> Result<ActionRequest, APIError> {
        Result { () throws(APIError) in
            try ActionRequest.parse(HTTPRequestFixture.post("/api/instagram/\(endpoint.rawValue)", key: "k", json: json), endpoint: endpoint)
        }
    }

    func errors(_ endpoint: InstagramAction, _ json: String) -> Set<String> {
        guard case .failure(let error) = parse(endpoint, json) else { return [] }
        return Set(error.errors.keys)
    }

    @Test func followTakesAnIDAsStringOrNumberOrAUsername() throws {
        #expect(try parse(.follow, #"{"username":"me","target_user_id":"123"}"#).get().target == .userID(123))
        #expect(try parse(.follow, #"{"username":"me","target_user_id":123}"#).get().target == .userID(123))
        #expect(try parse(.follow, #"{"username":"me","target_username":"you"}"#).get().target == .username("you"))
        #expect(try parse(.follow, #"{"username":"me","target_user_id":"1","action_type":"unfollow"}"#).get().action == .unfollow)
    }

    @Test func everyBadFieldIsNamed() {
        #expect(errors(.follow, #"{"target_user_id":"abc"}"#) == ["username", "target_user_id"])
        #expect(errors(.follow, #"{"username":"me","target_username":"ME"}"#) == ["target_username"])
        #expect(errors(.follow, #"{"username":"me","target_user_id":"1","target_username":"you"}"#) == ["target_username"])
        #expect(errors(.follow, #"{"username":"me","target_user_id":"1","media_id":"2","action_type":"like"}"#) == ["media_id", "action_type"])
        #expect(errors(.like, #"{"username":"me"}"#) == ["media_id"])
        #expect(errors(.like, #"{"username":"me","media_id":"1","shortcode":"C0"}"#) == ["media_id"])
        #expect(errors(.unlike, #"{"username":"me","media_id":"1","action_type":"like"}"#) == ["action_type"])
    }

    @Test func mediaByIDShortcodeOrURL() throws {
        let code = Shortcode.encode(3_391_445_172_411_200_567)
        #expect(try parse(.like, #"{"username":"me","media_id":"3391445172411200567_42"}"#).get().target
                == .media(MediaID(pk: 3_391_445_172_411_200_567, ownerPK: 42)))
        #expect(try parse(.like, #"{"username":"me","shortcode":"\#(code)"}"#).get().target == .media(MediaID(pk: 3_391_445_172_411_200_567)))
        #expect(try parse(.like, #"{"username":"me","url":"https://www.instagram.com/p/\#(code)/?img_index=2"}"#).get().target
                == .media(MediaID(pk: 3_391_445_172_411_200_567)))
    }

    @Test func commentsAreOneTo2200Characters() throws {
        #expect(errors(.comment, #"{"username":"me","media_id":"1","text":" \n "}"#) == ["text"])
        #expect(errors(.comment, #"{"username":"me","media_id":"1"}"#) == ["text"])
        let emoji = String(repeating: "👍🏽", count: 2200) // 2,200 characters, 17,600 UTF-8 bytes
        #expect(try parse(.comment, #"{"username":"me","media_id":"1","text":"\#(emoji)"}"#).get().text == emoji)
        #expect(errors(.comment, #"{"username":"me","media_id":"1","text":"\#(emoji)a"}"#) == ["text"])
        #expect(errors(.like, #"{"username":"me","media_id":"1","text":"hi"}"#) == ["text"])
    }
}
