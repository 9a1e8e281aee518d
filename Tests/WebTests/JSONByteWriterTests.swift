import Foundation
import Testing
@testable import Web

/// `JSONByteWriter` nests, separates and indents as `JSONCoding`'s encoder does, compact and pretty: empty and full
/// objects and arrays inside each other, keys known at run time, numbers, dates and `null`.
@Suite struct JSONByteWriterTests {
    struct Sample: Encodable {
        var empty: [String: Int] = [:]
        var grid: [[Int]] = [[], [1, 2], [-3]]
        var label: String? = nil
        var nested: [String: [String]] = ["a b": [], "z/1": ["x", "y\n"]]
        var ratio = 2.5
        var when = Date(timeIntervalSince1970: 951_782_400.75) // 2000-02-29

        enum CodingKeys: String, CodingKey { case empty, grid, label, nested, ratio, when }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(empty, forKey: .empty)
            try container.encode(grid, forKey: .grid)
            try container.encode(label, forKey: .label)
            try container.encode(nested, forKey: .nested)
            try container.encode(ratio, forKey: .ratio)
            try container.encode(when, forKey: .when)
        }

        func write(to out: inout JSONByteWriter) {
            out.open()
            out.key("empty")
            out.open()
            out.close()
            out.key("grid")
            out.openArray()
            for row in grid {
                out.element()
                out.openArray()
                for value in row {
                    out.element()
                    out.integer(value)
                }
                out.closeArray()
            }
            out.closeArray()
            out.key("label")
            out.null()
            out.key("nested")
            out.open()
            for (key, values) in nested.sorted(by: { $0.key < $1.key }) {
                out.key(key)
                out.strings(values)
            }
            out.close()
            out.key("ratio")
            out.number(ratio)
            out.field("when", when)
            out.close()
        }
    }

    @Test(arguments: [false, true])
    func writesFoundationsBytes(pretty: Bool) throws {
        var out = JSONByteWriter(pretty: pretty)
        Sample().write(to: &out)
        let foundation = try JSONCoding.encoder(pretty: pretty).encode(Sample())
        #expect(String(decoding: out.bytes, as: UTF8.self) == String(decoding: foundation, as: UTF8.self))
    }
}
