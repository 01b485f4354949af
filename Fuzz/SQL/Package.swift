// swift-tools-version: 6.1
// libFuzzer target for the SQL front end (lexer, parser, printer). Build and run with ../run (see ../../Docs/SQL.md):
//   ../run 300 sql
// or by hand:
//   swift build -c release --sanitize=fuzzer --scratch-path .build-fuzz
//   SWIFT_BACKTRACE=enable=no .build-fuzz/release/fuzz-sql -dict=sql.dict -max_total_time=300 ../corpus-sql ../seeds/sql
import PackageDescription

let package = Package(
    name: "fuzz-sql",
    dependencies: [.package(name: "trailsql", path: "../..")],
    targets: [
        .executableTarget(
            name: "fuzz-sql",
            dependencies: [.product(name: "TrailSQL", package: "trailsql")],
            swiftSettings: [.swiftLanguageMode(.v6)]),
    ]
)
