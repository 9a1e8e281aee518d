import Foundation
import Testing
@testable import Instagram

/// Instagram's answers to actions, classified as the action endpoints need them (facts §6–§8).
@Suite struct ActionAnswerTests {
    func classify(_ status: Int, _ body: String, location: String? = nil) -> InstagramError.Code? {
        InstagramAnswerClassifier.classify(status: status, body: Array(body.utf8), location: location, hasSession: true)?.code
    }

    @Test func refusalsAreClassified() {
        #expect(classify(400, #"{"message":"feedback_required","spam":true,"status":"fail"}"#) == .feedbackRequired)
        #expect(classify(400, #"{"message":"checkpoint_required","checkpoint_url":"/challenge/1/x/","status":"fail"}"#) == .challengeRequired)
        #expect(classify(400, #"{"message":"challenge_required","status":"fail","error_type":"checkpoint_challenge_required"}"#) == .challengeRequired)
        #expect(classify(403, #"{"message":"login_required","status":"fail"}"#) == .invalidSession)
        #expect(classify(302, "", location: "https://www.instagram.com/accounts/login/?next=/api/v1/web/likes/1/like/") == .invalidSession)
        #expect(classify(429, #"{"message":"Please wait a few minutes before you try again.","status":"fail"}"#) == .rateLimited)
        #expect(classify(403, #"{"message":"CSRF token missing or incorrect","status":"fail"}"#) == .invalidSession)
        #expect(classify(200, #"{"friendship_status":{"following":true},"status":"ok"}"#) == nil)
        // Comments off on one post: a refusal of that comment, not a block of the account.
        #expect(classify(400, #"{"message":"feedback_required","feedback_title":"Commenting is Off","comments_disabled":true,"status":"fail"}"#) == .badRequest)
    }

    @Test func receiptsReadBothFollowShapesAndCommentIDs() throws {
        let decoder = JSONDecoder()
        let modern = try decoder.decode(InstagramActionReceipt.self, from: Data(#"{"friendship_status":{"following":false,"outgoing_request":true},"status":"ok"}"#.utf8))
        #expect(modern.isRequest)
        let legacy = try decoder.decode(InstagramActionReceipt.self, from: Data(#"{"result":"following","status":"ok"}"#.utf8))
        #expect(!legacy.isRequest)
        let comment = try decoder.decode(InstagramActionReceipt.self, from: Data(#"{"id":17897224696526065,"text":"hi","status":"ok"}"#.utf8))
        #expect(comment.id == "17897224696526065")
        #expect(modern.previousFollowing == nil && legacy.previousFollowing == nil)
    }

    @Test func aFollowAnswerSaysWhetherTheFollowWasInPlaceBefore() throws {
        let decoder = JSONDecoder()
        let again = try decoder.decode(InstagramActionReceipt.self, from: Data(
            #"{"friendship_status":{"following":true,"outgoing_request":false},"previous_following":true,"status":"ok"}"#.utf8))
        #expect(again.previousFollowing == true && !again.isRequest)
        let new = try decoder.decode(InstagramActionReceipt.self, from: Data(
            #"{"result":"following","friendship_status":{"following":true},"previous_following":false,"status":"ok"}"#.utf8))
        #expect(new.previousFollowing == false)
    }

    @Test func webPathsPerAction() {
        #expect(InstagramAction.follow.webPath(target: 5) == "/api/v1/web/friendships/5/follow/")
        #expect(InstagramAction.unlike.webPath(target: 7) == "/api/v1/web/likes/7/unlike/")
        #expect(InstagramAction.comment.webPath(target: 9) == "/api/v1/web/comments/9/add/")
        #expect(InstagramAction.unfollow.family == .follow && InstagramAction.unlike.family == .like)
    }
}
