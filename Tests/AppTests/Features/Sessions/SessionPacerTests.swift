import HTTPClient
import Testing
@testable import App

@Suite("Session pacing keys")
struct SessionPacerTests {
    @Test("pacing keys: the account of a web or mobile session, nothing for anonymous calls")
    func pacingKeys() {
        let web = HTTPClientRequest(url: "https://www.instagram.com/api/v1/x/",
                                    headers: [("Cookie", "sessionid=123%3Aabc; csrftoken=t; ds_user_id=123")])
        #expect(SessionPacer.key(of: web) == "123")
        let mobile = HTTPClientRequest(url: "https://i.instagram.com/api/v1/x/", headers: [("IG-U-DS-USER-ID", "456")])
        #expect(SessionPacer.key(of: mobile) == "456")
        let bare = HTTPClientRequest(url: "https://www.instagram.com/", headers: [("Cookie", "sessionid=zzz; csrftoken=t")])
        #expect(SessionPacer.key(of: bare)?.hasPrefix("sid:") == true)
        #expect(SessionPacer.key(of: HTTPClientRequest(url: "https://www.instagram.com/", headers: [("Cookie", "csrftoken=t")])) == nil)
    }
}
