import Testing
@testable import TrailColumnar
import TrailEngine
import TrailJSON
import TrailSource
import TrailTestSupport

/// The cache's column form over every column of the real corpus: what is written reads back value for value,
/// repeated strings take the dictionary form, and damaged bytes are rejected, never trusted or trapped on.
@Suite("cache column codec")
struct ColumnCodecTests {
    /// Every column of every record of the real corpus, one batch (18,719 rows).
    static let corpus: Batch = {
        let paths = try! RealCorpus.dataFiles()
        let discovery = try! LocalDiscovery.discover(paths)
        let columns = CloudTrailSchema.allColumns.map(\.name)
        var batches: [Batch] = []
        ParallelScan.run(discovery.files, makeWorker: { try! DecodeWorker(columns: columns) }) { _, batch in
            if batch.count > 0 { batches.append(batch) }
        }
        let schema = batches[0].schema
        let merged = schema.indices.map { index in
            Column.concatenate(batches.map { $0.columns[index] }, type: schema[index].type)
        }
        return Batch(schema: schema, columns: merged, count: merged[0].count)
    }()

    static func roundTrip(_ column: Column, type: LogicalType) throws -> (Column, [UInt8]) {
        var blob: [UInt8] = []
        ColumnCodec.encode(column, into: &blob)
        var offset = 0
        let decoded = try blob.withUnsafeBytes { try ColumnCodec.decode($0, at: &offset, as: type) }
        #expect(offset == blob.count)
        return (decoded, blob)
    }

    static func expectSameValues(_ a: Column, _ b: Column, _ name: String) {
        #expect(a.count == b.count, "\(name)")
        var differing = 0
        for row in 0..<min(a.count, b.count) where a.value(at: row) != b.value(at: row) { differing += 1 }
        #expect(differing == 0, "\(name): \(differing) rows differ")
    }

    @Test("every column of the real corpus reads back value for value, whole and in segment-sized slices")
    func realColumnsRoundTrip() throws {
        let batch = Self.corpus
        #expect(batch.count == RealCorpus.expectedRecordCount)
        for (field, column) in zip(batch.schema, batch.columns) {
            let (decoded, _) = try Self.roundTrip(column, type: field.type)
            Self.expectSameValues(column, decoded, field.name)
            // A cache entry holds one segment (~1,000 records), the size the dictionary is built for.
            for start in stride(from: 0, to: batch.count, by: 997) {
                let rows = (start..<min(start + 997, batch.count)).map { Int32($0) }
                let slice = column.take(rows)
                let (back, _) = try Self.roundTrip(slice, type: field.type)
                Self.expectSameValues(slice, back, "\(field.name)[\(start)…]")
            }
        }
    }

    @Test("repeated strings are stored once with a code per row; unique ones stay plain")
    func dictionaryIsChosenWhereItPays() throws {
        let batch = Self.corpus
        func blob(_ name: String) throws -> (plainSize: Int, blob: [UInt8]) {
            let index = try #require(batch.schema.firstIndex { $0.name == name })
            guard case .varchar(let column) = batch.columns[index] else { Issue.record("\(name) is not varchar"); return (0, []) }
            let (_, blob) = try Self.roundTrip(batch.columns[index], type: batch.schema[index].type)
            return ((column.count + 1) * 4 + column.bytes.count, blob)
        }
        for name in ["eventname", "eventsource", "awsregion", "errorcode", "eventtype", "sourceipaddress"] {
            let (plain, encoded) = try blob(name)
            #expect(encoded.first == ColumnCodec.Tag.varcharDictionary.rawValue, "\(name)")
            #expect(encoded.count * 2 < plain, "\(name): \(encoded.count) bytes against \(plain) plain")
        }
        for name in ["eventid", "requestid"] {
            #expect(try blob(name).blob.first == ColumnCodec.Tag.varchar.rawValue, "\(name)")
        }
    }

    @Test("a damaged dictionary entry is rejected: every truncation, a code out of range, a bad width")
    func damagedDictionaryIsRejected() throws {
        let batch = Self.corpus
        let index = try #require(batch.schema.firstIndex { $0.name == "eventname" })
        let slice = batch.columns[index].take((0..<1_000).map { Int32($0) })
        let (_, blob) = try Self.roundTrip(slice, type: .varchar)
        try #require(blob.first == ColumnCodec.Tag.varcharDictionary.rawValue)
        func decodes(_ bytes: [UInt8]) -> Bool {
            var offset = 0
            return (try? bytes.withUnsafeBytes { try ColumnCodec.decode($0, at: &offset, as: .varchar) }) != nil
                && offset == bytes.count
        }
        for length in 0..<blob.count { #expect(!decodes(Array(blob[0..<length])), "truncated to \(length)") }
        // Fewer than 256 event names here: one byte per code, the codes last.
        var badCode = blob
        badCode[badCode.count - 1] = 0xFF
        #expect(!decodes(badCode))
        var badWidth = blob
        badWidth[blob.count - 1_000 - 1] = 3
        #expect(!decodes(badWidth))
    }
}
