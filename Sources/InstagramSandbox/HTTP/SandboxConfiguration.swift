import Foundation

/// How the sandbox answers: where links point, where generated files go, whether the admin API is on.
public struct SandboxConfiguration: Sendable {
    /// Base URL CDN URLs and page links point at (no trailing slash), e.g. `http://127.0.0.1:8081`.
    public var publicURL: String
    /// Writable directory for generated large files (nginx serves it at `filesAccelPrefix`).
    public var filesDirectory: String
    /// Serve `/__sandbox/` (faults, reset, request log, world state).
    public var adminEnabled: Bool
    /// nginx internal location aliased to the world's `media/` directory.
    public var mediaAccelPrefix: String
    /// nginx internal location aliased to `filesDirectory`.
    public var filesAccelPrefix: String
    /// nginx internal location that closes the connection (`return 444`), for the reset fault.
    public var resetAccelPath: String
    /// Unix time in seconds; tests replace it.
    public var clock: @Sendable () -> Double

    public init(publicURL: String = "http://127.0.0.1:8081",
                filesDirectory: String = NSTemporaryDirectory() + "instagram-sandbox-files",
                adminEnabled: Bool = false,
                mediaAccelPrefix: String = "/__sandbox_media/",
                filesAccelPrefix: String = "/__sandbox_files/",
                resetAccelPath: String = "/__sandbox_reset",
                clock: @escaping @Sendable () -> Double = { Date().timeIntervalSince1970 }) {
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.filesDirectory = filesDirectory
        self.adminEnabled = adminEnabled
        self.mediaAccelPrefix = mediaAccelPrefix
        self.filesAccelPrefix = filesAccelPrefix
        self.resetAccelPath = resetAccelPath
        self.clock = clock
    }
}
