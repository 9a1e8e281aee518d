import CCurl

/// Typed setters over one curl easy handle (the variadic C API goes through the shim's wrappers).
struct CurlHandle {
    let raw: UnsafeMutableRawPointer

    init(_ raw: UnsafeMutableRawPointer) { self.raw = raw }

    func reset() { curl_easy_reset(raw) }

    func perform() -> CURLcode { curl_easy_perform(raw) }

    func responseCode() -> Int {
        var code = 0
        _ = instagate_curl_getinfo_long(raw, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    func configure(url: UnsafePointer<CChar>, request: HTTPClientRequest, configuration: HTTPClientConfiguration,
                   headers: UnsafeMutablePointer<curl_slist>?, state: UnsafeMutableRawPointer) {
        _ = instagate_curl_setopt_string(raw, CURLOPT_URL, url)
        _ = instagate_curl_setopt_string(raw, CURLOPT_PROTOCOLS_STR, "http,https")
        _ = instagate_curl_setopt_long(raw, CURLOPT_FOLLOWLOCATION, 0)
        _ = instagate_curl_setopt_long(raw, CURLOPT_NOSIGNAL, 1)
        _ = instagate_curl_setopt_long(raw, CURLOPT_CONNECTTIMEOUT_MS, Int(configuration.connectTimeout * 1000))
        let timeout = request.timeout ?? configuration.requestTimeout
        _ = instagate_curl_setopt_long(raw, CURLOPT_TIMEOUT_MS, Int(timeout * 1000))
        _ = instagate_curl_setopt_long(raw, CURLOPT_LOW_SPEED_LIMIT, configuration.lowSpeedLimit)
        _ = instagate_curl_setopt_long(raw, CURLOPT_LOW_SPEED_TIME, configuration.lowSpeedTime)
        _ = instagate_curl_setopt_string(raw, CURLOPT_USERAGENT, configuration.userAgent)
        _ = instagate_curl_setopt_string(raw, CURLOPT_ACCEPT_ENCODING, "")
        if let local = configuration.localAddress { _ = instagate_curl_setopt_string(raw, CURLOPT_INTERFACE, local) }
        _ = instagate_curl_setopt_slist(raw, CURLOPT_HTTPHEADER, headers)
        _ = instagate_curl_setopt_string(raw, CURLOPT_CUSTOMREQUEST, request.method)
        if request.method == "HEAD" { _ = instagate_curl_setopt_long(raw, CURLOPT_NOBODY, 1) }
        if let size = request.receiveBufferSize { _ = instagate_curl_setopt_long(raw, CURLOPT_BUFFERSIZE, size) }
        if request.freshConnection { _ = instagate_curl_setopt_long(raw, CURLOPT_FRESH_CONNECT, 1) }
        _ = instagate_curl_setopt_data_cb(raw, CURLOPT_HEADERFUNCTION, curlHeaderCallback)
        _ = instagate_curl_setopt_pointer(raw, CURLOPT_HEADERDATA, state)
        _ = instagate_curl_setopt_data_cb(raw, CURLOPT_WRITEFUNCTION, curlWriteCallback)
        _ = instagate_curl_setopt_pointer(raw, CURLOPT_WRITEDATA, state)
        _ = instagate_curl_setopt_xfer_cb(raw, CURLOPT_XFERINFOFUNCTION, curlProgressCallback)
        _ = instagate_curl_setopt_pointer(raw, CURLOPT_XFERINFODATA, state)
        _ = instagate_curl_setopt_long(raw, CURLOPT_NOPROGRESS, 0)
    }

    /// `CURLOPT_CONNECT_TO`: where to connect for the URL's host and port (cleared by `reset`).
    func setConnectTo(_ list: UnsafeMutablePointer<curl_slist>?) {
        _ = instagate_curl_setopt_slist(raw, CURLOPT_CONNECT_TO, list)
    }

    func setBody(_ buffer: UnsafeBufferPointer<UInt8>) {
        _ = instagate_curl_setopt_off(raw, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(buffer.count))
        _ = instagate_curl_setopt_pointer(raw, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress))
    }
}

private func curlHeaderCallback(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int,
                                _ user: UnsafeMutableRawPointer?) -> Int {
    guard let data, let user else { return 0 }
    let state = Unmanaged<TransferState>.fromOpaque(user).takeUnretainedValue()
    let bytes = UnsafeRawBufferPointer(start: data, count: size * count)
    state.headerLine(bytes)
    return size * count
}

private func curlWriteCallback(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int,
                               _ user: UnsafeMutableRawPointer?) -> Int {
    guard let data, let user else { return 0 }
    let state = Unmanaged<TransferState>.fromOpaque(user).takeUnretainedValue()
    return state.bodyChunk(UnsafeRawBufferPointer(start: data, count: size * count)) ? size * count : 0
}

private func curlProgressCallback(_ user: UnsafeMutableRawPointer?, _ downloadTotal: curl_off_t, _ downloaded: curl_off_t,
                                  _ uploadTotal: curl_off_t, _ uploaded: curl_off_t) -> Int32 {
    guard let user else { return 0 }
    let state = Unmanaged<TransferState>.fromOpaque(user).takeUnretainedValue()
    return state.shouldAbort?() == true ? 1 : 0
}
