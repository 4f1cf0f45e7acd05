// swift-tools-version:6.1
// Portal: a client-operations kernel with thin front ends.
// The layout is described in README.md ("Architecture", "Layout"); every target here is one box of that picture.

import PackageDescription

/// Settings shared by every Swift target: Swift 6 language mode plus the upcoming features
/// that keep the module boundaries honest.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let log = Target.Dependency.product(name: "Logging", package: "swift-log")
let metrics = Target.Dependency.product(name: "Metrics", package: "swift-metrics")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")

let package = Package(
    name: "portal",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "PortalKernel", targets: ["PortalKernel"]),
        .library(name: "PortalSQLite", targets: ["PortalSQLite"]),
        .library(name: "PortalPostgres", targets: ["PortalPostgres"]),
        .library(name: "PortalCurl", targets: ["PortalCurl"]),
        .library(name: "PortalPDF", targets: ["PortalPDF"]),
        .library(name: "PortalBcrypt", targets: ["PortalBcrypt"]),
        .library(name: "PortalManualPayments", targets: ["PortalManualPayments"]),
        .library(name: "PortalAssembly", targets: ["PortalAssembly"]),
        .library(name: "PortalTesting", targets: ["PortalTesting"]),
        .library(name: "PortalHTTP", targets: ["PortalHTTP"]),
        .executable(name: "portal-http", targets: ["portal-http"]),
        .executable(name: "portal-cli", targets: ["portal-cli"]),
        .executable(name: "portal-bench", targets: ["portal-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
    ],
    targets: [
        // MARK: Kernel: domain, use cases and ports. No database, HTTP or C library.
        .target(
            name: "PortalKernel",
            dependencies: [log, metrics, crypto],
            path: "Sources/PortalKernel",
            swiftSettings: swiftSettings
        ),

        // MARK: C libraries, reached only through these system-library targets.
        .systemLibrary(
            name: "CSQLite", path: "Sources/Adapters/CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CLibPQ", path: "Sources/Adapters/CLibPQ", pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "CPangoCairo", path: "Sources/Adapters/CPangoCairo", pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]
        ),
        .systemLibrary(
            name: "CCurl", path: "Sources/Adapters/CCurl", pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),

        // MARK: Adapters owning the blocking C calls.
        .target(
            name: "PortalBlocking",
            dependencies: ["PortalKernel"],
            path: "Sources/Adapters/Blocking",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PortalSQLite",
            dependencies: ["PortalKernel", "PortalBlocking", "CSQLite", log],
            path: "Sources/Adapters/SQLite",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PortalPostgres",
            dependencies: ["PortalKernel", "PortalBlocking", "CLibPQ", log],
            path: "Sources/Adapters/Postgres",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PortalCurl",
            dependencies: ["PortalKernel", "PortalBlocking", "CCurl", log],
            path: "Sources/Adapters/Curl",
            swiftSettings: swiftSettings
        ),

        .target(
            name: "PortalPDF",
            dependencies: ["PortalKernel", "PortalBlocking", "CPangoCairo", log],
            path: "Sources/Adapters/PDF",
            swiftSettings: swiftSettings
        ),

        // MARK: Plugins implementing kernel ports without a C library of our own.
        .target(
            name: "PortalBcrypt",
            dependencies: [
                "PortalKernel", "PortalBlocking",
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ],
            path: "Sources/Plugins/Bcrypt",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PortalManualPayments",
            dependencies: ["PortalKernel"],
            path: "Sources/Plugins/ManualPayments",
            swiftSettings: swiftSettings
        ),

        // MARK: Assembly (configuration -> kernel with the chosen plugins) and the test kit.
        .target(
            name: "PortalAssembly",
            dependencies: [
                "PortalKernel", "PortalSQLite", "PortalPostgres", "PortalCurl", "PortalPDF", "PortalBcrypt",
                "PortalManualPayments", log,
            ],
            path: "Sources/Plugins/Assembly",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PortalTesting",
            dependencies: ["PortalKernel", log],
            path: "Sources/Plugins/Testing",
            swiftSettings: swiftSettings
        ),

        // MARK: Front ends. Each is a small library (tested in-process) plus a thin `main`.
        .target(
            name: "PortalHTTP",
            dependencies: [
                "PortalKernel", "PortalAssembly", log, metrics,
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Sources/portal-http/Server",
            resources: [.copy("Resources/openapi.json")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "portal-http",
            dependencies: [
                "PortalHTTP", "PortalAssembly", "PortalKernel", log, metrics,
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            path: "Sources/portal-http/Main",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PortalCLI",
            dependencies: [
                "PortalKernel", "PortalAssembly", log,
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/portal-cli/Commands",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "portal-cli",
            dependencies: ["PortalCLI", log],
            path: "Sources/portal-cli/Main",
            swiftSettings: swiftSettings
        ),

        // MARK: Benchmarks (`make bench`): a data-set seeder and load drivers, plus a thin `main`.
        .target(
            name: "PortalBench",
            dependencies: [
                "PortalKernel", "PortalAssembly", "PortalTesting", "PortalSQLite", "PortalPostgres", log,
            ],
            path: "Sources/portal-bench/Bench",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "portal-bench",
            dependencies: [
                "PortalBench", "PortalKernel", log,
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/portal-bench/Main",
            swiftSettings: swiftSettings
        ),

        // MARK: Tests mirror the sources.
        .testTarget(
            name: "PortalKernelTests",
            dependencies: ["PortalKernel", "PortalTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PortalAssemblyTests",
            dependencies: ["PortalAssembly", "PortalTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StorageTests",
            dependencies: ["PortalKernel", "PortalTesting", "PortalSQLite", "PortalPostgres", "PortalBlocking"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PortalUseCaseTests",
            dependencies: [
                "PortalKernel", "PortalTesting", "PortalSQLite", "PortalPostgres", "PortalBcrypt", "PortalBlocking",
                "PortalPDF", "PortalManualPayments",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PortalCurlTests",
            dependencies: ["PortalKernel", "PortalTesting", "PortalCurl"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PortalBcryptTests",
            dependencies: ["PortalKernel", "PortalBcrypt", "PortalBlocking"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PortalManualPaymentsTests",
            dependencies: ["PortalKernel", "PortalManualPayments", "PortalTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PortalPDFTests",
            dependencies: ["PortalKernel", "PortalPDF"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PortalHTTPTests",
            dependencies: [
                "PortalHTTP", "PortalAssembly", "PortalTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PortalCLITests",
            dependencies: ["PortalCLI", "PortalTesting", "PortalSQLite", "PortalPostgres", "portal-cli"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PortalBenchTests",
            dependencies: ["PortalBench", "PortalKernel", "PortalAssembly", "PortalTesting"],
            swiftSettings: swiftSettings
        ),
    ]
)
