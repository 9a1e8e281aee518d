import Testing
import Web
@testable import App

@Suite struct AnalysisRequestTests {
    @Test func jobIDIsTheFirst16HexOfSHA256OfThePair() {
        // printf 'abc:def' | sha256sum | cut -c1-16
        #expect(AnalysisRequest.jobID(csrfToken: "abc", sessionID: "def") == "ec5952851b8051e1")
        let id = AnalysisRequest.jobID(csrfToken: "abc", sessionID: "def")
        #expect(id.count == 16)
        #expect(AnalysisJobs.isJobID(id))
        #expect(id != AnalysisRequest.jobID(csrfToken: "def", sessionID: "abc"))
    }

    func problems(_ csrf: String, _ session: String, username: String? = nil) -> [String: String] {
        do {
            try AnalysisRequest(csrfToken: csrf, sessionID: session, username: username).validate()
            return [:]
        } catch {
            return error.errors
        }
    }

    @Test func acceptsRealLookingCookies() {
        #expect(problems("sbxCsrf7419826350aaaaaaaaaaaaaaa", "7419826350%3AsB7xK2mQ9pLrT4%3A21%3AAYdX", username: "mina.kim").isEmpty)
    }

    @Test func refusesEmptyLongAndControlCharacters() {
        #expect(problems("", "x")["csrf_token"] == "must not be empty")
        #expect(problems("x", String(repeating: "a", count: 1025))["session_id"] != nil)
        #expect(problems("a\u{1}b", "x")["csrf_token"] != nil)
        #expect(problems("a b", "x")["csrf_token"] != nil)
        #expect(problems("a;b", "x")["csrf_token"] != nil)
        #expect(problems("x", "y", username: "no spaces")["username"] != nil)
        #expect(problems("x", "y", username: String(repeating: "a", count: 31))["username"] != nil)
    }

    @Test func jobIDsAreSixteenLowercaseHex() {
        #expect(!AnalysisJobs.isJobID("0123456789ABCDEF"))
        #expect(!AnalysisJobs.isJobID("0123"))
        #expect(!AnalysisJobs.isJobID("../../etc/passwd"))
    }
}

@Suite struct AnalysisCheckpointTests {
    let start = AnalysisCheckpoint(accountPK: "1", username: "a", expectedFollowers: 300, expectedFollowing: 100,
                                   list: .followers, cursor: nil, pages: 0, usersFetched: 0)

    @Test func pagesAdvanceTheCursorThenSwitchLists() throws {
        let second = try #require(start.advanced(by: 200, next: "200"))
        #expect(second.list == .followers && second.cursor == "200" && second.pages == 1 && second.usersFetched == 200)
        let following = try #require(second.advanced(by: 100, next: nil))
        #expect(following.list == .following && following.cursor == nil && following.usersFetched == 300)
        #expect(following.advanced(by: 100, next: nil) == nil)
    }

    @Test func progressPercentOfTheExpectedTotal() {
        let progress = AnalysisProgress(pages: 2, usersFetched: 100, expectedTotal: 400, message: "x", phase: "fetching")
        #expect(progress.percent == 25)
        #expect(AnalysisProgress(message: "x", phase: "validating").percent == 0)
    }
}
