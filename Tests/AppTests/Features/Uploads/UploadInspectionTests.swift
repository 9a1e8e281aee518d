import Foundation
import Testing
@testable import App

/// An uploaded file judged from its bytes on disk: type, wholeness and Meta's limits (the sandbox world's real files).
struct UploadInspectionTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return [UInt8](try Data(contentsOf: repo.appendingPathComponent("Sources/InstagramSandbox/Worlds/default/media/\(name)")))
    }

    func inspect(_ bytes: [UInt8]) throws -> Result<UploadInspection.Result, UploadInspection.Problem> {
        let path = NSTemporaryDirectory() + "upload-\(UUID().uuidString)"
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return UploadInspection.inspect(path: path)
    }

    @Test func aWholeJPEGIsAnImage() throws {
        let bytes = try Self.fixture("c01.jpg")
        #expect(try inspect(bytes) == .success(.init(mediaType: "IMAGE", fileName: "media.jpg", size: Int64(bytes.count))))
    }

    @Test func aWholeMP4IsAVideo() throws {
        let bytes = try Self.fixture("v03.mp4")
        #expect(try inspect(bytes) == .success(.init(mediaType: "VIDEO", fileName: "media.mp4", size: Int64(bytes.count))))
    }

    @Test func aJPEGWithoutItsEndIsCutShort() throws {
        let bytes = try Self.fixture("c01.jpg")
        guard case .failure(let problem) = try inspect(Array(bytes.dropLast(10))) else { Issue.record("taken"); return }
        #expect(problem.sentence.contains("cut short"))
    }

    @Test func anMP4WhoseLastBoxRunsPastTheEndIsCutShort() throws {
        let bytes = try Self.fixture("v03.mp4")
        guard case .failure(let problem) = try inspect(Array(bytes.dropLast(1))) else { Issue.record("taken"); return }
        #expect(problem.sentence.contains("cut short"))
    }

    @Test func textIsNeitherTypeAndEmptyIsEmpty() throws {
        guard case .failure(let text) = try inspect(Array("hello".utf8)), case .failure(let empty) = try inspect([]) else {
            Issue.record("taken"); return
        }
        #expect(text.sentence.contains("neither a JPEG image nor an MP4 video"))
        #expect(empty.sentence.contains("empty"))
    }
}
