import Foundation
import Yams

/// Reads typed fields out of a YAML mapping, recording a positioned diagnostic
/// for each problem instead of stopping at the first.
struct FieldReader {
    let path: String
    /// Added to YAML's own 1-based line numbers to get the line in the file.
    let lineOffset: Int
    private(set) var entries: [(key: String, keyNode: Node, value: Node)] = []
    var diagnostics: [Diagnostic] = []

    /// Parses `yaml`; on malformed YAML reports YAML's own position mapped to the file.
    init?(yaml: String, path: String, firstLine: Int, diagnostics: inout [Diagnostic]) {
        self.path = path
        self.lineOffset = firstLine - 1
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            diagnostics.append(Self.diagnostic(for: error, yaml: yaml, path: path, lineOffset: lineOffset))
            return nil
        } catch {
            diagnostics.append(.error(path, line: firstLine, "malformed YAML front matter: \(error)"))
            return nil
        }
        guard let root else { return }  // empty front matter: every field absent
        guard case .mapping(let mapping) = root else {
            diagnostics.append(
                .error(path, line: (root.mark?.line ?? 1) + lineOffset, column: root.mark?.column ?? 1,
                       "front matter must be YAML fields (`key: value`), one per line"))
            return nil
        }
        var seen: Set<String> = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else { continue }
            if !seen.insert(key).inserted {
                diagnostics.append(position(keyNode).diagnostic(.error, path, "`\(key)` is given twice"))
            }
            entries.append((key, keyNode, value))
        }
    }

    private static func diagnostic(for error: YamlError, yaml: String, path: String, lineOffset: Int) -> Diagnostic {
        switch error {
        case .duplicatedKeysInMapping(let duplicates, _):
            let key = duplicates.sorted().first ?? ""
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            let uses = lines.indices.filter { lines[$0].hasPrefix(key + ":") || lines[$0].hasPrefix("\"\(key)\":") }
            let line = (uses.dropFirst().first ?? uses.first ?? 0) + 1 + lineOffset
            return .error(path, line: line, column: 1, "`\(key)` is given twice; keep one")
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = (context.map { "\(problem) (\($0.text))" } ?? problem).replacingOccurrences(of: "\n", with: " ")
            return .error(path, line: mark.line + lineOffset, column: mark.column, "malformed YAML front matter: \(detail)")
        case .reader(let problem, _, _, _):
            return .error(path, line: lineOffset + 1, "malformed YAML front matter: \(problem)")
        default:
            let text = "\(error)".split(separator: "\n").first.map(String.init) ?? ""
            return .error(path, line: lineOffset + 1, "malformed YAML front matter: \(text)")
        }
    }

    func position(_ node: Node) -> SourcePosition {
        SourcePosition(line: (node.mark?.line ?? 1) + lineOffset, column: node.mark?.column ?? 1)
    }

    /// Where the value of `key` is written; the file's first line when the key is absent.
    func position(of key: String) -> SourcePosition {
        value(key).map(position) ?? SourcePosition(line: 1, column: 1)
    }

    func value(_ key: String) -> Node? { entries.first { $0.key == key }?.value }

    func isNull(_ node: Node) -> Bool {
        if case .scalar(let s) = node, s.style == .plain, ["", "~", "null", "Null", "NULL"].contains(s.string) { return true }
        return false
    }

    /// A text field; numbers and dates are taken as written.
    mutating func string(_ key: String) -> String? {
        guard let node = value(key), !isNull(node) else { return nil }
        guard case .scalar(let scalar) = node else {
            diagnostics.append(position(node).diagnostic(.error, path, "`\(key)` must be text, not a list or a mapping"))
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    mutating func required(_ key: String, what: String) -> String? {
        if let text = string(key) { return text }
        if let node = value(key), !isNull(node) {
            if case .scalar = node {
                diagnostics.append(position(node).diagnostic(.error, path, "`\(key)` is empty: \(what)"))
            }
        } else {
            diagnostics.append(.error(path, line: lineOffset + 1, column: 1, "missing `\(key)`: \(what)"))
        }
        return nil
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let node = value(key), !isNull(node) else { return nil }
        if let b = node.bool, case .scalar = node { return b }
        diagnostics.append(position(node).diagnostic(.error, path, "`\(key)` must be `true` or `false`"))
        return nil
    }

    mutating func integer(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let node = value(key), !isNull(node) else { return nil }
        if case .scalar = node, let n = node.int, range.contains(n) { return n }
        diagnostics.append(
            position(node).diagnostic(.error, path, "`\(key)` must be a whole number from \(range.lowerBound) to \(range.upperBound)"))
        return nil
    }

    /// A list field; a single text value is taken as a list of one.
    mutating func list(_ key: String) -> [(text: String, at: SourcePosition)] {
        guard let node = value(key), !isNull(node) else { return [] }
        switch node {
        case .scalar(let scalar):
            return [(scalar.string.trimmingCharacters(in: .whitespaces), position(node))]
        case .sequence(let sequence):
            var items: [(String, SourcePosition)] = []
            for item in sequence {
                if case .scalar(let scalar) = item {
                    items.append((scalar.string.trimmingCharacters(in: .whitespaces), position(item)))
                } else {
                    diagnostics.append(position(item).diagnostic(.error, path, "each entry of `\(key)` must be a single value"))
                }
            }
            return items
        default:
            diagnostics.append(position(node).diagnostic(.error, path, "`\(key)` must be a list, like `\(key): [a, b]`"))
            return []
        }
    }

    /// Warns about every key not in `known`, suggesting the nearest known one.
    mutating func warnUnknownKeys(known: [String]) {
        for entry in entries where !known.contains(entry.key) {
            var message = "unknown field `\(entry.key)` is ignored"
            if let suggestion = Suggestion.nearest(to: entry.key, among: known) {
                message += "; did you mean `\(suggestion)`?"
            }
            diagnostics.append(position(entry.keyNode).diagnostic(.warning, path, message))
        }
    }
}

extension SourcePosition {
    func diagnostic(_ severity: Severity, _ path: String, _ message: String) -> Diagnostic {
        Diagnostic(severity, path, line: line, column: column, message)
    }
}

/// "Did you mean …?" for misspelt field names.
enum Suggestion {
    static func nearest(to word: String, among candidates: [String]) -> String? {
        let lower = word.lowercased()
        let scored = candidates.map { ($0, distance(lower, $0)) }.filter { $0.1 <= max(2, lower.count / 3) }
        return scored.min { ($0.1, $0.0) < ($1.1, $1.0) }?.0
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1]
            for (j, cb) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
