import Foundation
import Testing

/// A `POST /api/download` with several bad fields names every one of them in one 422 (issue 12), and counts
/// nothing against the quota.
@Suite(.threaded, .needsStack)
struct DownloadValidationTests {
    @Test func everyBadFieldIsNamed() throws {
        let key = try TestStack.newKey()
        let answer = try DownloadTestKit().post(#"{"url":"https://example.com/nope","img_index":99,"wait":0,"session":"not a name!"}"#,
                                                apiKey: key)
        answer.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        let errors = answer.json["errors"] as? [String: Any] ?? [:]
        #expect(Set(errors.keys) == ["url", "img_index", "wait", "session"], "\(errors)")
        let mistyped = try DownloadTestKit().post(#"{"url":"https://example.com/nope","img_index":"2","async":"yes","session":"not a name!"}"#,
                                                  apiKey: key)
        mistyped.expectEnvelope(status: 422, code: "VALIDATION_ERROR")
        #expect(mistyped.json["errors"] as? [String: String] ?? [:] == [
            "img_index": "must be an integer", "async": "must be a boolean",
            "url": errors["url"] as? String ?? "", "session": "must be the username of a saved Instagram session"], "\(mistyped.text)")
    }
}
