import TrailBase

/// One step of a JSON path: an object key or an array index (`$.a.b[0].c` is key a, key b, index 0, key c).
public enum JSONPathComponent: Hashable, Sendable, CustomStringConvertible {
    case key(String)
    case index(Int)

    public var description: String {
        switch self {
        case .key(let name): return ".\(name)"
        case .index(let index): return "[\(index)]"
        }
    }
}

/// Where a path's value sits in the record, found in one pass over the record.
///
/// For strings `start..<end` is the content between the quotes (unescape it with `JSONCursor.appendUnescaped`);
/// for other kinds it is the value's bytes. `kind == .missing` when the path does not exist in the record.
public struct JSONValueRef: Sendable, Equatable {
    public var kind: JSONValueKind
    public var start: Int
    public var end: Int
    public var hasEscapes: Bool

    public static let missing = JSONValueRef(kind: .missing, start: 0, end: 0, hasEscapes: false)

    @inlinable
    public init(kind: JSONValueKind, start: Int, end: Int, hasEscapes: Bool) {
        self.kind = kind
        self.start = start
        self.end = end
        self.hasEscapes = hasEscapes
    }

    public var stringToken: StringToken { StringToken(start: start, end: end, hasEscapes: hasEscapes) }
}

/// A set of JSON paths compiled into a trie, extracted together in a single pass over each record.
///
/// Only the members on a path are looked at; every other value is skipped (and validated) without being
/// decoded. This is what lets `filter` read two fields of a 2 KB record at close to memory speed.
public struct JSONPathSet: Sendable {
    // PERF: a class, so visiting a node retains one reference instead of copying four arrays; the filter
    // helper measured that copy as most of the ~150–200 ns per record of path extraction.
    // Nodes are only mutated while the set is built, so sharing them across threads is safe.
    final class Node: @unchecked Sendable {
        var keys: [[UInt8]] = []
        var keyChildren: [Int] = []
        var indexes: [Int] = []
        var indexChildren: [Int] = []
        var slot: Int = -1
        var isLeaf: Bool { keys.isEmpty && indexes.isEmpty }
    }

    private let nodes: [Node]
    /// The paths, in slot order.
    public let paths: [[JSONPathComponent]]
    /// Whether object keys match case-insensitively (Athena's SerDe) or exactly (CloudWatch filter patterns).
    public let caseInsensitiveKeys: Bool

    /// Compiles `paths`; the value of `paths[i]` lands in slot `i`. Duplicate paths share a node.
    public init(_ paths: [[JSONPathComponent]], caseInsensitiveKeys: Bool = false) {
        self.paths = paths
        self.caseInsensitiveKeys = caseInsensitiveKeys
        var nodes: [Node] = [Node()]
        var slotsOfNodes: [Int: Int] = [:]
        for (slot, path) in paths.enumerated() {
            var node = 0
            for component in path {
                switch component {
                case .key(let name):
                    var bytes = Array(name.utf8)
                    if caseInsensitiveKeys { bytes = bytes.map(\.asciiLowercased) }
                    if let at = nodes[node].keys.firstIndex(of: bytes) {
                        node = nodes[node].keyChildren[at]
                    } else {
                        nodes.append(Node())
                        nodes[node].keys.append(bytes)
                        nodes[node].keyChildren.append(nodes.count - 1)
                        node = nodes.count - 1
                    }
                case .index(let index):
                    if let at = nodes[node].indexes.firstIndex(of: index) {
                        node = nodes[node].indexChildren[at]
                    } else {
                        nodes.append(Node())
                        nodes[node].indexes.append(index)
                        nodes[node].indexChildren.append(nodes.count - 1)
                        node = nodes.count - 1
                    }
                }
            }
            if nodes[node].slot < 0 {
                nodes[node].slot = slot
            } else {
                slotsOfNodes[slot] = nodes[node].slot
            }
        }
        aliases = slotsOfNodes
        self.nodes = nodes
    }

    /// Slots whose path duplicates an earlier one: slot → the earlier slot.
    private let aliases: [Int: Int]

    public var count: Int { paths.count }

    /// Reads the value at the cursor (usually a whole record) and fills `values[slot]` for every path.
    /// `values` is resized to `count` and reset to `.missing` first. The cursor ends after the value.
    public func extract(_ cursor: inout JSONCursor, into values: inout [JSONValueRef]) throws(JSONError) {
        if values.count != paths.count {
            values = Array(repeating: .missing, count: paths.count)
        } else {
            for index in values.indices { values[index] = .missing }
        }
        try visit(node: 0, &cursor, &values)
        for (slot, original) in aliases { values[slot] = values[original] }
    }

    private func visit(node index: Int, _ cursor: inout JSONCursor, _ values: inout [JSONValueRef]) throws(JSONError) {
        let node = nodes[index]
        let kind = cursor.peekKind()
        let start = cursor.position
        var ref = JSONValueRef(kind: kind, start: start, end: start, hasEscapes: false)
        switch kind {
        case .string:
            let token = try cursor.scanString()
            ref = JSONValueRef(kind: .string, start: token.start, end: token.end, hasEscapes: token.hasEscapes)
        case .object where !node.keys.isEmpty:
            try cursor.forEachMember { key, member throws(JSONError) in
                if let child = match(key, in: node, member) {
                    try visit(node: child, &member, &values)
                } else {
                    try member.skipValue()
                }
            }
            ref.end = cursor.position
        case .array where !node.indexes.isEmpty:
            try cursor.forEachElement { position, element throws(JSONError) in
                if let at = node.indexes.firstIndex(of: position) {
                    try visit(node: node.indexChildren[at], &element, &values)
                } else {
                    try element.skipValue()
                }
            }
            ref.end = cursor.position
        default:
            try cursor.skipValue()
            ref.end = cursor.position
        }
        if node.slot >= 0 { values[node.slot] = ref }
    }

    @inline(__always)
    private func match(_ key: StringToken, in node: Node, _ cursor: JSONCursor) -> Int? {
        if key.hasEscapes {
            var scratch: [UInt8] = []
            cursor.appendUnescaped(key, to: &scratch)
            if caseInsensitiveKeys { scratch = scratch.map(\.asciiLowercased) }
            return node.keys.firstIndex(of: scratch).map { node.keyChildren[$0] }
        }
        let count = key.count
        let bytes = cursor.base + key.start
        candidates: for (at, candidate) in node.keys.enumerated() where candidate.count == count {
            if caseInsensitiveKeys {
                for offset in 0..<count where bytes[offset].asciiLowercased != candidate[offset] { continue candidates }
            } else {
                for offset in 0..<count where bytes[offset] != candidate[offset] { continue candidates }
            }
            return node.keyChildren[at]
        }
        return nil
    }
}
