import Foundation
import Testing

/// The session part of the sessions-and-actions document (seed 004) replayed through nginx against the sandbox:
/// `POST /api/instagram/session`, `DELETE /api/instagram/session/{username}`, and its error "Response Format"
/// (`success`, `error_code` among INVALID_SESSION, RATE_LIMIT_EXCEEDED, REQUEST_FAILED, VALIDATION_ERROR,
/// `message`, `errors`). `GET /api/instagram/limits/{username}` and the actions belong to issue 15.
@Suite(.needsStackAndSandbox)
struct SessionContractTests {
    let kit = DownloadTestKit()
    let envelope: [String: FieldType] = ["success": .bool, "error_code": .string, "message": .string, "errors": .object]

    /// The document's example body (`username`, `session_id`, `cookies`, `user_agent`) with its placeholder
    /// values: refused in the documented error format.
    @Test func documentExampleBodyIsRefusedInTheDocumentedFormat() throws {
        let key = try TestStack.newKey()
        let answer = try kit.http.postJSON("/api/instagram/session", """
            {"username":"user123","session_id":"xyz789","cookies":{"sessionid":"abc123"},"user_agent":"Mozilla/5.0..."}
            """, key: key)
        #expect((400..<500).contains(answer.status), "\(answer.status) \(answer.text.prefix(300))")
        expectDocumented(answer.json, envelope, "POST /api/instagram/session (document example)")
        #expect(answer.json["success"] as? Bool == false)
        #expect(["VALIDATION_ERROR", "INVALID_SESSION"].contains(answer.json["error_code"] as? String ?? ""), "\(answer.text.prefix(300))")
        let listed = try kit.http.get("/api/instagram/sessions", key: key).json["sessions"] as? [Any] ?? []
        #expect(listed.isEmpty, "nothing saved")
    }

    /// A real session saved, then `DELETE /api/instagram/session/{username}`; deleting it again is the 404 envelope.
    @Test func saveAndDeleteExamples() throws {
        let key = try TestStack.newKey()
        let saved = try kit.saveSession("mina.kim", key: key)
        #expect(saved.status == 201, "\(saved.text.prefix(300))")
        #expect(saved.json["success"] as? Bool == true)
        let deleted = try kit.http.send("DELETE", "/api/instagram/session/mina.kim", key: key)
        #expect(deleted.status == 200)
        #expect(deleted.json["success"] as? Bool == true)
        let again = try kit.http.send("DELETE", "/api/instagram/session/mina.kim", key: key)
        expectDocumented(again.json, envelope, "DELETE /api/instagram/session/{username} (gone)")
        #expect(again.status == 404)
    }

    /// A session Instagram refuses (logged out) is `INVALID_SESSION`, one of the document's error codes.
    @Test func refusedSessionIsInvalidSession() throws {
        let key = try TestStack.newKey()
        let answer = try kit.saveSession("mina.kim", try kit.freshSession("mina.kim", state: "expired"), key: key)
        expectDocumented(answer.json, envelope, "POST /api/instagram/session (expired)")
        #expect(answer.json["error_code"] as? String == "INVALID_SESSION", "\(answer.text.prefix(300))")
    }
}
