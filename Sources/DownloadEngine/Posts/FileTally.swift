/// The files finished so far (kept across a re-fetch of the post).
final class FileTally {
    var files: [String: DownloadedFile] = [:]
}
