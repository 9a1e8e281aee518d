import Testing
@testable import Instagram

@Suite struct ClientSessionTests {
    let session = InstagramSession(sessionID: "7419826350%3AsB7xK2mQ9pLrT4%3A21%3AAYdX", csrfToken: "csrfABC")

    @Test func userIDComesFromTheSessionCookie() {
        #expect(session.dsUserID == "7419826350")
        #expect(InstagramSession.userID(fromSessionID: "abc") == nil)
    }

    @Test func cookieHeaderCarriesTheThreeCookies() {
        #expect(session.cookieHeader == "sessionid=7419826350%3AsB7xK2mQ9pLrT4%3A21%3AAYdX; csrftoken=csrfABC; ds_user_id=7419826350")
    }

    @Test func descriptionNeverShowsCookies() {
        #expect(!"\(session)".contains("AYdX"))
        #expect(!"\(session)".contains("csrfABC"))
    }

    @Test func bearerIsBase64OfTheSessionJSON() {
        // {"ds_user_id":"1","sessionid":"1:a"}
        let bearer = InstagramSession(sessionID: "1%3Aa", csrfToken: "x").bearerToken
        #expect(bearer == "Bearer IGT:2:eyJkc191c2VyX2lkIjoiMSIsInNlc3Npb25pZCI6IjE6YSJ9")
    }

    @Test func formEncodingEscapesReservedCharacters() {
        #expect(FormEncoding.encode([("max_id", "a b&c"), ("q", "é")]) == "max_id=a%20b%26c&q=%C3%A9")
    }
}
