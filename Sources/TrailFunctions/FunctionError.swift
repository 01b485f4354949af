/// A function failed on its input the way Trino fails (e.g. `from_iso8601_timestamp('x')`): the message is
/// Trino's, so users recognise it.
public struct FunctionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var function: String
    public var message: String

    public init(function: String, message: String) {
        self.function = function
        self.message = message
    }

    public var description: String { "\(function): \(message)" }
}
