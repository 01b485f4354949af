// swift-tools-version: 6.1
// trailsql: Athena's SQL and CloudWatch filter patterns over CloudTrail logs where they lie.
//
// Targets are layered; imports go one way (see Docs/Architecture.md):
//   L0 TrailBase (over CTrailSearch), CTrailDeflate, CTrailZlib, CTrailCurl, CTrailCrypto
//   L1 TrailColumnar, TrailSQL (lexer, parser, AST, printer)
//   L2 TrailJSON, TrailSource; L2.5 TrailS3 (HTTP, SigV4, credentials, S3 listing and reads)
//   L3 TrailFilterPattern, TrailGenerator, TrailFunctions (scalar kernels with Trino semantics)
//   L3.5 TrailPlan (analyzer, optimizer), TrailExec (evaluator, operators)
//   L4 TrailEngine
//   L5 trailsql (CLI, the only target that imports ArgumentParser)
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "trailsql",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "trailsql", targets: ["trailsql"]),
        .executable(name: "inflate-limit", targets: ["inflate-limit"]),
        .library(name: "TrailEngine", targets: ["TrailEngine"]),
        // For the fuzzers in Fuzz/ (separate packages built with --sanitize=fuzzer).
        .library(name: "TrailBase", targets: ["TrailBase"]),
        .library(name: "TrailJSON", targets: ["TrailJSON"]),
        .library(name: "TrailFilterPattern", targets: ["TrailFilterPattern"]),
        .library(name: "TrailSQL", targets: ["TrailSQL"]),
        .library(name: "TrailS3", targets: ["TrailS3"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
    ],
    targets: [
        .systemLibrary(name: "CTrailDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(name: "CTrailZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // S3: libcurl for HTTP (connection reuse, TLS, proxies, many transfers on one thread) and OpenSSL's
        // libcrypto for SHA-256/HMAC — both system libraries, so no BoringSSL copy to build.
        .systemLibrary(name: "CTrailCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .systemLibrary(name: "CTrailCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        // The SIMD byte search under the raw-text prefilters (C for movemask, which Swift lacks).
        .target(name: "CTrailSearch"),
        .target(name: "TrailBase", dependencies: ["CTrailSearch"], swiftSettings: strict),
        .target(name: "TrailColumnar", dependencies: ["TrailBase"], swiftSettings: strict),
        .target(name: "TrailSQL", dependencies: ["TrailBase"], swiftSettings: strict),
        .target(name: "TrailFunctions", dependencies: ["TrailBase", "TrailColumnar", "TrailJSON"], swiftSettings: strict),
        .target(name: "TrailJSON", dependencies: ["TrailBase", "TrailColumnar"], swiftSettings: strict),
        .target(name: "TrailSource", dependencies: ["TrailBase", "CTrailDeflate", "CTrailZlib"], swiftSettings: strict),
        .target(
            name: "TrailS3", dependencies: ["TrailBase", "TrailSource", "CTrailCurl", "CTrailCrypto"],
            swiftSettings: strict),
        .target(name: "TrailFilterPattern", dependencies: ["TrailBase", "TrailJSON"], swiftSettings: strict),
        .target(name: "TrailGenerator", dependencies: ["TrailBase", "TrailSource"], swiftSettings: strict),
        .target(
            name: "TrailPlan",
            dependencies: ["TrailBase", "TrailColumnar", "TrailSQL", "TrailJSON", "TrailFunctions"],
            swiftSettings: strict),
        .target(
            name: "TrailExec",
            dependencies: ["TrailBase", "TrailColumnar", "TrailPlan", "TrailFunctions", "TrailJSON"],
            swiftSettings: strict),
        .target(
            name: "TrailEngine",
            dependencies: [
                "TrailBase", "TrailColumnar", "TrailJSON", "TrailSource", "TrailFilterPattern", "TrailSQL", "TrailPlan",
                "TrailExec", "TrailFunctions", "TrailS3",
            ],
            swiftSettings: strict),
        .executableTarget(
            name: "trailsql",
            dependencies: [
                "TrailEngine", "TrailGenerator", "TrailSource", "TrailFilterPattern", "TrailBase", "TrailS3",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict),
        // Benchmarks/query-benchmark's yardstick: read + inflate only, on N threads.
        .executableTarget(
            name: "inflate-limit", dependencies: ["TrailBase", "TrailSource", "CTrailZlib"], path: "Benchmarks/InflateLimit",
            swiftSettings: strict),
        .target(
            name: "TrailTestSupport",
            dependencies: ["TrailBase", "TrailSource", "TrailGenerator"],
            path: "Tests/TrailTestSupport", swiftSettings: strict),
        .testTarget(name: "TrailBaseTests", dependencies: ["TrailBase", "CTrailSearch"], swiftSettings: strict),
        .testTarget(name: "TrailSQLTests", dependencies: ["TrailSQL", "TrailTestSupport"], swiftSettings: strict),
        .testTarget(name: "TrailFunctionsTests", dependencies: ["TrailFunctions", "TrailJSON"], swiftSettings: strict),
        .testTarget(name: "TrailJSONTests", dependencies: ["TrailJSON", "TrailColumnar", "TrailTestSupport"], swiftSettings: strict),
        .testTarget(name: "TrailSourceTests", dependencies: ["TrailSource", "TrailTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "TrailFilterPatternTests", dependencies: ["TrailFilterPattern", "TrailJSON", "TrailTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "TrailGeneratorTests", dependencies: ["TrailGenerator", "TrailSource", "TrailTestSupport"],
            swiftSettings: strict),
        .testTarget(
            name: "TrailEngineTests",
            dependencies: [
                "TrailEngine", "TrailExec", "TrailPlan", "TrailSQL", "TrailBase", "TrailSource", "TrailJSON", "TrailColumnar",
                "TrailTestSupport", "TrailGenerator", "TrailS3",
            ],
            swiftSettings: strict),
        .testTarget(name: "TrailS3Tests", dependencies: ["TrailS3", "TrailSource", "TrailTestSupport"], swiftSettings: strict),
        .testTarget(name: "CLITests", dependencies: ["TrailTestSupport"], swiftSettings: strict),
        .testTarget(
            name: "SQLLogicTests", dependencies: ["TrailEngine", "TrailExec", "TrailFunctions", "TrailColumnar", "TrailBase", "TrailSource"],
            exclude: [], swiftSettings: strict),
    ]
)
