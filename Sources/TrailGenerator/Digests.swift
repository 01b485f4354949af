import Foundation
import TrailSource

/// The hash and event-time range of one written log file, for the digest that lists it.
struct FileDigest: Sendable {
    var hash: [UInt8]
    var oldest: Int64
    var newest: Int64
}

extension LogGenerator {
    /// Writes hourly digest files for every (account, region), chained by `previousDigestHashValue`, listing the
    /// log files delivered in each hour with the SHA-256 of their uncompressed content. CloudTrail signs digests
    /// with its private keys; the signatures here are random placeholders, so only hashes and the chain validate.
    func writeDigests(files: [PlannedFile], hashes: [Int: FileDigest]) throws -> Int {
        let nA = world.accounts.count
        let nR = world.regions.count
        var byStream = [[Int]](repeating: [], count: nA * nR)
        for (i, f) in files.enumerated() { byStream[f.accountIndex * nR + f.regionIndex].append(i) }
        for s in byStream.indices {
            byStream[s].sort { (files[$0].deliveryTime, $0) < (files[$1].deliveryTime, $1) }
        }
        let lastDelivery = files.map(\.deliveryTime).max() ?? startTime
        let root = options.outputDirectory
        var written = 0
        for a in 0..<nA {
            let acct = options.accounts[a]
            let underOrg = options.organizationTrail && nA > 1 && a > 0
            let base = underOrg ? "AWSLogs/\(String(decoding: world.orgID, as: UTF8.self))/\(acct)/" : "AWSLogs/\(acct)/"
            let bucket = world.accounts[underOrg ? 0 : a].trailBucket
            let trail = underOrg ? "org-trail" : "management-events"
            for r in 0..<nR {
                let region = options.regions[r]
                var rng = TrailRandom(seed: options.seed, 0xD16E, UInt64(a), UInt64(r))
                let offset = Int64(60 + rng.below(3480))
                var fingerprint = JSONOut(capacity: 32)
                fingerprint.hex(&rng, 32)
                var previous: (key: [UInt8], hash: [UInt8])? = nil
                var end = startTime + offset
                let list = byStream[a * nR + r]
                var cursor = 0
                while end - 3600 <= lastDelivery {
                    let begin = end - 3600
                    var o = JSONOut(capacity: 4096)
                    let c = CivilTime(epochSeconds: end)
                    var key = JSONOut(capacity: 160)
                    key.raw(Array(base.utf8))
                    key.raw("CloudTrail-Digest/")
                    key.raw(Array(region.utf8))
                    key.byte(0x2F)
                    key.padded(c.year, width: 4)
                    key.byte(0x2F)
                    key.padded(c.month, width: 2)
                    key.byte(0x2F)
                    key.padded(c.day, width: 2)
                    key.byte(0x2F)
                    key.raw(Array("\(acct)_CloudTrail-Digest_\(region)_\(trail)_\(region)_".utf8))
                    key.padded(c.year, width: 4)
                    key.padded(c.month, width: 2)
                    key.padded(c.day, width: 2)
                    key.byte(0x54)
                    key.padded(c.hour, width: 2)
                    key.padded(c.minute, width: 2)
                    key.padded(c.second, width: 2)
                    key.raw("Z.json.gz")

                    var entries: [Int] = []
                    while cursor < list.count && files[list[cursor]].deliveryTime < end {
                        if files[list[cursor]].deliveryTime >= begin { entries.append(list[cursor]) }
                        cursor += 1
                    }
                    let oldest = entries.compactMap { hashes[$0]?.oldest }.min()
                    let newest = entries.compactMap { hashes[$0]?.newest }.max()
                    o.raw(#"{"awsAccountId":""#)
                    o.raw(Array(acct.utf8))
                    o.raw(#"","digestStartTime":""#)
                    o.isoTime(begin)
                    o.raw(#"","digestEndTime":""#)
                    o.isoTime(end)
                    o.raw(#"","digestS3Bucket":""#)
                    o.raw(bucket)
                    o.raw(#"","digestS3Object":""#)
                    o.raw(key.bytes)
                    o.raw(#"","digestPublicKeyFingerprint":""#)
                    o.raw(fingerprint.bytes)
                    o.raw(#"","digestSignatureAlgorithm":"SHA256withRSA","newestEventTime":"#)
                    if let newest { o.byte(0x22); o.isoTime(newest); o.byte(0x22) } else { o.raw("null") }
                    o.raw(#","oldestEventTime":"#)
                    if let oldest { o.byte(0x22); o.isoTime(oldest); o.byte(0x22) } else { o.raw("null") }
                    if let previous {
                        o.raw(#","previousDigestS3Bucket":""#)
                        o.raw(bucket)
                        o.raw(#"","previousDigestS3Object":""#)
                        o.raw(previous.key)
                        o.raw(#"","previousDigestHashValue":""#)
                        o.raw(SHA256.hex(previous.hash))
                        o.raw(#"","previousDigestHashAlgorithm":"SHA-256","previousDigestSignature":""#)
                        o.hex(&rng, 512)
                        o.byte(0x22)
                    } else {
                        o.raw(#","previousDigestS3Bucket":null,"previousDigestS3Object":null,"previousDigestHashValue":null,"previousDigestHashAlgorithm":null,"previousDigestSignature":null"#)
                    }
                    o.raw(#","logFiles":["#)
                    for (n, i) in entries.enumerated() {
                        if n > 0 { o.byte(0x2C) }
                        let f = files[i]
                        let d = hashes[i]
                        o.raw(#"{"s3Bucket":""#)
                        o.raw(bucket)
                        o.raw(#"","s3Object":""#)
                        o.raw(Array(f.relativePath.utf8))
                        o.raw(#"","hashValue":""#)
                        o.raw(SHA256.hex(d?.hash ?? []))
                        o.raw(#"","hashAlgorithm":"SHA-256","newestEventTime":""#)
                        o.isoTime(d?.newest ?? f.windowStart)
                        o.raw(#"","oldestEventTime":""#)
                        o.isoTime(d?.oldest ?? f.windowStart)
                        o.raw(#""}"#)
                    }
                    o.raw("]}")
                    let path = root + "/" + String(decoding: key.bytes, as: UTF8.self)
                    let dir = String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)])
                    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
                    try LogGenerator.writeFile(path, GzipWriter.compress(o.bytes, level: options.gzipLevel))
                    written += 1
                    previous = (key.bytes, SHA256.hash(o.bytes))
                    end += 3600
                }
            }
        }
        return written
    }
}
