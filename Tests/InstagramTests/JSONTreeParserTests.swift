import Foundation
@testable import Instagram
import Testing

/// `JSONTree.parse` (the one-pass parser) gives the tree `JSONDecoder` gives through `JSONTree`'s `Decodable`
/// conformance, and refuses what it refuses.
@Suite("JSON tree parser")
struct JSONTreeParserTests {
    static func decoded(_ text: String) -> JSONTree? {
        try? JSONDecoder().decode(JSONTree.self, from: Data(text.utf8))
    }

    static let documents = [
        MediaFixtures.v1Reel, MediaFixtures.v1Carousel, MediaFixtures.graphSidecar, MediaFixtures.graphVideo,
        #"{}"#, #"[]"#, #" [ 1 , -2 , 3.5 , -0.25e-3 , 1E2 , 0 , -0 , 9223372036854775807 , -9223372036854775808 ] "#,
        #"[9223372036854775808, 1e300, 12345678901234567890123, 2.0, 1.5]"#,
        #"{"a":{"b":[true,false,null,{"c":"d"}]},"e":""}"#,
        #"["\"\\\/\b\f\n\r\t", "\u00e9\u4e2d\uD83D\uDE00", "서울 #café ☕"]"#,
        "\"top-level string\"", "42", "true", "null", "[1,]", #"{"a":1,}"#,
    ]

    static let broken = [
        "", " ", "{", "[,]", "[1,,]", #"{,}"#, #"{"a" 1}"#, "[01]", "[1.]", "[.5]", "[-]", "[1e]", "[+1]", "tru", "nul",
        #"["\x"]"#, #"["\u12"]"#, #"["\uD83D"]"#, #"["\uDE00"]"#, "[\"a\u{01}b\"]", "\"open", "[1] [2]", "{1:2}", "[1e400]",
    ]

    @Test("the same tree as JSONDecoder for Instagram-shaped answers, numbers, escapes and fragments")
    func sameTreeAsTheDecoder() throws {
        for text in Self.documents {
            let parsed = JSONTree.parse(Array(text.utf8))
            #expect(parsed != nil, "\(text.prefix(40))")
            #expect(parsed == Self.decoded(text), "\(text.prefix(40))")
        }
        #expect(JSONTree.parse(Array(#"[1.0, 1e3, 1.5]"#.utf8)) == .array([.int(1), .int(1000), .double(1.5)]))
    }

    @Test("what is not one JSON value is nil, as for the decoder")
    func refusesWhatTheDecoderRefuses() {
        for text in Self.broken {
            #expect(JSONTree.parse(Array(text.utf8)) == nil, "\(text)")
            #expect(Self.decoded(text) == nil, "the decoder refuses \(text) too")
        }
        #expect(JSONTree.parse([0x5B, 0x22, 0xFF, 0x22, 0x5D]) == nil, "bad UTF-8 in a string")
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(JSONTree.parse(Array(deep.utf8)) == nil, "nesting deeper than 512 is refused")
    }
}
