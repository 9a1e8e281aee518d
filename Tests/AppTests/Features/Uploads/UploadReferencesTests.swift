import Foundation
import Testing
import Web
@testable import App

/// A publish request's bad uploads and its other problems in one 422: the parser's "is required" for the `…_url` a bad
/// upload left empty gives way to the upload's own problem; a good request with a bad upload is still refused.
struct UploadReferencesTests {
    func resolved(errors: [String: String], emptied: Set<String>) -> UploadReferences.Resolved {
        UploadReferences.Resolved(request: MediaRequestTests.request("{}"), errors: errors, emptied: emptied)
    }

    func problems(_ run: () throws -> Void) -> [String: String] {
        do {
            try run()
            return [:]
        } catch let error as APIError {
            return error.errors
        } catch {
            return ["unexpected": "\(error)"]
        }
    }

    @Test func badUploadsAreNamedWithTheRequestsOtherProblems() {
        let uploads = resolved(errors: ["items[0].image_upload_id": "is a video", "items[1].image_upload_id": "is not a live upload of yours"],
                               emptied: ["items[0].image_url", "items[1].image_url"])
        let merged = problems {
            _ = try uploads.parse { _ -> Int in
                throw APIError.validation(["items[0].image_url": "is required", "items[1].image_url": "is required", "text": "is not allowed on carousels"])
            }
        }
        #expect(merged == ["items[0].image_upload_id": "is a video", "items[1].image_upload_id": "is not a live upload of yours",
                           "text": "is not allowed on carousels"])
        #expect(problems { _ = try uploads.parse { _ in 1 } } == uploads.errors, "good fields with a bad upload are still refused")
        #expect(problems { _ = try resolved(errors: [:], emptied: []).parse { _ in 1 } }.isEmpty)
        let other = problems { _ = try uploads.parse { _ -> Int in throw APIError.notFound() } }
        #expect(other.isEmpty, "an answer other than a 422 is the request's own")
    }
}
