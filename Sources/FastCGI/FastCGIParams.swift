import Glibc

/// A request's FastCGI (or CGI) parameters in the order the web server sent them.
///
/// The bytes are copied out of libfcgi once; a value becomes a `String` only when it is asked for.
/// A request carries a dozen or two parameters and a handler reads a few, so this costs a fraction of
/// building a dictionary of strings on every request.
public struct FastCGIParams: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Element = (name: String, value: String)

    /// Where one parameter's name and value are in `bytes`.
    struct Entry: Sendable {
        var nameStart: Int32
        var nameCount: Int32
        var valueStart: Int32
        var valueCount: Int32
    }

    private var bytes: [UInt8] = []
    private var entries: [Entry] = []

    /// No parameters.
    public init() {}

    /// Parameters from a dictionary (the CGI environment, tests).
    public init(_ dictionary: [String: String]) {
        for (name, value) in dictionary { append(name: name, value: value) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        for (name, value) in elements { append(name: name, value: value) }
    }

    /// Adds a parameter.
    public mutating func append(name: String, value: String) {
        var name = name, value = value
        name.withUTF8 { name in value.withUTF8 { value in append(name: UnsafeRawBufferPointer(name), value: UnsafeRawBufferPointer(value)) } }
    }

    /// Parameters already laid out (see `FastCGIStreams.readParams`).
    init(bytes: [UInt8], entries: [Entry]) {
        self.bytes = bytes
        self.entries = entries
    }

    /// Adds a parameter from raw bytes.
    mutating func append(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        let start = Int32(bytes.count)
        bytes.append(contentsOf: name)
        bytes.append(contentsOf: value)
        entries.append(Entry(nameStart: start, nameCount: Int32(name.count),
                             valueStart: start + Int32(name.count), valueCount: Int32(value.count)))
    }

    /// The value of a parameter, or nil.
    public subscript(name: String) -> String? {
        guard let entry = find(name) else { return nil }
        return string(entry.valueStart, entry.valueCount)
    }

    /// The value of a parameter, or `defaultValue`.
    public subscript(name: String, default defaultValue: @autoclosure () -> String) -> String {
        self[name] ?? defaultValue()
    }

    /// Whether the parameter is present.
    public func contains(_ name: String) -> Bool { find(name) != nil }

    public var count: Int { entries.count }

    /// The CGI variables every request needs, found in one pass over the parameters.
    public struct Common: Sendable {
        public var method: String?
        public var requestURI: String?
        public var queryString: String?
        public var scriptName: String?
        public var pathInfo: String?
        public var requestID: String?
        public var remoteAddress: String?
        public var contentType: String?
        public var contentLength: String?
    }

    /// The CGI variables every request needs (one pass instead of a search per name).
    public var common: Common {
        var common = Common()
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for entry in entries {
                let name = base + Int(entry.nameStart)
                let value = UnsafeBufferPointer(start: base + Int(entry.valueStart), count: Int(entry.valueCount))
                switch Int(entry.nameCount) {
                case 9:
                    if FastCGIParams.name(name, is: "PATH_INFO") { common.pathInfo = String(decoding: value, as: UTF8.self) }
                case 10:
                    if FastCGIParams.name(name, is: "REQUEST_ID") { common.requestID = String(decoding: value, as: UTF8.self) }
                case 11:
                    if FastCGIParams.name(name, is: "REQUEST_URI") {
                        common.requestURI = String(decoding: value, as: UTF8.self)
                    } else if FastCGIParams.name(name, is: "REMOTE_ADDR") {
                        common.remoteAddress = String(decoding: value, as: UTF8.self)
                    } else if FastCGIParams.name(name, is: "SCRIPT_NAME") {
                        common.scriptName = String(decoding: value, as: UTF8.self)
                    }
                case 12:
                    if FastCGIParams.name(name, is: "QUERY_STRING") {
                        common.queryString = String(decoding: value, as: UTF8.self)
                    } else if FastCGIParams.name(name, is: "CONTENT_TYPE") {
                        common.contentType = String(decoding: value, as: UTF8.self)
                    }
                case 14:
                    if FastCGIParams.name(name, is: "REQUEST_METHOD") {
                        common.method = String(decoding: value, as: UTF8.self)
                    } else if FastCGIParams.name(name, is: "CONTENT_LENGTH") {
                        common.contentLength = String(decoding: value, as: UTF8.self)
                    }
                default: break
                }
            }
        }
        return common
    }

    /// Whether the bytes at `name` are `candidate` (the caller has compared the lengths).
    @inline(__always)
    static func name(_ name: UnsafeRawPointer, is candidate: StaticString) -> Bool {
        memcmp(name, candidate.utf8Start, candidate.utf8CodeUnitCount) == 0
    }

    /// The HTTP request headers (`HTTP_ACCEPT_LANGUAGE` → `Accept-Language`), in order.
    public var headers: [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        bytes.withUnsafeBufferPointer { buffer in
            for entry in entries where entry.nameCount > 5 {
                let name = UnsafeBufferPointer(rebasing: buffer[Int(entry.nameStart)..<Int(entry.nameStart + entry.nameCount)])
                guard name[0] == 72, name[1] == 84, name[2] == 84, name[3] == 80, name[4] == 95 else { continue } // "HTTP_"
                result.append((name: FastCGIParams.headerName(UnsafeBufferPointer(rebasing: name[5...])),
                               value: string(entry.valueStart, entry.valueCount)))
            }
        }
        return result
    }

    public func makeIterator() -> IndexingIterator<[Element]> {
        entries.map { (name: string($0.nameStart, $0.nameCount), value: string($0.valueStart, $0.valueCount)) }
            .makeIterator()
    }

    private func find(_ name: String) -> Entry? {
        var name = name
        return name.withUTF8 { key -> Entry? in
            bytes.withUnsafeBufferPointer { buffer in
                for entry in entries where Int(entry.nameCount) == key.count {
                    if key.isEmpty || memcmp(buffer.baseAddress! + Int(entry.nameStart), key.baseAddress!, key.count) == 0 {
                        return entry
                    }
                }
                return nil
            }
        }
    }

    private func string(_ start: Int32, _ count: Int32) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[Int(start)..<Int(start + count)]), as: UTF8.self)
        }
    }

    /// `X_REQUEST_ID` → `X-Request-Id`: words capitalised, `_` becomes `-` (empty words dropped).
    static func headerName(_ source: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: source.count) { out in
            var count = 0, startOfWord = true
            for byte in source {
                if byte == UInt8(ascii: "_") {
                    if !startOfWord { out[count] = UInt8(ascii: "-"); count += 1 }
                    startOfWord = true
                    continue
                }
                let isUpper = byte >= 65 && byte <= 90, isLower = byte >= 97 && byte <= 122
                out[count] = startOfWord ? (isLower ? byte - 32 : byte) : (isUpper ? byte + 32 : byte)
                count += 1
                startOfWord = false
            }
            if count > 0 && out[count - 1] == UInt8(ascii: "-") { count -= 1 }
            return count
        }
    }
}
