import Foundation
import MediaProbe

/// An uploaded file judged from its own bytes (MediaProbe): a JPEG or an MP4/MOV, whole (a JPEG ends with its
/// end-of-image marker, an MP4's top-level boxes cover the file exactly), within the most Meta takes for any use of
/// it (an image as a story's, a video as a reel's: 8 MiB, 300 MiB, 3 s–15 min). What a post, story or reel asks
/// beyond that (a feed photo's aspect ratio, a story's 60 s) is checked again when the upload is named in one.
enum UploadInspection {
    struct Result: Equatable {
        /// `IMAGE` or `VIDEO`.
        var mediaType: String
        /// `media.jpg` or `media.mp4`.
        var fileName: String
        var size: Int64
    }

    /// The file's type and size, or every problem as one sentence (for the `file` field of a 422).
    static func inspect(path: String) -> Swift.Result<Result, Problem> {
        guard let file = FileHandle(forReadingAtPath: path) else { return .failure(Problem("could not be read")) }
        defer { try? file.close() }
        let size = Int((try? file.seekToEnd()) ?? 0)
        if size == 0 { return .failure(Problem("is empty: send the file's bytes as the request body")) }
        try? file.seek(toOffset: 0)
        let head = [UInt8]((try? file.read(upToCount: MediaKind.headBytes)) ?? Data())
        let isJPEG = head.starts(with: [0xFF, 0xD8, 0xFF])
        let isMP4 = head.count >= 8 && Array(head[4..<8]) == Array("ftyp".utf8)
        guard isJPEG || isMP4 else {
            return .failure(Problem("is neither a JPEG image nor an MP4 video (Instagram publishes only those)"))
        }
        var sentences = MediaCheck.problems(head: head, totalBytes: size, as: isJPEG ? .storyImage : .reelVideo).map(\.message)
        if let cut = isJPEG ? jpegCut(file, size: size) : mp4Cut(file, size: size) { sentences.insert(cut, at: 0) }
        if !sentences.isEmpty { return .failure(Problem(sentences.joined(separator: "; "))) }
        return .success(Result(mediaType: isJPEG ? "IMAGE" : "VIDEO", fileName: isJPEG ? "media.jpg" : "media.mp4", size: Int64(size)))
    }

    struct Problem: Error, Equatable {
        var sentence: String
        init(_ sentence: String) { self.sentence = sentence }
    }

    /// A JPEG must end with its EOI marker (FF D9); nil when it does.
    static func jpegCut(_ file: FileHandle, size: Int) -> String? {
        guard size >= 4, (try? file.seek(toOffset: UInt64(size - 2))) != nil,
              let tail = try? file.read(upToCount: 2), [UInt8](tail) == [0xFF, 0xD9] else {
            return "is cut short: the JPEG has no end-of-image marker (upload the whole file)"
        }
        return nil
    }

    /// An MP4's top-level boxes must end exactly at the file's end; nil when they do.
    static func mp4Cut(_ file: FileHandle, size: Int) -> String? {
        var offset = 0
        while offset < size {
            guard (try? file.seek(toOffset: UInt64(offset))) != nil, let header = try? file.read(upToCount: 16),
                  header.count >= 8 else { break }
            let bytes = [UInt8](header)
            var length = bytes[0..<4].reduce(0) { $0 << 8 | Int($1) }
            if length == 1, bytes.count == 16 { length = bytes[8..<16].reduce(0) { $0 << 8 | Int($1) } }
            if length == 0 { return nil } // the last box runs to the end of the file
            if length < 8 || length > size - offset { return "is cut short: its MP4 boxes run past the file's end (upload the whole file)" }
            offset += length
        }
        return offset == size ? nil : "is cut short: its MP4 boxes run past the file's end (upload the whole file)"
    }
}
