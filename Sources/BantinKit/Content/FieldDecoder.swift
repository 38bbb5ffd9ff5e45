import Foundation
import Yams

/// Decodes a `FrontMatterFields` model from the fields a `FieldReader` read, through the model's
/// own `Decodable` conformance: every key it declares is looked up (in snake case), every value
/// checked, and every problem recorded as a positioned diagnostic, never only the first. A field
/// with a problem takes its default, so that the fields after it are still checked.
enum FieldDecoding {
    static func decode<Model: FrontMatterFields>(_ type: Model.Type, from reader: FieldReader, zone: SiteTimeZone) -> Decoded<Model> {
        var reader = reader
        reader.readWithoutCurlyQuotes()
        let state = FieldDecodingState(reader: reader, zone: zone, defaults: FieldDefaults.of(Model.self), required: Model.required)
        let fields = (try? Model(from: FieldDocumentDecoder(state: state))) ?? Model()
        reader.warnUnknownKeys(known: state.asked, zone: zone)
        return Decoded(fields: fields, positions: state.positions, diagnostics: state.diagnostics + reader.diagnostics)
    }

    /// A model as read from front matter, where each of its fields was written, and the problems found.
    struct Decoded<Model> {
        var fields: Model
        var positions: FieldPositions
        var diagnostics: [Diagnostic]
    }

