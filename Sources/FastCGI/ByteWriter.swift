import Glibc

/// Writes strings and bytes into a buffer sized in advance, one `memcpy` each: the hot path builds every
/// answer this way (`Array.append(contentsOf:)` costs a hundred instructions or more per call).
public struct ByteWriter {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    /// Bytes written so far.
    public private(set) var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        base = buffer.baseAddress!
        capacity = buffer.count
    }

    /// An array of exactly the bytes `body` writes; `capacity` must be at least that many.
    public static func bytes(capacity: Int, _ body: (inout ByteWriter) -> Void) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: Swift.max(capacity, 1)) { buffer, initialized in
            var writer = ByteWriter(buffer)
            body(&writer)
            initialized = writer.count
        }
    }

    /// The UTF-8 bytes of a string.
    public mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { write($0) }
    }

    /// A string literal (no reference counting, unlike `String`).
    public mutating func write(literal: StaticString) {
        write(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Bytes as they are.
    public mutating func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        precondition(count + bytes.count <= capacity, "ByteWriter: capacity exceeded")
        memcpy(base + count, source, bytes.count)
        count += bytes.count
    }

    /// Bytes as they are.
    public mutating func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write($0) }
    }

    /// One byte.
    public mutating func write(byte: UInt8) {
        precondition(count < capacity, "ByteWriter: capacity exceeded")
        base[count] = byte
        count += 1
    }

    /// A non-negative integer in decimal (at most 20 bytes).
    public mutating func write(decimal value: Int) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0) // 24 bytes of scratch
        var remaining = UInt(value.magnitude), length = 0
        withUnsafeMutableBytes(of: &digits) { scratch in
            repeat {
                scratch[23 - length] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
                length += 1
            } while remaining > 0
            if value < 0 { scratch[23 - length] = UInt8(ascii: "-"); length += 1 }
            write(UnsafeBufferPointer(rebasing: scratch.bindMemory(to: UInt8.self)[(24 - length)...]))
        }
    }
}
