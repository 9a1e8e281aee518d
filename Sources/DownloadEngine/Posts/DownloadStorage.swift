import Foundation

/// The downloads on disk under `DownloadSettings.directory`: `{shortcode}/` holds a finished post (files, then the
/// metadata file last), `.partial/{shortcode}/` one being written. Finds what is stored and what is left over; the
/// caller holds the post's lock before removing anything (App's `DownloadLocks`).
public struct DownloadStorage: Sendable {
    /// Where the files are.
    public let settings: DownloadSettings

    /// The storage of `settings.directory`.
    public init(settings: DownloadSettings) {
        self.settings = settings
    }

    /// The stored download covering `index` (or the whole post), when every file of it is on disk at its size.
    public func stored(shortcode: String, item index: Int?) -> DownloadMetadata? {
        let directory = settings.postDirectory(shortcode)
        guard var metadata = DownloadMetadata.load(directory: directory, shortcode: shortcode) else { return nil }
        if metadata.selectedIndex != nil, metadata.selectedIndex != index { return nil }
        if let index {
            metadata.files = metadata.files.filter { $0.index == index }
            metadata.selectedIndex = index
        }
        let complete = !metadata.files.isEmpty && metadata.files.allSatisfy { file in
            let attributes = try? FileManager.default.attributesOfItem(atPath: "\(directory)/\(file.name)")
            return (attributes?[.size] as? NSNumber)?.int64Value == file.size
        }
        return complete ? metadata : nil
    }

    /// Post directories not modified for `seconds` (left by a crash, or by rows deleted elsewhere).
    public func postDirectories(olderThan seconds: Int) -> [String] {
        let cutoff = Date().addingTimeInterval(-Double(seconds))
        return entries(of: settings.directory).filter { name in
            !name.hasPrefix(".") && (modified(settings.postDirectory(name)).map { $0 < cutoff } ?? false)
        }
    }

    /// Partial directories not modified for `seconds` (a deferred download whose job never resumed it).
    public func partialDirectories(olderThan seconds: Int) -> [String] {
        let cutoff = Date().addingTimeInterval(-Double(seconds))
        return entries(of: "\(settings.directory)/.partial").filter { name in
            modified("\(settings.directory)/.partial/\(name)").map { $0 < cutoff } ?? false
        }
    }

    /// Removes a post's directory; false when there is none.
    public func removePost(_ shortcode: String) throws -> Bool {
        guard FileManager.default.fileExists(atPath: settings.postDirectory(shortcode)) else { return false }
        try FileManager.default.removeItem(atPath: settings.postDirectory(shortcode))
        return true
    }

    /// Removes a post's partial directory.
    public func removePartial(_ shortcode: String) throws {
        try FileManager.default.removeItem(atPath: settings.partialDirectory(shortcode))
    }

    private func entries(of directory: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    }

    private func modified(_ path: String) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
    }
}
