// swift-tools-version: 6.1
// libFuzzer target for the S3/STS response readers (XML). Build and run with ../run (see Docs/Fuzzing.md).
import PackageDescription

let package = Package(
    name: "fuzz-xml",
    dependencies: [.package(name: "trailsql", path: "../..")],
    targets: [
        .executableTarget(
            name: "fuzz-xml",
            dependencies: [.product(name: "TrailS3", package: "trailsql")],
            swiftSettings: [.swiftLanguageMode(.v6)]),
    ]
)
