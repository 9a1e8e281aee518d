// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "instagate",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "instagate", targets: ["instagate"]),
        .executable(name: "instagram-sandbox", targets: ["instagram-sandbox"]),
        .executable(name: "instagate-fuzz", targets: ["instagate-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.4.1"),
    ],
    targets: [
        // C at the edge: one system-library target per C library, each wrapped by one Swift module.
        .systemLibrary(name: "CFastCGI", path: "Sources/CFastCGI", providers: [.apt(["libfcgi-dev"])]),
        .systemLibrary(name: "CPostgres", path: "Sources/CPostgres", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // Linux file calls glibc declares only for _GNU_SOURCE (fallocate, sync_file_range): a C shim as swift-nio's
        // CNIOLinux, imported by DownloadEngine only.
        .target(name: "CFileIO", linkerSettings: [.linkedLibrary("z")]),

        .target(name: "FastCGI", dependencies: ["CFastCGI"]),
        .target(name: "Postgres", dependencies: ["CPostgres"]),
        .target(name: "HTTPClient", dependencies: ["CCurl"]),

        // The HTTP layer shared by instagate and the sandbox: request, response, router, error envelope.
        .target(name: "Web", dependencies: ["FastCGI"]),

        // The log metadata keys every module writes under (one enum), and typed logging calls with them.
        .target(name: "Observability", dependencies: [.product(name: "Logging", package: "swift-log")]),

        // Meta's media rules read from a file's own bytes (JPEG SOF, MP4 ftyp/moov/mvhd): no dependencies, shared by
        // instagate (checked before any call to Meta) and the sandbox (checked as Meta does when it fetches the file).
        .target(name: "MediaProbe"),

        // The durable job queue in PostgreSQL and the worker that runs it (issue 5); its metrics go through swift-metrics.
        .target(name: "Jobs", dependencies: [
            "Postgres", "Observability",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "CoreMetrics", package: "swift-metrics"),
        ]),

        // The Instagram domain: URL parsing, shortcodes, the web API client, media and metadata.
        .target(name: "Instagram", dependencies: [
            "HTTPClient", "Observability",
            .product(name: "Logging", package: "swift-log"),
        ]),

        // The download engine: CDN file transfers (resume, retries, disk reservation, hashing, writeback) and whole
        // posts into a directory. No database, no HTTP handlers.
        .target(name: "DownloadEngine", dependencies: [
            "CFileIO", "HTTPClient", "Instagram", "Observability", "Web",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),

        // The application: configuration, routes, handlers, auth, migrations, metrics.
        .target(name: "App", dependencies: [
            "FastCGI", "Postgres", "HTTPClient", "Web", "Jobs", "Instagram", "Observability", "DownloadEngine", "MediaProbe",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "CoreMetrics", package: "swift-metrics"),
        ]),
        .executableTarget(name: "instagate", dependencies: [
            "App", "Jobs", "Observability", "FastCGI", "Instagram", "Postgres",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Helpers shared by the test targets (threads for blocking calls); no product depends on it.
        .target(name: "TestSupport", path: "Tests/TestSupport"),

        .testTarget(name: "FastCGITests", dependencies: ["FastCGI"]),
        .testTarget(name: "WebTests", dependencies: ["Web", "FastCGI"]),
        .testTarget(name: "HTTPClientTests", dependencies: ["HTTPClient"]),
        .testTarget(name: "PostgresTests", dependencies: ["TestSupport", "Postgres"]),
        .testTarget(name: "JobsTests", dependencies: [
            "TestSupport", "Jobs", "Postgres", .product(name: "MetricsTestKit", package: "swift-metrics"),
        ]),
        .testTarget(name: "InstagramTests", dependencies: ["Instagram"]),
        .testTarget(name: "MediaProbeTests", dependencies: ["MediaProbe"]),
        .testTarget(name: "DownloadEngineTests", dependencies: [
            "TestSupport",
            "DownloadEngine", "Instagram", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .testTarget(name: "AppTests", dependencies: [
            "TestSupport", "App", "Web", "Jobs", "Observability", "HTTPClient", "FastCGI",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "IntegrationTests", dependencies: [
            "TestSupport", "Postgres", "HTTPClient", "Instagram",
            .product(name: "Logging", package: "swift-log"), .product(name: "Crypto", package: "swift-crypto"),
        ]),

        // The offline stand-in for Instagram's web API and CDN (issue 4).
        .target(name: "InstagramSandbox", dependencies: [
            "Web", "FastCGI", "HTTPClient", "MediaProbe",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], exclude: ["Worlds"]),
        .executableTarget(name: "instagram-sandbox", dependencies: [
            "InstagramSandbox", "FastCGI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "InstagramSandboxTests", dependencies: [
            "InstagramSandbox", "Web", "MediaProbe", .product(name: "Logging", package: "swift-log"),
        ]),

        // The parsers under fuzzing (issue 11): a libFuzzer target when built by deploy/fuzz
        // (-sanitize=fuzzer -DINSTAGATE_LIBFUZZER), else a small random-input runner that also replays crash files.
        .executableTarget(name: "instagate-fuzz", dependencies: ["Instagram", "Web", "FastCGI", "MediaProbe"]),
    ],
    swiftLanguageModes: [.v6]
)
