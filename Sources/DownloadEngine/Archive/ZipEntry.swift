import Foundation

/// One member of a ZIP archive stored as is (method 0, no compression): its name, figures and where its bytes are.
public struct ZipEntry: Sendable, Equatable {
    /// The member's path in the archive (UTF-8, `/` separated).
    public var name: String
    /// Its size in bytes.
    public var size: Int64
    /// Its ZIP CRC-32.
    public var crc32: UInt32
    /// Its modification time (written as a DOS date and time, UTC).
    public var modified: Date
    /// The file whose bytes are the member's (opaque to the layout: the caller's reference).
    public var source: String

    /// A member.
    public init(name: String, size: Int64, crc32: UInt32, modified: Date, source: String) {
        self.name = name
        self.size = size
        self.crc32 = crc32
        self.modified = modified
        self.source = source
    }
}
