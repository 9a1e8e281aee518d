import Testing
@testable import Instagram

@Suite struct ClientClassifierTests {
    func classify(_ status: Int, _ body: String, location: String? = nil, retryAfter: Double? = nil,
                  hasSession: Bool = true) -> InstagramError? {
        InstagramAnswerClassifier.classify(status: status, body: Array(body.utf8), location: location,
                                           retryAfter: retryAfter, hasSession: hasSession)
    }

    @Test func successIsNil() {
        #expect(classify(200, #"{"users":[],"status":"ok"}"#) == nil)
    }

    @Test func loggedOutMobileIsInvalidSession() {
        let error = classify(403, #"{"message":"login_required","logout_reason":8,"status":"fail"}"#)
        #expect(error?.code == .invalidSession)
        #expect(error?.isRetryable == false)
    }

    @Test func loginRedirectIsInvalidSessionOrLoginRequired() {
        let location = "https://www.instagram.com/accounts/login/?next=/api/v1/x/"
        #expect(classify(302, "", location: location)?.code == .invalidSession)
        #expect(classify(302, "", location: location, hasSession: false)?.code == .loginRequired)
    }

    @Test func checkpointAndChallenge() {
        #expect(classify(400, #"{"message":"checkpoint_required","checkpoint_url":"/challenge/1/a/","status":"fail"}"#)?.code
                == .challengeRequired)
        #expect(classify(400, #"{"message":"challenge_required","status":"fail"}"#)?.code == .challengeRequired)
        #expect(classify(302, "", location: "http://127.0.0.1:8081/challenge/1/x/")?.code == .challengeRequired)
    }

    @Test func rateLimitKeepsRetryAfterAndIsRetryable() {
        let error = classify(429, #"{"message":"Please wait a few minutes before you try again.","status":"fail"}"#, retryAfter: 7)
        #expect(error?.code == .rateLimited)
        #expect(error?.retryAfter == 7)
        #expect(error?.isRetryable == true)
        #expect(classify(401, #"{"message":"Please wait a few minutes before you try again.","status":"fail"}"#)?.code == .rateLimited)
    }

    @Test func domainErrors() {
        #expect(classify(400, #"{"message":"Not authorized to view user","status":"fail"}"#)?.code == .privateAccount)
        #expect(classify(400, #"{"message":"unable to fetch followers","status":"fail"}"#)?.code == .notFound)
        #expect(classify(400, #"{"message":"feedback_required","spam":true,"status":"fail"}"#)?.code == .feedbackRequired)
        #expect(classify(404, "Not Found")?.code == .notFound)
    }

    @Test func serverErrorsRetryableBadRequestsNot() {
        #expect(classify(503, "oops")?.isRetryable == true)
        #expect(classify(400, #"{"message":"useragent mismatch","status":"fail"}"#)?.isRetryable == false)
    }

    @Test func garbageIsBadResponse() {
        #expect(classify(200, "<html>nope")?.code == .badResponse)
        #expect(classify(200, #"{"status":"fail","message":"execution failure"}"#)?.code == .upstreamError)
    }
}

@Suite struct ClientFastPathTests {
    @Test func statusOKAtTheEndIsASuccessWithoutParsing() {
        #expect(InstagramAnswerClassifier.endsWithStatusOK(Array(#"{"users":[],"status":"ok"}"#.utf8)))
        #expect(InstagramAnswerClassifier.endsWithStatusOK(Array("{\"a\":1, \"status\": \"ok\" }\n".utf8)))
        #expect(!InstagramAnswerClassifier.endsWithStatusOK(Array(#"{"status":"fail","message":"ok"}"#.utf8)))
        #expect(!InstagramAnswerClassifier.endsWithStatusOK(Array(#"<html>"status":"ok"}"#.utf8)))
    }

    @Test func aFinalGraphQLAnswerIsASuccessWithoutParsing() {
        let page = #"{"data":{"xdt_api__v1__feed__user_timeline_graphql_connection":{"edges":[]}},"extensions":{"is_final":true}}"#
        #expect(InstagramAnswerClassifier.endsAsFinalGraphQL(Array(page.utf8)))
        #expect(InstagramAnswerClassifier.classify(status: 200, body: Array(page.utf8)) == nil)
        #expect(InstagramAnswerClassifier.endsAsFinalGraphQL(Array("{\"data\":{}, \"extensions\": {\"is_final\": true} }\n".utf8)))
        let failure = #"{"message":"execution failure","errors":[{"message":"x"}],"data":null,"status":"fail"}"#
        #expect(!InstagramAnswerClassifier.endsAsFinalGraphQL(Array(failure.utf8)))
        #expect(InstagramAnswerClassifier.classify(status: 200, body: Array(failure.utf8))?.code == .upstreamError)
        #expect(!InstagramAnswerClassifier.endsAsFinalGraphQL(Array(#"<html>"extensions":{"is_final":true}}"#.utf8)))
        #expect(InstagramAnswerClassifier.classify(status: 500, body: Array(page.utf8))?.code == .upstreamError,
                "only a 2xx takes the fast path")
    }
}
