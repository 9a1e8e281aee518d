import Testing
@testable import App

@Suite struct APIKeyTests {
    @Test func generatedKeysAreWellFormedAndDistinct() {
        let keys = (0..<100).map { _ in APIKey.generate() }
        #expect(Set(keys).count == 100)
        for key in keys {
            #expect(APIKey.isWellFormed(key), "\(key)")
            #expect(APIKey.hash(key).count == 32)
        }
    }

    @Test(arguments: ["", "igk_", "Bearer x", "igk_" + String(repeating: "a", count: 42), "igk_" + String(repeating: "a", count: 42) + "!",
                      "xyz_" + String(repeating: "a", count: 43), "igk_" + String(repeating: "a", count: 10_000)])
    func rejectsMalformedKeys(candidate: String) {
        #expect(!APIKey.isWellFormed(candidate))
    }

    @Test func displayPrefixDoesNotRevealTheKey() {
        let key = APIKey.generate()
        #expect(APIKey.displayPrefix(key).count == 10)
        #expect(key.hasPrefix(APIKey.displayPrefix(key)))
    }
}
