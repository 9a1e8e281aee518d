import Foundation
import Logging
import Observability
import Testing
@testable import App

@Suite struct LogRedactionTests {
    func event(_ metadata: Logger.Metadata) -> LogEvent {
        LogEvent(level: .info, message: "hello", metadata: metadata, source: "test", file: #fileID, function: #function, line: #line)
    }

    func jsonLine(_ metadata: Logger.Metadata, handlerMetadata: Logger.Metadata = [:]) throws -> [String: String] {
        var handler = JSONLogHandler(label: "test")
        handler.metadata = handlerMetadata
        let data = try #require(handler.line(for: event(metadata), time: "2026-12-06T00:00:00.000Z"))
        #expect(data.last == 10)
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
    }

    /// The set is explicit: exactly the secret keys, by their names.
    @Test func theSetIsTheSecretKeys() {
        #expect(LogRedaction.keys == ["authorization", "cookie", "csrf_token", "session_id", "api_key", "password", "secret", "access_token"])
        #expect(LogRedaction.keys == Set(LogRedaction.secretKeys.map(\.rawValue)))
        for key in LogKey.allCases where !LogRedaction.secretKeys.contains(key) {
            #expect(!LogRedaction.keys.contains(key.rawValue), "\(key) is not a secret")
        }
    }

    @Test func jsonRedactsTheListedKeysOnly() throws {
        let object = try jsonLine([
            LogKey.sessionID.rawValue: "abc", LogKey.csrfToken.rawValue: "def", LogKey.authorization.rawValue: "Bearer x",
            LogKey.jobID.rawValue: "42",
            // Not listed: written as they are (the old substring rule redacted these, and missed other spellings).
            "token_count": "3", "secretary": "Ann",
        ], handlerMetadata: [LogKey.apiKey.rawValue: "key", LogKey.requestID.rawValue: "r1"])
        #expect(object["session_id"] == "[redacted]")
        #expect(object["csrf_token"] == "[redacted]")
        #expect(object["authorization"] == "[redacted]")
        #expect(object["api_key"] == "[redacted]")
        #expect(object["job_id"] == "42")
        #expect(object["request_id"] == "r1")
        #expect(object["token_count"] == "3")
        #expect(object["secretary"] == "Ann")
        #expect(object["message"] == "hello" && object["level"] == "info" && object["label"] == "test")
    }

    @Test func aHandlerCanBeGivenItsOwnSet() throws {
        let handler = JSONLogHandler(label: "test", redactedKeys: ["shortcode"])
        let data = try #require(handler.line(for: event(["shortcode": "ABC", "session_id": "s"]), time: "t"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
        #expect(object["shortcode"] == "[redacted]")
        #expect(object["session_id"] == "s")
    }

    @Test func textRedactsTheSameKeys() {
        let line = TextLogHandler(label: "test").line(for: event(["cookie": "c=1", "kind": "noop"]), time: "t")
        #expect(line == "t info test: hello cookie=[redacted] kind=noop\n")
    }
}
