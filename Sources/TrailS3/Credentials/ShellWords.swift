/// Splits a command line into words as Python's `shlex.split` does (POSIX mode), which botocore uses for
/// `credential_process` before running it directly, without a shell: whitespace separates words; `'…'` keeps
/// everything; `"…"` keeps everything but `\"` and `\\`; a backslash outside quotes keeps the next character.
/// No variables, globs, pipes or comments.
///
///     ShellWords.split(#"/opt/get-creds --name "my role" 'a b'"#)  // ["/opt/get-creds", "--name", "my role", "a b"]
enum ShellWords {
    struct SplitError: Error, Sendable {
        var message: String
    }

    static func split(_ line: String) throws(SplitError) -> [String] {
        enum Quoting { case none, single, double }
        let bytes = Array(line.utf8)
        var words: [String] = []
        var word: [UInt8]?  // nil between words; empty after `''`
        var quoting = Quoting.none
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch quoting {
            case .none:
                switch byte {
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    if let finished = word { words.append(String(decoding: finished, as: UTF8.self)) }
                    word = nil
                case UInt8(ascii: "'"):
                    quoting = .single
                    word = word ?? []
                case UInt8(ascii: "\""):
                    quoting = .double
                    word = word ?? []
                case UInt8(ascii: "\\"):
                    index += 1
                    guard index < bytes.count else { throw SplitError(message: "a trailing backslash") }
                    word = (word ?? []) + [bytes[index]]
                default:
                    word = (word ?? []) + [byte]
                }
            case .single:
                if byte == UInt8(ascii: "'") { quoting = .none } else { word?.append(byte) }
            case .double:
                if byte == UInt8(ascii: "\"") {
                    quoting = .none
                } else if byte == UInt8(ascii: "\\"), index + 1 < bytes.count,
                          bytes[index + 1] == UInt8(ascii: "\"") || bytes[index + 1] == UInt8(ascii: "\\")
                {
                    index += 1
                    word?.append(bytes[index])
                } else {
                    word?.append(byte)
                }
            }
            index += 1
        }
        guard quoting == .none else { throw SplitError(message: "a quotation without its closing quote") }
        if let finished = word { words.append(String(decoding: finished, as: UTF8.self)) }
        return words
    }
}
