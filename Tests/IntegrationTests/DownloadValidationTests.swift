import Foundation
import Testing

/// A `POST /api/download` with several bad fields names every one of them in one 422 (issue 12), and counts
/// nothing against the quota.
@Suite(.needsStack)
struct DownloadValidationTests {
    @Test func everyBadFieldIsNamed() throws {
        let key = try TestStack.newKey()
        let answer = try DownloadTestKit().post(#"{"url":"https://example.com/nope","img_index":99,"wait":0,"session":"not a name!"}"#,
                                                apiKey: key)
        answer.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        let errors = answer.json["errors"] as? [String: Any] ?? [:]
        #expect(Set(errors.keys) == ["url", "img_index", "wait", "session"], "\(errors)")
    }
}
