// swift-tools-version: 6.1
// libFuzzer target for the CloudTrail JSON decoder. Build and run with ../run (see Docs/Fuzzing.md).
import PackageDescription

let package = Package(
    name: "fuzz-json",
    dependencies: [.package(name: "trailsql", path: "../..")],
    targets: [
        .executableTarget(
            name: "fuzz-json",
            dependencies: [.product(name: "TrailJSON", package: "trailsql")],
            swiftSettings: [.swiftLanguageMode(.v6)]),
    ]
)
