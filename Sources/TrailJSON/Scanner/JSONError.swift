import TrailBase

/// A malformed-JSON error: what was wrong and the byte offset where the scanner noticed it.
///
/// A small POD so that the scanner can use typed throws without boxing (SE-0413).
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: UInt8, Sendable {
        case unexpectedEnd
        case unexpectedByte
        case invalidEscape
        case invalidNumber
        case controlCharacterInString
        case nestingTooDeep
        case invalidLiteral
        case expectedColon
        case expectedKey
        case expectedCommaOrClose
        case trailingContent
        case notAnObject
        case notCloudTrail
    }

    public var code: Code
    /// Byte offset in the buffer being scanned.
    public var offset: Int
    /// The offending byte, when there was one.
    public var byte: UInt8?

    public init(_ code: Code, at offset: Int, byte: UInt8? = nil) {
        self.code = code
        self.offset = offset
        self.byte = byte
    }

    /// The same error with its offset moved by `delta` (when a sub-buffer was scanned).
    public func shifted(by delta: Int) -> JSONError { JSONError(code, at: offset + delta, byte: byte) }

    public var description: String {
        let found = byte.map { " (found \(Self.show($0)))" } ?? ""
        switch code {
        case .unexpectedEnd: return "unexpected end of JSON input at byte \(offset)"
        case .unexpectedByte: return "invalid JSON at byte \(offset): expected a value\(found)"
        case .invalidEscape: return "invalid escape sequence in JSON string at byte \(offset)\(found)"
        case .invalidNumber: return "invalid JSON number at byte \(offset)\(found)"
        case .controlCharacterInString: return "unescaped control character in JSON string at byte \(offset)\(found)"
        case .nestingTooDeep: return "JSON nesting deeper than \(InputLimits.maxJSONDepth) levels at byte \(offset)"
        case .invalidLiteral: return "invalid JSON literal at byte \(offset)\(found)"
        case .expectedColon: return "invalid JSON at byte \(offset): expected ':' after an object key\(found)"
        case .expectedKey: return "invalid JSON at byte \(offset): expected a string key\(found)"
        case .expectedCommaOrClose: return "invalid JSON at byte \(offset): expected ',' or a closing bracket\(found)"
        case .trailingContent: return "unexpected content after the JSON value at byte \(offset)\(found)"
        case .notAnObject: return "record at byte \(offset) is not a JSON object\(found)"
        case .notCloudTrail: return "not a CloudTrail log at byte \(offset)"
        }
    }

    static func show(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}

