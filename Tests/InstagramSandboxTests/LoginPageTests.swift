import Testing
import Web
@testable import InstagramSandbox

/// Instagram's login wall for anonymous callers whose budget is spent (issue 12): pages and the web API redirect
/// to `/accounts/login/`, and that page itself is served with 200 (it never redirects to itself).
struct LoginPageTests {
    let sandbox = TestSandbox()

    @Test func theLoginPageIsServedWhenTheAnonymousBudgetIsSpent() {
        var limits = PacingLimits()
        limits.anonymousRequests = 0
        sandbox.sandbox.store.update { $0.limits = limits }
        let post = sandbox.send("GET", "/p/\(sandbox.post("photo-sea").shortcode)/", client: "10.7.7.7")
        #expect(post.status.code == 302)
        let location = post.headers["Location"] ?? ""
        #expect(location.contains("/accounts/login/?next="), "\(location)")
        let page = sandbox.send("GET", "/accounts/login/", client: "10.7.7.7")
        #expect(page.status.code == 200, "\(page.headers["Location"] ?? "")")
        #expect(page.text.contains("loginForm"))
        let withNext = sandbox.send("GET", "/accounts/login/?next=%2Fp%2Fabc%2F", client: "10.7.7.7")
        #expect(withNext.status.code == 200, "\(withNext.headers["Location"] ?? "")")
    }
}
