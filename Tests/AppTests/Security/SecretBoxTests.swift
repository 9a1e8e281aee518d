import Foundation
import Testing
@testable import App

@Suite struct SecretBoxTests {
    let box = try! SecretBox(key: [UInt8](repeating: 7, count: 32))

    @Test func sealsAndOpens() throws {
        let sealed = box.seal("sessionid=123%3Aabc", context: "instagram-session:1")
        #expect(!String(decoding: sealed, as: UTF8.self).contains("123%3Aabc"))
        #expect(try box.openString(sealed, context: "instagram-session:1") == "sessionid=123%3Aabc")
    }

    @Test func nonceIsFreshEachTime() {
        #expect(box.seal("same", context: "c") != box.seal("same", context: "c"))
    }

    @Test func refusesAnotherContextKeyOrTampering() throws {
        let sealed = box.seal("secret", context: "instagram-session:1")
        #expect(throws: SecretBoxError.self) { try box.open(sealed, context: "instagram-session:2") }
        let other = try SecretBox(key: [UInt8](repeating: 8, count: 32))
        #expect(throws: SecretBoxError.self) { try other.open(sealed, context: "instagram-session:1") }
        var tampered = sealed
        tampered[20] ^= 1
        #expect(throws: SecretBoxError.self) { try box.open(tampered, context: "instagram-session:1") }
        #expect(throws: SecretBoxError.self) { try box.open([1, 2, 3], context: "x") }
    }

    @Test func loadsRawAndHexKeyFiles() throws {
        let dir = NSTemporaryDirectory()
        let raw = dir + "raw-\(UUID().uuidString).key", hex = dir + "hex-\(UUID().uuidString).key"
        try Data(repeating: 7, count: 32).write(to: URL(fileURLWithPath: raw))
        try (String(repeating: "07", count: 32) + "\n").write(toFile: hex, atomically: true, encoding: .utf8)
        let sealed = try SecretBox(keyFile: raw).seal("x", context: "c")
        #expect(try SecretBox(keyFile: hex).openString(sealed, context: "c") == "x")
        #expect(throws: SecretBoxError.self) { try SecretBox(keyFile: dir + "missing.key") }
        try "short".write(toFile: hex, atomically: true, encoding: .utf8)
        #expect(throws: SecretBoxError.self) { try SecretBox(keyFile: hex) }
    }
}
