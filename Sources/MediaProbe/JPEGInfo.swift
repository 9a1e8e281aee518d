/// What a JPEG's own bytes say: its width and height, read from the first SOF (start of frame) marker.
public struct JPEGInfo: Equatable, Sendable {
    public var width: Int
    public var height: Int

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// Width over height.
    public var aspectRatio: Double { Double(width) / Double(height) }

    /// The dimensions of a baseline or progressive JPEG; nil when the bytes are not a JPEG (no SOI, no SOF before
    /// the scan) or are cut before the SOF. Reads only the head: the first few KiB of a file are enough.
    public static func read(_ bytes: [UInt8]) -> JPEGInfo? {
        guard bytes.count > 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else { return nil }
        var index = 2
        while index + 9 < bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            if marker == 0xFF { index += 1; continue }
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) { index += 2; continue }
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            if isStartOfFrame(marker) {
                let height = Int(bytes[index + 5]) << 8 | Int(bytes[index + 6])
                let width = Int(bytes[index + 7]) << 8 | Int(bytes[index + 8])
                return width > 0 && height > 0 ? JPEGInfo(width: width, height: height) : nil
            }
            if marker == 0xDA || length < 2 { return nil }
            index += 2 + length
        }
        return nil
    }

    /// SOF0–SOF15 but DHT (C4), JPG (C8) and DAC (CC), which share the range.
    static func isStartOfFrame(_ marker: UInt8) -> Bool {
        (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
    }
}
