import Testing
@testable import FastCGI

@Suite struct ByteWriterTests {
    @Test func writesStringsLiteralsBytesAndNumbers() {
        let bytes = ByteWriter.bytes(capacity: 64) { out in
            out.write(literal: "a=")
            out.write(decimal: 0)
            out.write(byte: UInt8(ascii: ","))
            out.write(decimal: -42)
            out.write(byte: UInt8(ascii: ","))
            out.write(decimal: Int.max)
            out.write(" 한")
            out.write([33])
        }
        #expect(String(decoding: bytes, as: UTF8.self) == "a=0,-42,\(Int.max) 한!")
    }

    @Test func emptyWriteGivesAnEmptyArray() {
        #expect(ByteWriter.bytes(capacity: 0) { _ in }.isEmpty)
    }
}

@Suite struct FastCGIResponseTests {
    @Test func serializesTheCGIHeaderBlockAndBody() {
        let response = FastCGIResponse(status: 404, reason: "Not Found",
                                       headers: [(name: "Content-Type", value: "application/json")], body: Array("{}".utf8))
        #expect(String(decoding: response.serialized(), as: UTF8.self)
            == "Status: 404 Not Found\r\nContent-Type: application/json\r\n\r\n{}")
    }

    @Test func aHeaderValueCannotSplitTheResponse() {
        let response = FastCGIResponse(status: 200, reason: "OK",
                                       headers: [(name: "X-A", value: "one\r\nSet-Cookie: evil=1"), (name: "X-B", value: "two")],
                                       body: [])
        #expect(String(decoding: response.serialized(), as: UTF8.self)
            == "Status: 200 OK\r\nX-A: oneSet-Cookie: evil=1\r\nX-B: two\r\n\r\n")
    }
}
