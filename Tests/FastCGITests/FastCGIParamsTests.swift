import Testing
@testable import FastCGI

@Suite struct FastCGIParamsTests {
    let params: FastCGIParams = [
        "REQUEST_METHOD": "GET", "REQUEST_URI": "/api/x?y=1", "QUERY_STRING": "y=1", "REMOTE_ADDR": "10.0.0.7",
        "REQUEST_ID": "0123456789abcdef0123456789abcdef", "HTTP_ACCEPT_LANGUAGE": "ko-KR", "HTTP_X__ODD_": "v",
        "SCRIPT_NAME": "/api/x", "CONTENT_TYPE": "", "HTTP_HOST": "example.com", "HTTP_X_REQUEST_ID": "client",
    ]

    @Test func looksUpByExactName() {
        #expect(params["REQUEST_URI"] == "/api/x?y=1")
        #expect(params["REQUEST_UR"] == nil)
        #expect(params["request_uri"] == nil)
        #expect(params["PATH_INFO", default: "none"] == "none")
        #expect(params.contains("CONTENT_TYPE") && params["CONTENT_TYPE"] == "")
        #expect(params.count == 11)
    }

    @Test func headersComeFromHTTPParamsOnly() {
        let headers = Dictionary(uniqueKeysWithValues: params.headers.map { ($0.name, $0.value) })
        #expect(headers == ["Accept-Language": "ko-KR", "X-Odd": "v", "Host": "example.com", "X-Request-Id": "client"])
    }

    @Test func commonVariablesInOnePass() {
        let common = params.common
        #expect(common.method == "GET")
        #expect(common.requestURI == "/api/x?y=1")
        #expect(common.queryString == "y=1")
        #expect(common.remoteAddress == "10.0.0.7")
        #expect(common.requestID == "0123456789abcdef0123456789abcdef")
        #expect(common.scriptName == "/api/x")
        #expect(common.contentType == "")
        #expect(common.contentLength == nil)
        #expect(common.pathInfo == nil)
    }

    @Test func iteratesInOrderOfArrival() {
        var built = FastCGIParams()
        built.append(name: "B", value: "2")
        built.append(name: "A", value: "한국어")
        #expect(built.map(\.name) == ["B", "A"])
        #expect(built["A"] == "한국어")
    }
}
