import TrailBase

/// Recognises a CloudTrail document by its content and walks its records.
///
/// Handles `{"Records":[…]}` log files, JSON arrays of events, JSON lines (with or without the timestamp prefix of
/// CloudWatch Logs exports), Event history / LookupEvents output (`CloudTrailEvent` JSON strings), and reports
/// digest files and anything else. A malformed record is skipped and reported where the container allows it
/// (JSON lines, embedded strings, non-object elements); malformed JSON inside an array ends the file there.
public enum CloudTrailDocument {
    /// At most this many bad records are kept per file (all are counted).
    public static let maxProblemsKept = 20

    public static func read<V: RecordVisitor>(
        _ bytes: UnsafeRawBufferPointer, visitor: inout V, scratch: inout [UInt8]
    ) -> DocumentReport {
        var report = DocumentReport()
        var cursor = JSONCursor(bytes)
        // A UTF-8 byte order mark is tolerated.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { cursor.position = 3 }
        let first = cursor.peek()
        switch first {
        case 0:
            report.shape = .empty
            return report
        case 0x5B:
            readArray(&cursor, &visitor, &scratch, &report)
        case 0x7B:
            switch sniff(cursor) {
            case .logFile(let recordsOffset): readLogFile(&cursor, recordsOffset, &visitor, &report)
            case .lookupContainer(let eventsOffset): readLookupContainer(&cursor, eventsOffset, &visitor, &scratch, &report)
            case .event, .embedded: readLines(&cursor, &visitor, &scratch, &report)
            case .digest: report.shape = .digest
            case .unknown(let keys):
                report.failure = RecordProblem(
                    offset: cursor.position,
                    message: "not a CloudTrail log: the top-level object has no \"Records\" array and is not an event"
                        + (keys.isEmpty ? "" : " (keys: \(keys.prefix(6).joined(separator: ", "))\(keys.count > 6 ? ", …" : ""))"))
            case .invalid(let error):
                report.failure = RecordProblem(offset: error.offset, message: error.description)
            }
        default:
            if first.isASCIIDigit, let skip = timestampPrefixLength(cursor) {
                _ = skip
                readLines(&cursor, &visitor, &scratch, &report)
            } else {
                report.failure = RecordProblem(
                    offset: cursor.position,
                    message: "not a CloudTrail log: expected '{' or '[' but found \(JSONError.show(first))"
                        + (looksBinary(bytes) ? " (binary data; a compressed format other than gzip?)" : ""))
            }
        }
        return report
    }

    // MARK: recognising the first object

    enum Sniff {
        case logFile(recordsOffset: Int)
        case lookupContainer(eventsOffset: Int)
        case event
        case embedded
        case digest
        case unknown([String])
        case invalid(JSONError)
    }

    static let eventKeys: [String] = [
        "eventversion", "eventname", "eventsource", "eventtime", "useridentity", "eventid", "awsregion", "eventtype",
    ]

    /// Looks at the members of the first object to tell what the document is, without reading arrays twice.
    static func sniff(_ start: JSONCursor) -> Sniff {
        var cursor = start
        var keys: [String] = []
        var result: Sniff?
        var sawEventKey = false
        do throws(JSONError) {
            try cursor.expect(0x7B, .unexpectedByte)
            if cursor.peek() == 0x7D { return .unknown([]) }
            while result == nil {
                guard cursor.peek() == 0x22 else {
                    throw cursor.current == 0
                        ? JSONError(.unexpectedEnd, at: cursor.position) : JSONError(.expectedKey, at: cursor.position, byte: cursor.current)
                }
                let token = try cursor.scanString()
                var keyBytes: [UInt8] = []
                cursor.appendUnescaped(token, to: &keyBytes)
                let key = String(decoding: keyBytes, as: UTF8.self)
                try cursor.expect(0x3A, .expectedColon)
                let kind = cursor.peekKind()
                let lower = key.lowercased()
                if key == "Records" && kind == .array {
                    result = .logFile(recordsOffset: cursor.position)
                } else if (key == "Events" || key == "events") && kind == .array {
                    result = .lookupContainer(eventsOffset: cursor.position)
                } else if key == "CloudTrailEvent" {
                    result = .embedded
                } else if key == "digestStartTime" || key == "logFiles" || key == "previousDigestSignature" {
                    result = .digest
                } else {
                    // An event key alone does not decide: LookupEvents entries have `EventName` too, and their
                    // `CloudTrailEvent` may come later. Read the rest of this (single, small) object first.
                    if eventKeys.contains(lower) { sawEventKey = true } else { keys.append(key) }
                    try cursor.skipValue()
                    let after = cursor.peek()
                    if after == 0x2C {
                        cursor.position += 1
                    } else if after == 0x7D {
                        break
                    } else {
                        throw after == 0
                            ? JSONError(.unexpectedEnd, at: cursor.position)
                            : JSONError(.expectedCommaOrClose, at: cursor.position, byte: after)
                    }
                }
            }
        } catch {
            return .invalid(error)
        }
        if let result { return result }
        if sawEventKey { return .event }
        // A single-key `message` string holding an event (CloudWatch Logs filter-log-events entries) is embedded.
        return keys.contains("message") ? .embedded : .unknown(keys)
    }

