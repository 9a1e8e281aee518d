// The download engine's types (`PostDownloader`, `DownloadMetadata`, `DownloadError`, `DownloadSettings`, ...) are
// part of App's API: `AppConfiguration.downloads`, `LocalDownload.run` and the handlers use them. Re-exported so that
// `import App` (the executables) and App's own files see them without naming the module in each.
@_exported import DownloadEngine
