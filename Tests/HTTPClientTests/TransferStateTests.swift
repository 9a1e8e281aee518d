import Testing
@testable import HTTPClient

/// Header lines as curl hands them over, read as bytes.
@Suite struct TransferStateTests {
    func state(after lines: [String]) -> TransferState {
        let state = TransferState(limit: 1 << 20, sink: nil, shouldAbort: nil)
        for line in lines {
            Array(line.utf8).withUnsafeBytes { state.headerLine($0) }
        }
        return state
    }

    @Test func statusAndHeadersAreReadTrimmed() {
        let state = state(after: ["HTTP/1.1 206 Partial Content\r\n", "Content-Length:  1200 \r\n",
                                  "Location: http://127.0.0.1:8081/v/a.jpg?oe=1\r\n", "X-Empty:\r\n", "\tIndented-Line\r\n", "\r\n"])
        #expect(state.status == 206)
        #expect(state.headers.map(\.0) == ["Content-Length", "Location", "X-Empty"])
        #expect(state.headers.map(\.1) == ["1200", "http://127.0.0.1:8081/v/a.jpg?oe=1", ""], "the value keeps its own colons")
    }

    @Test func aNewStatusLineStartsANewResponse() {
        let state = state(after: ["HTTP/1.1 302 Found\r\n", "Location: /next\r\n", "\r\n", "HTTP/2 200\r\n", "ETag: \"abc\"\r\n"])
        #expect(state.status == 200)
        #expect(state.headers.count == 1 && state.headers[0] == ("ETag", "\"abc\""))
    }

    @Test func aStatusLineWithoutACodeIsZero() {
        #expect(state(after: ["HTTP/1.1\r\n"]).status == 0)
        #expect(state(after: ["HTTP/1.1 abc\r\n"]).status == 0)
    }
}