    // MARK: containers

    static func readLogFile<V: RecordVisitor>(
        _ cursor: inout JSONCursor, _ recordsOffset: Int, _ visitor: inout V, _ report: inout DocumentReport
    ) {
        report.shape = .logFile
        cursor.position = recordsOffset
        do throws(JSONError) {
            try readEventArray(&cursor, &visitor, &report)
            // The rest of the top-level object (other keys, closing brace) must still be valid JSON.
            while true {
                let after = cursor.peek()
                if after == 0x7D {
                    cursor.position += 1
                    break
                }
                guard after == 0x2C else {
                    throw after == 0
                        ? JSONError(.unexpectedEnd, at: cursor.position) : JSONError(.expectedCommaOrClose, at: cursor.position, byte: after)
                }
                cursor.position += 1
                guard cursor.peek() == 0x22 else { throw JSONError(.expectedKey, at: cursor.position, byte: cursor.current) }
                try cursor.skipString()
                try cursor.expect(0x3A, .expectedColon)
                try cursor.skipValue()
            }
            try expectEnd(&cursor)
        } catch {
            report.failure = RecordProblem(offset: error.offset, message: error.description)
        }
    }

    static func readArray<V: RecordVisitor>(
        _ cursor: inout JSONCursor, _ visitor: inout V, _ scratch: inout [UInt8], _ report: inout DocumentReport
    ) {
        // An array of events, or of LookupEvents entries: decided by the first element.
        var probe = cursor
        probe.position += 1
        var embedded = false
        if probe.peek() == 0x7B, case .embedded = sniff(probe) { embedded = true }
        report.shape = embedded ? .embeddedEvents : .eventArray
        do throws(JSONError) {
            if embedded {
                try readEmbeddedArray(&cursor, &visitor, &scratch, &report)
            } else {
                try readEventArray(&cursor, &visitor, &report)
            }
            try expectEnd(&cursor)
        } catch {
            report.failure = RecordProblem(offset: error.offset, message: error.description)
        }
    }

    static func readLookupContainer<V: RecordVisitor>(
        _ cursor: inout JSONCursor, _ eventsOffset: Int, _ visitor: inout V, _ scratch: inout [UInt8],
        _ report: inout DocumentReport
    ) {
        report.shape = .embeddedEvents
        cursor.position = eventsOffset
        do throws(JSONError) {
            try readEmbeddedArray(&cursor, &visitor, &scratch, &report)
        } catch {
            report.failure = RecordProblem(offset: error.offset, message: error.description)
        }
    }

    /// Elements that are objects are records; anything else is a bad record, skipped.
    static func readEventArray<V: RecordVisitor>(
        _ cursor: inout JSONCursor, _ visitor: inout V, _ report: inout DocumentReport
    ) throws(JSONError) {
        try cursor.forEachElement { _, element throws(JSONError) in
            let offset = element.position
            if element.current == 0x7B {
                try visitor.visit(record: &element, fileOffset: offset)
                report.records += 1
            } else {
                let kind = element.peekKind()
                try element.skipValue()
                note(&report, RecordProblem(offset: offset, message: "record is not a JSON object (found \(kind))"))
            }
        }
    }

    static func readEmbeddedArray<V: RecordVisitor>(
        _ cursor: inout JSONCursor, _ visitor: inout V, _ scratch: inout [UInt8], _ report: inout DocumentReport
    ) throws(JSONError) {
        try cursor.forEachElement { _, element throws(JSONError) in
            try readEmbeddedEntry(&element, &visitor, &scratch, &report)
        }
    }

    /// One LookupEvents entry: finds `CloudTrailEvent` (or `message`) and visits the event it holds.
    static func readEmbeddedEntry<V: RecordVisitor>(
        _ cursor: inout JSONCursor, _ visitor: inout V, _ scratch: inout [UInt8], _ report: inout DocumentReport
    ) throws(JSONError) {
        let entryOffset = cursor.position
        guard cursor.current == 0x7B else {
            let kind = cursor.peekKind()
            try cursor.skipValue()
            note(&report, RecordProblem(offset: entryOffset, message: "entry is not a JSON object (found \(kind))"))
            return
        }
        var found = false
        try cursor.forEachMember { key, member throws(JSONError) in
            let isEvent = member.stringEquals(key, CloudTrailDocument.cloudTrailEventKey.rawBytes)
                || member.stringEquals(key, CloudTrailDocument.messageKey.rawBytes)
            guard isEvent, !found else {
                try member.skipValue()
                return
            }
            let valueOffset = member.position
            switch member.current {
            case 0x7B:
                found = true
                try visitor.visit(record: &member, fileOffset: valueOffset)
                report.records += 1
            case 0x22:
                found = true
                let token = try member.scanString()
                scratch.removeAll(keepingCapacity: true)
                member.appendUnescaped(token, to: &scratch)
                visitEmbedded(scratch, fileOffset: valueOffset, &visitor, &report)
            default:
                try member.skipValue()
            }
        }
        if !found {
            note(&report, RecordProblem(offset: entryOffset, message: "entry has no \"CloudTrailEvent\" holding an event"))
        }
    }

