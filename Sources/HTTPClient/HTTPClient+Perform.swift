import CCurl
import Foundation

extension HTTPClient {
    /// One curl transfer, no retries, no redirects.
    func perform(_ planned: HTTPClientRequest, sink: ((UnsafeRawBufferPointer) -> Bool)?,
                 shouldAbort: (() -> Bool)?, onHead: HeadHandler? = nil) throws(HTTPClientError) -> HTTPClientResponse {
        var request = planned
        guard let parts = URLParts(request.url) else {
            throw HTTPClientError(.invalidURL, "not an absolute http(s) URL without credentials", url: request.url)
        }
        if let allowed = configuration.allowedHosts, !allowed.allows(parts) {
            throw HTTPClientError(.hostNotAllowed, "host is not in the allow-list", url: request.url)
        }
        beforeTransfer?(request)
        try limitToDeadline(&request) // after any pacing wait: the deadline counts it
        let state = TransferState(limit: request.maxResponseBytes ?? configuration.maxResponseBytes,
                                  sink: sink, shouldAbort: shouldAbort, onHead: onHead)
        let curl = CurlHandle(handlePointer)
        curl.reset()
        var headerList: UnsafeMutablePointer<curl_slist>?
        defer { curl_slist_free_all(headerList) }
        for (name, value) in request.headers {
            headerList = curl_slist_append(headerList, "\(name): \(value)")
        }
        headerList = curl_slist_append(headerList, "Expect:")
        let connectList = request.connectTo.map { curl_slist_append(nil, $0) } ?? nil
        defer { curl_slist_free_all(connectList) }
        let code: CURLcode = withExtendedLifetime(state) {
            request.url.withCString { url in
                curl.configure(url: url, request: request, configuration: configuration, headers: headerList,
                               state: Unmanaged.passUnretained(state).toOpaque())
                if connectList != nil { curl.setConnectTo(connectList) }
                if let body = request.body {
                    return body.withUnsafeBufferPointer { buffer in
                        curl.setBody(buffer)
                        return curl.perform()
                    }
                }
                return curl.perform()
            }
        }
        if code != CURLE_OK {
            var error = classify(code, state: state, curl: curl, url: request.url)
            error.status = state.status
            error.headers = state.headers
            throw error
        }
        return HTTPClientResponse(status: curl.responseCode(), headers: state.headers, body: state.body, url: request.url)
    }

    private func classify(_ code: CURLcode, state: TransferState, curl: CurlHandle, url: String) -> HTTPClientError {
        if state.exceeded { return HTTPClientError(.tooLarge, "the answer exceeds \(state.limit) bytes", url: url) }
        if code == CURLE_ABORTED_BY_CALLBACK || state.sinkFailed {
            return HTTPClientError(.aborted, "the transfer was stopped", url: url)
        }
        let message = String(cString: curl_easy_strerror(code))
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return HTTPClientError(.timeout, message, url: url)
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_SEND_ERROR,
             CURLE_RECV_ERROR, CURLE_GOT_NOTHING, CURLE_SSL_CONNECT_ERROR:
            return HTTPClientError(.connectionFailed, message, url: url)
        case CURLE_PARTIAL_FILE, CURLE_WRITE_ERROR, CURLE_BAD_CONTENT_ENCODING, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return HTTPClientError(.transferFailed, message, url: url)
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return HTTPClientError(.invalidURL, message, url: url)
        default:
            return HTTPClientError(.transferFailed, message, url: url)
        }
    }

}