    /// For a file named by its date, as Jekyll's posts are (`2021-03-04-nghe-an.md`): that date as
    /// the field to write, after a `missing `date`` (else nothing).
    static func dateOfFileName(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let digits = { (part: Substring) in part.allSatisfy { $0.isASCII && $0.isNumber } }
        let parts = name.split(separator: "-", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2, parts.prefix(3).allSatisfy(digits) else { return "" }
        // Only a day of the calendar (not `2021-02-30`), which bantin then reads.
        let date = parts.prefix(3).joined(separator: "-")
        guard DateParser.parse(date, in: .utc) != nil else { return "" }
        return " (its file's name begins with its date, as a Jekyll post's does: `date: \(date)`)"
    }

    /// `imageAlt` → `image_alt`, `baseURL` → `base_url`.
    static func key(_ property: String) -> String {
        // Property names are ASCII: read as bytes, with no Unicode tables.
        let isUpper = { (byte: UInt8) in byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
        guard property.utf8.contains(where: isUpper) else { return property }
        var out: [UInt8] = []
        var previousWasLower = false
        for byte in property.utf8 {
            if isUpper(byte) {
                if previousWasLower { out.append(UInt8(ascii: "_")) }
                out.append(byte + 32)
                previousWasLower = false
            } else {
                out.append(byte)
                previousWasLower = byte != UInt8(ascii: "_")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A problem with one value, in words for the editor (the decoder adds file, line and column).
struct FieldError: Error {
    let message: String
}

extension CodingUserInfoKey {
    /// The site timezone, given to values decoded from front matter (dates without a zone use it).
    static let siteTimeZone = CodingUserInfoKey(rawValue: "bantin.siteTimeZone")!
}

extension Decoder {
    /// The front-matter key being decoded, for messages.
    var fieldName: String { codingPath.first?.stringValue ?? "value" }
}

/// Where each front-matter value (and each item of a list) was written, for the checks made
/// after reading. Kept packed, as it is stored in the article cache (keys, then numbers): every
/// article has a score of positions, and only a diagnostic ever asks for one.
public struct FieldPositions: Sendable, Hashable, Codable {
    /// The keys, each followed by a newline.
    private var keys = ""
    /// For each key in order: line, column, item count, then each item's line and column (Int32s).
    private var numbers: [UInt8] = []

    public init() {}

    /// Where the value of `key` is written.
    public func of(_ key: String) -> SourcePosition? { find(key)?.position }

    /// The keys written, in the order written.
    var keyNames: [Substring] { keys.split(separator: "\n") }

    /// The same, as one text (most articles of a bulletin write the same keys in the same order).
    var keysWritten: String { keys }

    /// Where item `index` of the list `key` is written (its value's position when not a list).
    public func item(_ key: String, _ index: Int) -> SourcePosition? {
        guard let entry = find(key) else { return nil }
        return entry.items.indices.contains(index) ? entry.items[index] : entry.position
    }

    /// The lines `key`'s value and items are written on.
    public func lines(of key: String) -> ClosedRange<Int>? {
        guard let entry = find(key) else { return nil }
        let lines = [entry.position.line] + entry.items.map(\.line)
        return lines.min()!...lines.max()!
    }

    /// Records where `key`'s value (and items) are, in place of what was recorded for it.
    mutating func record(_ key: String, at position: SourcePosition, items: [SourcePosition] = []) {
        var kept = FieldPositions()
        for entry in entries() where entry.key != key { kept.append(entry.key, at: entry.position, items: entry.items) }
        kept.append(key, at: position, items: items)
        self = kept
    }

    /// Records a key not recorded yet.
    mutating func append(_ key: String, at position: SourcePosition, items: [SourcePosition] = []) {
        keys += key
        keys += "\n"
        func add(_ n: Int) { withUnsafeBytes(of: Int32(truncatingIfNeeded: n).littleEndian) { numbers.append(contentsOf: $0) } }
        add(position.line)
        add(position.column)
        add(items.count)
        for item in items {
            add(item.line)
            add(item.column)
        }
    }

    private func find(_ key: String) -> (key: String, position: SourcePosition, items: [SourcePosition])? {
        entries().first { $0.key == key }
    }

    /// Every recorded key with its positions, unpacked.
    private func entries() -> [(key: String, position: SourcePosition, items: [SourcePosition])] {
        var offset = 0
        func next() -> Int {
            guard offset + 4 <= numbers.count else { return 0 }
            defer { offset += 4 }
            return Int(Int32(littleEndian: numbers.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: Int32.self) }))
        }
        return keys.split(separator: "\n").map { key in
            let position = SourcePosition(line: next(), column: next())
            let count = max(0, min(next(), numbers.count / 8))
            return (String(key), position, (0..<count).map { _ in SourcePosition(line: next(), column: next()) })
        }
    }
}

/// What one decoding shares between its containers.
final class FieldDecodingState {
    var reader: FieldReader
    let zone: SiteTimeZone
    let defaults: [String: Any]
    let required: [String: String]
    var diagnostics: [Diagnostic] = []
    var positions = FieldPositions()
    /// Keys the model asked for: every key it declares.
    var asked: [String] = []
    /// What values decoded from front matter are told (the site timezone), made once.
    let userInfo: [CodingUserInfoKey: Any]

    init(reader: FieldReader, zone: SiteTimeZone, defaults: [String: Any], required: [String: String]) {
        self.reader = reader
        self.zone = zone
        self.defaults = defaults
        self.required = required
        userInfo = [.siteTimeZone: zone]
        asked.reserveCapacity(defaults.count)
    }

    func report(_ message: String, at position: SourcePosition) {
        diagnostics.append(position.diagnostic(.error, reader.path, message))
    }

    func warn(_ message: String, at position: SourcePosition) {
        diagnostics.append(position.diagnostic(.warning, reader.path, message))
    }

    /// The value written for `key`, unless absent or null (`~`, empty).
    func given(_ key: String) -> FieldValue? {
        asked.append(key)
        guard let value = reader.value(key), !reader.isNull(value) else { return nil }
        return value
    }

    /// `value` as a `T`, or `nil` after reporting why it is not one.
    func decode<T: Decodable>(_ type: T.Type, _ value: FieldValue, key: String) -> T? {
        let single = FieldValueDecoder(value: value, key: key, state: self)
        do {
            // Plain types told apart by their type, without a dynamic cast (every field of every article comes here).
            let decoded: T
            if T.self == String.self {
                decoded = unsafeBitCast(try single.decode(String.self), to: T.self)
            } else if T.self == Bool.self {
                decoded = unsafeBitCast(try single.decode(Bool.self), to: T.self)
            } else if T.self == Int.self {
                decoded = unsafeBitCast(try single.decode(Int.self), to: T.self)
            } else if let list = T.self as? any FieldList.Type {
                return list.decodeItems(value, key: key, state: self) as? T
            } else if let nodeType = T.self as? any NodeDecodable.Type {
                guard let node = value.node, let read = nodeType.init(node: node) as? T else {
                    throw FieldError(message: value.node.flatMap { nodeType.problem(in: $0, key: key) } ?? "`\(key)` must be \(nodeType.expected)")
                }
                decoded = read
            } else {
                decoded = try T(from: single)
            }
            positions.append(key, at: value.position)
            return decoded
        } catch let error as FieldError {
            report(error.message, at: value.position)
        } catch {
            report("`\(key)` has a value bantin cannot read", at: value.position)
        }
        return nil
    }
}

/// A list field: each item decoded on its own, a bad one reported and left out, and a single
/// value taken as a list of one.
protocol FieldList {
    static func decodeItems(_ value: FieldValue, key: String, state: FieldDecodingState) -> Self
}

extension Array: FieldList where Element: Decodable {
    static func decodeItems(_ value: FieldValue, key: String, state: FieldDecodingState) -> [Element] {
        let items: [FieldValue]
        switch value.shape {
        case .scalar: items = [value]
        case .list(let list): items = list
        case .other:
            state.report("`\(key)` must be a list, like `\(key): [a, b]`", at: value.position)
            return []
        }
        var decoded: [Element] = []
        var positions: [SourcePosition] = []
        for item in items {
            guard case .scalar = item.shape else {
                state.report("each entry of `\(key)` must be a single value", at: item.position)
                continue
            }
            do {
                decoded.append(try Element(from: FieldValueDecoder(value: item, key: key, state: state)))
                positions.append(item.position)
            } catch {
                state.report((error as? FieldError)?.message ?? "an entry of `\(key)` has a value bantin cannot read", at: item.position)
            }
        }
        // An empty list (`themes: []`, as `bantin new` writes) shows nothing, as an absent one: the
        // templates' link check takes the keys written for what a page shows (`TemplateLinks`).
        if !items.isEmpty { state.positions.append(key, at: value.position, items: positions) }
        return decoded
    }
}

/// A value read from the YAML node itself (a mapping of anything, such as `params`).
protocol NodeDecodable {
    init?(node: Node)
    /// What the value must be, for the message when it is not (`a mapping of names to values`).
    static var expected: String { get }
    /// What is wrong with a value `init(node:)` refused, in words that name the wrong part;
    /// `nil` to say what the value must be (`expected`).
    static func problem(in node: Node, key: String) -> String?
}

extension NodeDecodable {
    static func problem(in node: Node, key: String) -> String? { nil }
}

/// Each property's default, by front-matter key: what an absent or unreadable field takes.
/// Found once per model type (by reflecting its `init()`).
enum FieldDefaults {
    private nonisolated(unsafe) static var known: [ObjectIdentifier: (defaults: [String: Any], names: [String])] = [:]
    private static let lock = NSLock()

    static func of<Model: FrontMatterFields>(_ type: Model.Type) -> [String: Any] { reflected(type).defaults }

    /// The model's front-matter keys, in the order of its properties.
    static func names<Model: FrontMatterFields>(of type: Model.Type) -> [String] { reflected(type).names }

    private static func reflected<Model: FrontMatterFields>(_ type: Model.Type) -> (defaults: [String: Any], names: [String]) {
        lock.lock()
        defer { lock.unlock() }
        if let found = known[ObjectIdentifier(type)] { return found }
        var found: (defaults: [String: Any], names: [String]) = ([:], [])
        for child in Mirror(reflecting: Model()).children {
            guard let label = child.label else { continue }
            found.defaults[FieldDecoding.key(label)] = child.value
            found.names.append(FieldDecoding.key(label))
        }
        known[ObjectIdentifier(type)] = found
        return found
    }
}
