import ArgumentParser
import Foundation
import TrailEngine

struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Show or clear the cache of decoded columns that makes repeated queries fast.",
        discussion: """
            `trailsql query` keeps the columns it decodes, per run of log files of one folder, and serves them again \
            while every file keeps its path, size and modification time. Entries are checked (CRC-32) on every read; \
            a corrupt one is deleted and rebuilt.

              trailsql cache stats
              trailsql cache clear --cache /tmp/trailsql-cache
            """,
        subcommands: [Stats.self, Clear.self])

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Entries, size, files and events in the cache.")
        @OptionGroup var options: CacheOptions

        func run() throws {
            guard let cache = options.segmentCache else { throw ValidationError("no cache directory (pass --cache DIR)") }
            let statistics = cache.statistics()
            print("cache:    \(cache.directory)")
            print("entries:  \(statistics.entries)")
            print("size:     \(statistics.bytes) bytes (limit \(cache.sizeLimit))")
            print("files:    \(statistics.files) log files")
            print("events:   \(statistics.rows)")
            if statistics.views > 0 {
                print("searches: \(statistics.views) entries keep \(statistics.viewRows) events of \(statistics.viewFiles) files for queries with search text")
            }
            if statistics.corrupt > 0 { print("corrupt:  \(statistics.corrupt) (rebuilt when next needed)") }
        }
    }

    struct Clear: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete every entry.")
        @OptionGroup var options: CacheOptions

        func run() throws {
            guard let cache = options.segmentCache else { throw ValidationError("no cache directory (pass --cache DIR)") }
            let deleted = cache.clear()
            print("deleted \(deleted) entr\(deleted == 1 ? "y" : "ies") from \(cache.directory)")
        }
    }
}
