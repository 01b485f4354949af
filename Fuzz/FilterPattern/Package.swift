// swift-tools-version: 6.1
// libFuzzer target for the filter-pattern language (parser, printer, compiled matcher).
// Build and run with ../run (see Docs/FilterPatterns.md, "Fuzzing").
import PackageDescription

let package = Package(
    name: "fuzz-filterpattern",
    dependencies: [.package(name: "trailsql", path: "../..")],
    targets: [
        .executableTarget(
            name: "fuzz-filterpattern",
            dependencies: [
                .product(name: "TrailFilterPattern", package: "trailsql"),
                .product(name: "TrailJSON", package: "trailsql"),
                .product(name: "TrailBase", package: "trailsql"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]),
    ]
)
