import Instagram
import Testing
import Web
@testable import App

/// What `POST /api/instagram/bulk` accepts before anything is stored (issue 15): every bad field and every bad
/// target by its index named in one 422.
@Suite struct BulkRequestTests {
    func parse(_ json: String) -> Result<BulkRequest, APIError> {
        Result { () throws(APIError) in try BulkRequest.parse(HTTPRequestFixture.post("/api/instagram/bulk", key: "k", json: json)) }
    }

    func errors(_ json: String) -> Set<String> {
        guard case .failure(let error) = parse(json) else { return [] }
        return Set(error.errors.keys)
    }

    @Test func targetsAreNormalisedAsTheAuditLogWritesThem() throws {
        let code = Shortcode.encode(3_391_445_172_411_200_567)
        let likes = try parse(#"{"username":"me","action":"like","targets":["\#(code)",3391445172411200567,"https://www.instagram.com/p/\#(code)/","12_34"]}"#).get()
        #expect(likes.targets == ["3391445172411200567", "12"], "duplicates removed, order kept")
        let follows = try parse(#"{"username":"me","action":"unfollow","targets":["@you",17,"17","You"],"interval_seconds":2.5}"#).get()
        #expect(follows.targets == ["@you", "17"] && follows.action == .unfollow && follows.interval == 2.5)
        #expect(BulkRequest.actionTarget("@you", action: .follow) == .username("you"))
        #expect(BulkRequest.actionTarget("17", action: .follow) == .userID(17))
        #expect(BulkRequest.actionTarget("12", action: .like) == .media(MediaID(pk: 12)))
    }

    @Test func everyBadFieldAndTargetIsNamed() {
        #expect(errors(#"{"action":"comment","targets":[]}"#) == ["username", "action"])
        #expect(errors(#"{"username":"me","action":"like"}"#) == ["targets"])
        #expect(errors(#"{"username":"me","action":"follow","targets":["ok.name","bad name!","me",0],"interval_seconds":-1}"#)
                == ["targets[1]", "targets[2]", "targets[3]", "interval_seconds"])
        #expect(errors(#"{"username":"me","action":"like","targets":["!!"]}"#) == ["targets[0]"])
        let many = (0...BulkRequest.maxTargets).map { "\"\($0 + 1)\"" }.joined(separator: ",")
        #expect(errors(#"{"username":"me","action":"follow","targets":[\#(many)]}"#) == ["targets"])
        #expect(errors(#"{"username":"me","action":"follow","targets":["1"],"whitelist":["a"]}"#) == ["whitelist"])
        #expect(errors(#"{"username":"me","action":"follow","targets":["1"],"extra":1}"#) == ["extra"])
    }

    @Test func anAnalysisFeedsOnlyAnUnfollowWithoutTargets() throws {
        let ok = try parse(#"{"username":"me","action":"unfollow","from_analysis":"abcdef0123456789","whitelist":["@Keep.Me","friend"]}"#).get()
        #expect(ok.fromAnalysis == "abcdef0123456789" && ok.targets.isEmpty && ok.whitelist == ["keep.me", "friend"])
        #expect(errors(#"{"username":"me","action":"follow","from_analysis":"abc","targets":["1"],"whitelist":["bad name"]}"#)
                == ["action", "targets", "whitelist[0]"])
    }
}
