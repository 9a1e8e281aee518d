import Foundation
import Testing
@testable import App

/// The SSRF guard's address policy, the target check for address literals, and the signature (pure: no stack).
struct WebhookGuardTests {
    @Test(arguments: [
        ("127.0.0.1", "loopback"), ("10.1.2.3", "private"), ("172.20.0.1", "private"), ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"), ("100.64.0.1", "CGNAT"), ("0.0.0.0", "unspecified"), ("224.0.0.1", "multicast"),
        ("::1", "loopback"), ("fe80::1", "link-local"), ("fd00::1", "unique local"), ("::ffff:127.0.0.1", "loopback"),
        ("::ffff:169.254.169.254", "link-local"),
    ])
    func privateAddressesAreRefused(_ address: String, _ reason: String) {
        #expect(IPAddressPolicy().refusal(address)?.contains(reason) == true, "\(address)")
    }

    @Test func publicAddressesAndAllowedNetworksPass() {
        #expect(IPAddressPolicy().refusal("93.184.216.34") == nil)
        #expect(IPAddressPolicy().refusal("2606:2800:220:1:248:1893:25c8:1946") == nil)
        let policy = IPAddressPolicy(allowed: [IPAddressPolicy.Network("127.0.0.1/32")!])
        #expect(policy.refusal("127.0.0.1") == nil)
        #expect(policy.refusal("127.0.0.2")?.contains("loopback") == true)
        #expect(policy.refusal("169.254.169.254") != nil)
        #expect(IPAddressPolicy.Network("10.0.0.0/33") == nil && IPAddressPolicy.Network("nonsense") == nil)
    }

    @Test func theTargetIsPinnedToTheCheckedAddress() throws {
        let policy = IPAddressPolicy(allowed: [IPAddressPolicy.Network("127.0.0.1/32")!])
        let target = try WebhookTarget.resolve("http://127.0.0.1:8123/hook?x=1", policy: policy)
        #expect(target.connectTo == "127.0.0.1:8123:127.0.0.1:8123")
        #expect(throws: WebhookRefusal.self) { try WebhookTarget.resolve("http://169.254.169.254/latest/meta-data/", policy: policy) }
        #expect(throws: WebhookRefusal.self) { try WebhookTarget.resolve("http://[::1]:80/", policy: policy) }
        #expect(throws: WebhookRefusal.self) { try WebhookTarget.resolve("file:///etc/passwd", policy: policy) }
        #expect(WebhookTarget.shapeProblem("gopher://example.com/") != nil && WebhookTarget.shapeProblem("https://example.com/h") == nil)
    }

    @Test func theSignatureCoversTimestampAndBody() {
        let body = Array(#"{"ok":true}"#.utf8)
        let value = WebhookSignature.value(secret: "whsec_test", timestamp: 1_700_000_000, body: body)
        #expect(value == "t=1700000000,v1=85876387ad9d6be57a04653bc0729da757049f58afb10ba6cac3bedaecf4fda3") // openssl dgst -hmac
        #expect(value != WebhookSignature.value(secret: "whsec_test", timestamp: 1_700_000_001, body: body))
        #expect(value != WebhookSignature.value(secret: "whsec_other", timestamp: 1_700_000_000, body: body))
    }
}
