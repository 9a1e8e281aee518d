import DownloadEngine
import Foundation

/// The members of a profile's archive: every stored file of the profile's completed downloads (`CODE/NAME`, as
/// under /downloads/), each post's metadata JSON and the profile's metadata JSON, skipping a file no longer on
/// disk at its recorded size. A file stored before downloads kept its CRC-32 is read once to compute it
/// (`updated` lists the downloads whose CRC-32s were filled in, for the caller to keep).
struct ProfileArchive {
    let settings: DownloadSettings
    private(set) var entries: [ZipEntry] = []
    private(set) var updated: [ProfileStore.ArchivedDownload] = []
    private var names: Set<String> = []

    init(settings: DownloadSettings, profile: ProfileStore.ArchivedProfile, downloads: [ProfileStore.ArchivedDownload]) {
        self.settings = settings
        for download in downloads { add(download, profileJSON: download.shortcode == profile.pictureCode) }
    }

    /// Names a member may have: nginx's internal location takes these characters only.
    static func isSafe(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 200 && !name.hasPrefix(".")
            && name.utf8.allSatisfy { $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    private mutating func add(_ download: ProfileStore.ArchivedDownload, profileJSON: Bool) {
        var download = download
        let code = download.shortcode
        let directory = settings.postDirectory(code)
        let modified = download.metadata.downloadedAt
        var filled = false
        for (position, file) in download.metadata.files.enumerated() where Self.isSafe(file.name) && !names.contains("\(code)/\(file.name)") {
            guard size(of: "\(directory)/\(file.name)") == file.size else { continue }
            var crc = file.crc32
            if crc == nil, let computed = FileChecksum.crc32(path: "\(directory)/\(file.name)"), computed.size == file.size {
                crc = computed.crc32
                download.metadata.files[position].crc32 = computed.crc32
                filled = true
            }
            guard let crc else { continue }
            append(code: code, name: file.name, size: file.size, crc32: crc, modified: modified)
        }
        if filled { updated.append(download) }
        var extras = [DownloadMetadata.fileName(code)]
        if profileJSON { extras.append(CollectionRun.profileFileName(code)) }
        for name in extras where !names.contains("\(code)/\(name)") {
            // Small JSON files written whole (temporary file, then rename): read and checksummed here.
            guard let bytes = FileManager.default.contents(atPath: "\(directory)/\(name)") else { continue }
            append(code: code, name: name, size: Int64(bytes.count), crc32: FileChecksum.crc32(Array(bytes)), modified: modified)
        }
    }

    private mutating func append(code: String, name: String, size: Int64, crc32: UInt32, modified: Date) {
        names.insert("\(code)/\(name)")
        entries.append(ZipEntry(name: "\(code)/\(name)", size: size, crc32: crc32, modified: modified, source: "\(code)/\(name)"))
    }

    private func size(of path: String) -> Int64? {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : nil
    }
}

private extension UInt8 {
    var isASCIIAlphanumeric: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }
}