    static let cloudTrailEventKey: StaticString = "CloudTrailEvent"
    static let messageKey: StaticString = "message"

    /// Visits an event that arrived as JSON text inside a string; a bad one is a bad record, not a bad file.
    static func visitEmbedded<V: RecordVisitor>(
        _ text: [UInt8], fileOffset: Int, _ visitor: inout V, _ report: inout DocumentReport
    ) {
        text.withUnsafeBytes { inner in
            var cursor = JSONCursor(inner)
            do throws(JSONError) {
                guard cursor.peek() == 0x7B else {
                    throw JSONError(.notAnObject, at: cursor.position, byte: cursor.current == 0 ? nil : cursor.current)
                }
                // Validate the whole text first: trailing garbage must reject the event before it is visited.
                var probe = cursor
                try probe.skipValue()
                try expectEnd(&probe)
                try visitor.visit(record: &cursor, fileOffset: fileOffset)
                report.records += 1
            } catch {
                note(&report, RecordProblem(offset: fileOffset, message: "event inside the JSON string: \(error)"))
            }
        }
    }

    /// One value per line (or simply one after another). A bad line is skipped: reading resumes on the next line.
    static func readLines<V: RecordVisitor>(
        _ cursor: inout JSONCursor, _ visitor: inout V, _ scratch: inout [UInt8], _ report: inout DocumentReport
    ) {
        report.shape = .eventLines
        var sawEmbedded = false
        while true {
            let first = cursor.peek()
            if first == 0 { break }
            let lineStart = cursor.position
            do throws(JSONError) {
                if first.isASCIIDigit, let prefix = timestampPrefixLength(cursor) {
                    cursor.position += prefix
                    _ = cursor.peek()
                }
                guard cursor.current == 0x7B else {
                    throw JSONError(.notAnObject, at: cursor.position, byte: cursor.current == 0 ? nil : cursor.current)
                }
                if case .embedded = sniff(cursor) {
                    sawEmbedded = true
                    try readEmbeddedEntry(&cursor, &visitor, &scratch, &report)
                } else {
                    let offset = cursor.position
                    try visitor.visit(record: &cursor, fileOffset: offset)
                    report.records += 1
                }
                // The next value must start on a new line (or after whitespace).
                let after = cursor.position
                cursor.skipWhitespace()
                if cursor.position == after, !cursor.isAtEnd {
                    throw JSONError(.trailingContent, at: cursor.position, byte: cursor.current)
                }
            } catch {
                note(&report, RecordProblem(offset: error.offset, message: error.description))
                // Resynchronise on the next line after the error (or after the line start).
                var position = max(error.offset, lineStart)
                while position < cursor.end, cursor.base[position] != 0x0A { position += 1 }
                cursor.position = position
            }
        }
        if sawEmbedded { report.shape = .embeddedEvents }
    }

    // MARK: helpers

    static func expectEnd(_ cursor: inout JSONCursor) throws(JSONError) {
        if cursor.peek() != 0 { throw JSONError(.trailingContent, at: cursor.position, byte: cursor.current) }
    }

    static func note(_ report: inout DocumentReport, _ problem: RecordProblem) {
        if report.badRecords.count < maxProblemsKept { report.badRecords.append(problem) }
        report.badRecordCount += 1
    }

    /// Length of a `2024-01-02T03:04:05.678Z ` prefix (CloudWatch Logs export lines) at the cursor, if present.
    static func timestampPrefixLength(_ cursor: JSONCursor) -> Int? {
        var index = cursor.position
        let limit = min(cursor.end, index + 40)
        guard index + 11 < limit, cursor.base[index + 4] == 0x2D, cursor.base[index + 10] == 0x54 else { return nil }
        while index < limit, cursor.base[index] != 0x20 {
            let byte = cursor.base[index]
            guard byte.isASCIIDigit || byte == 0x2D || byte == 0x3A || byte == 0x54 || byte == 0x2E || byte == 0x5A || byte == 0x2B
            else { return nil }
            index += 1
        }
        guard index < limit, cursor.base[index] == 0x20 else { return nil }
        return index + 1 - cursor.position
    }

    static func looksBinary(_ bytes: UnsafeRawBufferPointer) -> Bool {
        bytes.prefix(64).contains { $0 < 0x09 }
    }
}

extension StaticString {
    var rawBytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: utf8Start, count: utf8CodeUnitCount) }
}
