import Foundation
import Yams

/// One field's value: its shape and where it is written.
struct FieldValue {
    enum Shape {
        case scalar(Node.Scalar)
        case list([FieldValue])
        /// A mapping or anything else no field of an article takes.
        case other
    }

    let shape: Shape
    let position: SourcePosition
    /// The node as Yams read it, when it did (`params` in site.yml keeps its nesting).
    var node: Node? = nil

    init(shape: Shape, position: SourcePosition, node: Node? = nil) {
        self.shape = shape
        self.position = position
        self.node = node
    }

    /// A Yams node, its position moved by `lineOffset` lines.
    init(_ node: Node, lineOffset: Int) {
        let position = SourcePosition(line: (node.mark?.line ?? 1) + lineOffset, column: node.mark?.column ?? 1)
        switch node {
        case .scalar(let scalar):
            // A control character written as an escape (`"\u0001"`) is a space, as one typed in the file is.
            let text = SourceDecoder.withoutControls(scalar.string)
            self.init(shape: .scalar(text == scalar.string ? scalar : Node.Scalar(text, scalar.tag, scalar.style)), position: position, node: node)
        case .sequence(let sequence):
            self.init(shape: .list(sequence.map { FieldValue($0, lineOffset: lineOffset) }), position: position, node: node)
        default: self.init(shape: .other, position: position, node: node)
        }
    }
}

/// Reads typed fields out of a YAML mapping, recording a positioned diagnostic
/// for each problem instead of stopping at the first.
struct FieldReader {
    let path: String
    /// Added to YAML's own 1-based line numbers to get the line in the file.
    let lineOffset: Int
    private(set) var entries: [(key: String, keyPosition: SourcePosition, value: FieldValue)] = []
    var diagnostics: [Diagnostic] = []

    /// Parses `yaml` (plain front matter directly, anything else with Yams); on malformed
    /// YAML reports YAML's own position mapped to the file; messages call the YAML `document`.
    init?(yaml: String, path: String, firstLine: Int, diagnostics: inout [Diagnostic], plainReader: Bool = true, document: String = "front matter") {
        self.path = path
        self.lineOffset = firstLine - 1
        // A line or paragraph separator (U+2028, U+2029), pasted from a web page or PDF, shows as
        // nothing or breaks a line, and YAML takes it for a line's end: a space, told where it is.
        var yaml = yaml
        if yaml.unicodeScalars.contains(where: Self.isSeparator) {
            for (number, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                // In a comment of a whole line (from its start: indented, it may be a block's text), nothing is read.
                guard let at = line.unicodeScalars.firstIndex(where: Self.isSeparator), !line.hasPrefix("#") else { continue }
                let column = line.unicodeScalars[..<at].count + 1
                diagnostics.append(.warning(path, line: firstLine + number, column: column,
                    "a \(line.unicodeScalars[at].value == 0x2028 ? "line separator (U+2028)" : "paragraph separator (U+2029)") is here, a character that shows as nothing or as a line's end (pasted from a web page or PDF): read as a space; delete it, or write a space"))
            }
            yaml = String(String.UnicodeScalarView(yaml.unicodeScalars.map { Self.isSeparator($0) ? " " : $0 }))
        }
        if plainReader, let entries = PlainFrontMatter.read(yaml, lineOffset: lineOffset) {
            self.entries = entries
            return
        }
        // Told also when YAML fails: a hashtag read as a comment is often why.
        diagnostics += YAMLMistakes.hashtagComments(in: yaml).map { .warning(path, line: $0.line + lineOffset, column: $0.column, $0.message) }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            diagnostics.append(Self.diagnostic(for: error, yaml: yaml, path: path, lineOffset: lineOffset, document: document))
            return nil
        } catch {
            diagnostics.append(.error(path, line: firstLine, "malformed YAML \(document): \(error)"))
            return nil
        }
        guard let root else { return }  // empty front matter: every field absent
        // Aliases of aliases (`b: [*a, *a, …]`) can make a few lines into billions of values.
        guard Self.valueCount(of: root, upTo: Self.mostValues) <= Self.mostValues else {
            diagnostics.append(.error(path, line: firstLine, "\(document) holds more than \(Self.mostValues) values once its aliases (`*name`) are read where they stand; write the values out instead"))
            return nil
        }
        guard case .mapping(let mapping) = root else {
            if GitLFSPointer.isPointer(fileStart: yaml.utf8) {
                diagnostics.append(.error(path, line: firstLine, column: 1, GitLFSPointer.told))
                return nil
            }
            diagnostics.append(
                .error(path, line: (root.mark?.line ?? 1) + lineOffset, column: root.mark?.column ?? 1,
                       "\(document) must be YAML fields (`key: value`), one per line"))
            return nil
        }
        var seen: Set<String> = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                // `? [a, b]: x`: YAML lets a list or mapping be a key; no field is named so.
                diagnostics.append(FieldValue(keyNode, lineOffset: lineOffset).position.diagnostic(.warning, path, "a list or mapping as a key names no field; it is ignored (write `key: value`)"))
                continue
            }
            let keyPosition = FieldValue(keyNode, lineOffset: lineOffset).position
            if !seen.insert(key).inserted {
                diagnostics.append(keyPosition.diagnostic(.error, path, "`\(key)` is given twice"))
            }
            entries.append((key, keyPosition, FieldValue(value, lineOffset: lineOffset)))
        }
    }

    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool { scalar.value == 0x2028 || scalar.value == 0x2029 }

    /// More values than any front matter holds.
    static let mostValues = 100_000

    /// The fields whose values never hold quotes of their own: a date, a path, an address, a code,
    /// a number, a flag, or a name (a category, a place, an author, a source, a directive's kind or
    /// issuer), in any file's front matter or `site.yml`.
    static let neverQuoted = notText.union(FieldKinds.names)

    /// Those of them that are no words at all, which never hold a `#` either.
    static let notText = FieldKinds.typedNotText.union(FieldKinds.plainText)

    /// A value of those fields wrapped in Word's curly quotes (`image: “media/anh.jpg”`, an item
    /// `[“2023”]`, `category: “Xây dựng Đảng”`), which YAML keeps as characters of it: read without
    /// them, with a warning at it. (A title's own quotes, `title: “Dân vận khéo”`, are its text.)
    mutating func readWithoutCurlyQuotes() {
        func unquoted(_ value: FieldValue, key: String) -> FieldValue {
            switch value.shape {
            case .list(let items):
                return FieldValue(shape: .list(items.map { unquoted($0, key: key) }), position: value.position, node: value.node)
            case .scalar(let scalar) where scalar.style == .plain:
                let text = scalar.string
                guard let first = text.first, let last = text.last, text.count >= 2,
                      (first == "“" && last == "”") || (first == "‘" && last == "’") else { return value }
                let inner = String(text.dropFirst().dropLast())
                guard !inner.contains(where: { "“”‘’".contains($0) }) else { return value }
                diagnostics.append(value.position.diagnostic(.warning, path,
                    "`\(key)`'s value `\(text)` is in curly quotes (typed by Word), which YAML keeps as part of it: read as `\(inner)`; write it without quotes"))
                let plain = Node.Scalar(inner, scalar.tag, .plain)
                return FieldValue(shape: .scalar(plain), position: value.position, node: .scalar(plain))
            default:
                return value
            }
        }
        entries = entries.map { entry in
            Self.neverQuoted.contains(entry.key) ? (entry.key, entry.keyPosition, unquoted(entry.value, key: entry.key)) : entry
        }
    }

    /// How many values `node` holds (itself, and in a list or mapping everything in it, an alias
    /// each time it is used), counted no further than just past `limit`.
    static func valueCount(of node: Node, upTo limit: Int) -> Int {
        var count = 0
        func visit(_ node: Node) {
            count += 1
            guard count <= limit else { return }
            switch node {
            case .sequence(let sequence):
                for item in sequence where count <= limit { visit(item) }
            case .mapping(let mapping):
                for (key, value) in mapping where count <= limit {
                    visit(key)
                    visit(value)
                }
            case .scalar, .alias: break
            }
        }
        visit(node)
        return count
    }

    private static func diagnostic(for error: YamlError, yaml: String, path: String, lineOffset: Int, document: String) -> Diagnostic {
        switch error {
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.sorted().first ?? "", name = Array(key.unicodeScalars)
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
            // Where the key is written (line and column from 1, in scalars, as YAML counts them):
            // at a line's start (after its indent), or after a `{` or a `,`; `title:`, `title :`,
            // `"title":`.
            let uses = lines.indices.flatMap { index in
                let line = Array(lines[index].unicodeScalars)
                let quote = { (c: Unicode.Scalar) in c == "\"" || c == "'" }
                return line.indices.compactMap { at -> (line: Int, column: Int, inBraces: Bool)? in
                    let before = line[..<at].reversed().first { $0 != " " }
                    guard at == 0 || !quote(line[at - 1]), before == nil || before == "{" || before == "," else { return nil }
                    let rest = line[at...].drop(while: quote)
                    guard rest.starts(with: name), rest.dropFirst(name.count).drop(while: { quote($0) || $0 == " " }).first == ":" else { return nil }
                    return (index + 1, at + 1, before != nil)
                }
            }
            // The use after the first (YAML's mark): in braces, the next in braces; in a block, the
            // next in the first's column (not one in a value, a comment or a mapping inside).
            let first = context.mark
            let after = uses.filter { $0.line > first.line || ($0.line == first.line && $0.column > first.column) }
            let inBraces = uses.first { $0.line == first.line && $0.column == first.column }?.inBraces ?? false
            let second = (inBraces ? after.first { $0.inBraces } : after.first { $0.column == first.column && $0.line > first.line && !$0.inBraces })
                ?? after.first ?? uses.first ?? (line: 1, column: 1, inBraces: false)
            let (index, column) = (second.line - 1, second.column)
            let others = duplicates.sorted().dropFirst().map { "`\($0)`" }
            let more = others.isEmpty ? "" : " (and \(others.joined(separator: ", ")) in the same place)"
            return .error(path, line: index + 1 + lineOffset, column: column, "`\(key)` is given twice\(more); keep one")
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            if let cause = YAMLMistakes.cause(in: yaml, errorLine: mark.line, problem: problem) {
                return .error(path, line: cause.line + lineOffset, column: cause.column, "malformed YAML \(document): \(cause.message)")
            }
            let detail = problem.contains("nesting level") ? "lists or mappings nested deeper than YAML is read" : (context.map { "\(problem) (\($0.text))" } ?? problem).replacingOccurrences(of: "\n", with: " ")
            // `title: Hà Nội: hội nghị` is the usual cause: a colon and a space inside a value.
            // A line with no `:` is found out only on the line after it: told where it is.
            let noColon = problem.contains("could not find expected ':'")
            let hint =
                problem.contains("mapping values are not allowed") ? "; a value with `: ` in it must be quoted, e.g. `title: \"Hà Nội: hội nghị\"`"
                : problem.contains("tab character") ? "; YAML takes no tab before a field: start it at the beginning of its line (indent with spaces)"
                : noColon ? "; each line is `field: value` (text of the article goes after the closing `---`)" : ""
            let at = noColon ? context?.mark ?? mark : mark
            return .error(path, line: at.line + lineOffset, column: at.column, "malformed YAML \(document): \(detail)\(hint)")
        case .reader(let problem, _, _, _):
            return .error(path, line: lineOffset + 1, "malformed YAML \(document): \(problem)")
        default:
            let text = "\(error)".split(separator: "\n").first.map(String.init) ?? ""
            return .error(path, line: lineOffset + 1, "malformed YAML \(document): \(text)")
        }
    }

    /// Where the value of `key` is written; the file's first line when the key is absent.
    func position(of key: String) -> SourcePosition {
        value(key)?.position ?? SourcePosition(line: 1, column: 1)
    }

    func value(_ key: String) -> FieldValue? {
        // Looked up in place: finding the entry must not copy every entry it passes; keys of
        // another length are passed over without comparing their text.
        let length = key.utf8.count
        return entries.withUnsafeBufferPointer { entries in
            for index in entries.indices where entries[index].key.utf8.count == length && entries[index].key == key {
                return entries[index].value
            }
            return nil
        }
    }

    func isNull(_ value: FieldValue) -> Bool {
        guard case .scalar(let s) = value.shape, s.style == .plain else { return false }
        return Self.nullWords.contains(s.string)
    }

    /// What YAML reads as no value, unquoted.
    static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]

    /// A text field; numbers and dates are taken as written.
    mutating func string(_ key: String) -> String? {
        guard let value = value(key), !isNull(value) else { return nil }
        guard case .scalar(let scalar) = value.shape else {
            diagnostics.append(value.position.diagnostic(.error, path, "`\(key)` must be text, not a list or a mapping"))
            return nil
        }
        let text = scalar.string.trimmingWhitespace
        return text.isEmpty ? nil : text
    }

    mutating func required(_ key: String, what: String) -> String? {
        if let text = string(key) { return text }
        if let value = value(key) {
            if case .scalar = value.shape {
                diagnostics.append(value.position.diagnostic(.error, path, "`\(key)` is empty: \(what)"))
            }
        } else {
            diagnostics.append(.error(path, line: lineOffset + 1, column: 1, "missing `\(key)`: \(what)"))
        }
        return nil
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let value = value(key), !isNull(value) else { return nil }
        if case .scalar(let scalar) = value.shape, let b = Node.scalar(scalar).bool { return b }
        let scalar: Node.Scalar? = if case .scalar(let scalar) = value.shape { scalar } else { nil }
        diagnostics.append(value.position.diagnostic(.error, path, Self.notBoolean(key, scalar)))
        return nil
    }

    /// What is said of a value of `key` that is not `true` or `false`: the value as written,
    /// quotes and all (`"true"` is text, and a message saying "not `true`" would contradict itself).
    static func notBoolean(_ key: String, _ scalar: Node.Scalar?) -> String {
        guard let scalar else { return "`\(key)` must be `true` or `false`" }
        let quote = scalar.style == .singleQuoted ? "'" : scalar.style == .doubleQuoted ? "\"" : ""
        // A block kept with its last line's end (`>+`, `|+`) means the word before it.
        let block = scalar.style == .literal || scalar.style == .folded
        let meant = Node.scalar(Node.Scalar(block ? scalar.string.trimmingCharacters(in: .newlines) : scalar.string)).bool
        guard !quote.isEmpty else {
            guard let meant else { return "`\(key)` must be `true` or `false`, not `\(scalar.string)`" }
            // A block of lines (`draft: >-` and `true` below) is text.
            if block {
                return "`\(key)` must be `true` or `false`, not a block of lines (`\(scalar.style == .literal ? "|" : ">")`, which is text): write `\(key): \(meant)` on one line"
            }
            // Plain, yet text: a tag (`!!str true`) made it so.
            return "`\(key)` must be `true` or `false`, not `\(scalar.string)` made text by its tag (`!!str`): write `\(meant)` alone"
        }
        return "`\(key)` must be `true` or `false`, not `\(quote)\(scalar.string)\(quote)`" + (meant.map { "; in quotes it is text: write `\($0)` without them" } ?? "")
    }

    /// A list field; a single text value is taken as a list of one.
    mutating func list(_ key: String) -> [(text: String, at: SourcePosition)] {
        guard let value = value(key), !isNull(value) else { return [] }
        switch value.shape {
        case .scalar(let scalar):
            return [(scalar.string.trimmingSpaces, value.position)]
        case .list(let list):
            var items: [(String, SourcePosition)] = []
            for item in list {
                if case .scalar(let scalar) = item.shape {
                    items.append((scalar.string.trimmingSpaces, item.position))
                } else {
                    diagnostics.append(item.position.diagnostic(.error, path, "each entry of `\(key)` must be a single value"))
                }
            }
            return items
        case .other:
            diagnostics.append(value.position.diagnostic(.error, path, "`\(key)` must be a list, like `\(key): [a, b]`"))
            return []
        }
    }

    /// Warns about every key not in `known`, suggesting the nearest known one. A key meant to
    /// keep a text out of the site (`Draft`, or another generator's `published`, `status`,
    /// `hidden`) is an error: ignored, it would publish the text.
    mutating func warnUnknownKeys(known: [String], zone: SiteTimeZone? = nil) {
        for entry in entries where !known.contains(entry.key) {
            var message = "unknown field `\(entry.key)` is ignored"
            let suggestion = Suggestion.nearest(to: entry.key, among: known) ?? Self.otherGenerators[entry.key.lowercased()].flatMap { known.contains($0) ? $0 : nil }
            let visible = LookAlikes.visible(entry.key)
            if visible != entry.key, known.contains(visible) {
                diagnostics.append(entry.keyPosition.diagnostic(.error, path,
                    "`\(entry.key.namingLookAlikes)` is `\(visible)` with a character that shows as nothing (pasted from Word or a web page): delete it, or the field is not read"))
                continue
            }
            if entry.key == "<<" {
                // A merged field that would keep the text out (`<<: *nhap` with `draft: true`), ignored,
                // would publish it; one the front matter writes itself is YAML's to override.
                let written = Set(entries.map(\.key))
                let isPage = known.contains("code") || known.contains("year")
                if known.contains("draft") || isPage, let held = Self.mergedFields(entry.value).first(where: { key, value in
                    !written.contains(key) && Self.holdsBack(key: key, value: value, misspeltDraft: key.lowercased() == "draft")
                }) {
                    diagnostics.append(entry.keyPosition.diagnostic(.error, path, isPage
                        ? "`<<` merges `\(held.key)` into this file, but bantin does not read YAML's merges, and a directive's or theme's page has no draft: it is published while an article lists its code or year; delete this line"
                        : "`<<` merges `\(held.key)` into this front matter, but bantin does not read YAML's merges: the text would be published; write `draft: true` itself, and delete this line"))
                    continue
                }
                message = "`<<` (YAML's merge of another mapping's fields) is not read here: its fields are ignored; write each field itself"
            } else if known.contains("draft"), let why = otherGeneratorsTiming(entry, zone: zone) {
                diagnostics.append(entry.keyPosition.diagnostic(.error, path, why))
                continue
            } else if known.contains("draft"), Self.holdsBack(key: entry.key, value: entry.value, misspeltDraft: suggestion == "draft") {
                diagnostics.append(entry.keyPosition.diagnostic(.error, path,
                    "unknown field `\(entry.key)` would not keep this text out of the site: bantin would publish it; write `draft: true` to keep it out, or delete this line"))
                continue
            } else if known.contains("code") || known.contains("year"),
                      Self.holdsBack(key: entry.key, value: entry.value, misspeltDraft: Suggestion.nearest(to: entry.key.lowercased(), among: ["draft"]) != nil) {
                // A directive's or theme's file: its page is made for the articles that list it.
                diagnostics.append(entry.keyPosition.diagnostic(.error, path,
                    "`\(entry.key)` would not keep this page out of the site: a directive's or theme's page has no draft, and is published while an article lists its code or year; delete this line (to take the page down, take the code or year off those articles)"))
                continue
            } else if known.contains("slug"), Self.oldAddresses.contains(entry.key.lowercased()) {
                message += "; did you mean `slug`? An article's address is bai-viet/<slug>/; to keep an address of the site it came from leading to it, list that address under `aliases:`"
            } else if let suggestion {
                message += "; did you mean `\(suggestion)`?"
            }
            diagnostics.append(entry.keyPosition.diagnostic(.warning, path, message))
        }
    }

    /// Other generators' names (Hugo's, WordPress's…) for bantin's fields: suggested when no
    /// field's name is near.
    private static let otherGenerators = [
        "description": "summary", "excerpt": "summary", "lead": "summary", "sapo": "summary", "tags": "category", "categories": "category",
        "featured_image": "image", "cover": "image", "thumbnail": "image", "place": "location", "tac_gia": "author", "authors": "author",
        "lastmod": "updated", "last_modified_at": "updated", "last_modified": "updated", "modified": "updated", "updated_at": "updated",
        "redirect_from": "aliases", "redirect-from": "aliases",
    ]

    /// Other generators' fields for an article's own address (Hugo's `url`, Jekyll's
    /// `permalink`): bantin's is its `slug`, and an old one is kept with `aliases`.
    private static let oldAddresses: Set<String> = ["url", "permalink"]

    /// The error at another generator's date that would hold an article back or take it down
    /// (Hugo's `publishDate` later than `date`, `expiryDate`), which bantin does not read.
    private func otherGeneratorsTiming(_ entry: (key: String, keyPosition: SourcePosition, value: FieldValue), zone: SiteTimeZone?) -> String? {
        guard let zone, case .scalar(let scalar) = entry.value.shape, let when = DateParser.parse(scalar.string.trimmingSpaces, in: zone) else { return nil }
        switch entry.key.lowercased() {
        case "publishdate", "publish_date", "pubdate", "publishdatetime":
            guard case .scalar(let written)? = value("date")?.shape, let date = DateParser.parse(written.string.trimmingSpaces, in: zone), when > date else { return nil }
            return "unknown field `\(entry.key)` would not keep this text waiting: bantin publishes an article at its `date`, which is earlier; write this date as `date:` (bantin waits for it), and delete this line"
        case "expirydate", "expiry_date", "expirationdate", "expiration_date", "expires", "unpublishdate", "unpublish_date":
            return "unknown field `\(entry.key)` would not take this text down at its date: bantin publishes an article until it is deleted or marked `draft: true`; delete this line (and mark the article `draft: true` when it is to come down)"
        default:
            return nil
        }
    }

    /// Whether a line `key: value` of front matter would keep its text out (`draft: true`, a
    /// misspelt `Draft: yes`, Jekyll's `published: false`, `status: draft`…: `holdsBack`).
    static func keepsOut(key: String, value: String) -> Bool {
        let scalar = Node.Scalar(value)
        return holdsBack(key: key, value: FieldValue(shape: .scalar(scalar), position: SourcePosition(line: 1, column: 1), node: .scalar(scalar)),
            misspeltDraft: key.lowercased() == "draft")
    }

    /// The fields a merge key's value holds (`<<: *chung`, `<<: [*a, *b]`), each with its value.
    private static func mergedFields(_ value: FieldValue) -> [(key: String, value: FieldValue)] {
        let mappings: [Node.Mapping] = switch value.node {
        case .mapping(let mapping)?: [mapping]
        case .sequence(let sequence)?: sequence.compactMap { if case .mapping(let mapping) = $0 { mapping } else { nil } }
        default: []
        }
        // A merged mapping's own merges (`&nhap {<<: *goc}`) are its fields too.
        return mappings.flatMap { mapping in
            mapping.flatMap { key, value -> [(key: String, value: FieldValue)] in
                guard let name = key.string else { return [] }
                return name == "<<" ? mergedFields(FieldValue(value, lineOffset: 0)) : [(name, FieldValue(value, lineOffset: 0))]
            }
        }
    }

    /// Whether a key meant to keep a text unpublished says to: a misspelt `draft`, an editor's
    /// `nháp` or another generator's `hidden`, `is_draft`… set to yes; `published` or `visible`
    /// set to no; a `status` (WordPress's `post_status`, `visibility`) of `draft`, `nháp`,
    /// `private`, `trash`… (`status: published`,
    /// `published: true` or `Draft: false` keep nothing back: they are only unknown).
    private static func holdsBack(key: String, value: FieldValue, misspeltDraft: Bool) -> Bool {
        // Hugo's `_build: {render: never}` (or `false`): a page that is not made.
        if ["_build", "build"].contains(key.lowercased()), case .mapping(let options)? = value.node,
           case .scalar(let render)? = options["render"] {
            return ["never", "false", "no"].contains(render.string.lowercased())
        }
        guard case .scalar(let scalar) = value.shape else { return false }
        let said = scalar.string.trimmingSpaces.lowercased()
        let yes = ["true", "yes", "on", "1", "có"].contains(said), no = ["false", "no", "off", "0", "không"].contains(said)
        switch key.lowercased() {
        case _ where misspeltDraft: return yes
        case "published", "publish", "visible": return no
        case "hidden", "unpublished", "private", "unlisted", "expired", "headless", "nháp", "nhap", "bản nháp", "ban_nhap", "is_draft", "isdraft": return yes
        // WordPress's `post_status` and `visibility` too (a migration's export): anything but published.
        case "status", "post_status", "visibility", "post_visibility":
            return ["draft", "drafts", "nháp", "bản nháp", "private", "hidden", "unpublished", "pending", "review", "chờ duyệt", "chưa đăng", "ẩn",
                // Not `future` (its date schedules it) nor Joomla's `archived` (public).
                "trash", "trashed", "auto-draft", "inherit", "password", "password protected"].contains(said)
        default: return false
        }
    }
}

extension String {
    /// Without white space and newlines at either end; the string itself (no copy) when
    /// there are none, which is nearly always.
    var trimmingWhitespace: String {
        hasWhitespaceAtAnEnd ? trimmingCharacters(in: .whitespacesAndNewlines) : self
    }

    /// Without spaces and tabs at either end (newlines kept); the string itself when there are none.
    var trimmingSpaces: String {
        hasWhitespaceAtAnEnd ? trimmingCharacters(in: .whitespaces) : self
    }

    private var hasWhitespaceAtAnEnd: Bool {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return false }
        return first.isWhitespace || last.isWhitespace
    }
}

extension Unicode.Scalar {
    /// Unicode's White_Space; an ASCII character (the ends of most fields) is told without the
    /// Unicode tables, which every field of every article looked up.
    fileprivate var isWhitespace: Bool {
        if isASCII { return self == " " || (value >= 0x09 && value <= 0x0D) }
        return properties.isWhitespace
    }
}

extension SourcePosition {
    func diagnostic(_ severity: Severity, _ path: String, _ message: String) -> Diagnostic {
        Diagnostic(severity, path, line: line, column: column, message)
    }
}

/// "Did you mean …?" for misspelt field names, slugs and file names.
public enum Suggestion {
    /// The candidate fewest edits away from `word` (case aside), if no more than `limit` (by
    /// default a third of its length, at least 2); among equals, the first alphabetically.
    /// Each candidate is measured only as far as the best so far allows: a migrated archive's
    /// hundreds of stale `related:` slugs, each against thousands of slugs, took minutes.
    public static func nearest(to word: String, among candidates: some Sequence<String>, within limit: Int? = nil) -> String? {
        let lower = compared(word)
        let limit = limit ?? max(2, lower.count / 3)
        var best: (name: String, edits: Int)? = nil
        for candidate in candidates {
            let bound = best?.edits ?? limit
            guard let edits = distance(lower, compared(candidate), atMost: bound) else { continue }
            if best == nil || (edits, candidate) < (best!.edits, best!.name) { best = (candidate, edits) }
        }
        return best?.name
    }

    /// A name as its edits are counted: in lower case, its letters composed (`ố` one character,
    /// however it was typed).
    private static func compared(_ name: String) -> [Unicode.Scalar] {
        let composed = name.utf8.allSatisfy { $0 < 0x80 } ? name : name.precomposedStringWithCanonicalMapping
        return Array(composed.lowercased().unicodeScalars)
    }

    /// Edits from `a` to `b` (a character added, removed or replaced, or two neighbours swapped:
    /// `titel` is one edit from `title`, as a slip of the fingers is), when no more than `bound`;
    /// `nil` when more. Only the cells within `bound` of the
    /// diagonal are worked out, and a row whose every cell is past `bound` ends the count.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], atMost bound: Int) -> Int? {
        // (No count is more than the longer's length: a bound past it, `Int.max` too, is that.)
        let bound = min(bound, max(a.count, b.count))
        guard abs(a.count - b.count) <= bound, letterCountsDiffer(a, b) <= bound else { return nil }
        let far = bound + 1
        var beforePrevious = [Int](repeating: far, count: b.count + 1)
        var previous = (0...b.count).map { min($0, far) }
        var current = [Int](repeating: far, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            let low = max(1, i - bound), high = min(b.count, i + bound)
            current[0] = min(i, far)
            if low > 1 { current[low - 1] = far }
            var rowBest = current[0]
            if low <= high {
                for j in low...high {
                    var cell = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { cell = min(cell, beforePrevious[j - 2] + 1) }
                    current[j] = min(cell, far)
                    rowBest = min(rowBest, current[j])
                }
            }
            if high < b.count { current[high + 1] = far }
            if rowBest > bound { return nil }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count] <= bound ? previous[b.count] : nil
    }

    /// How many edits the characters' counts alone ask for (those `a` has more of, or those `b`
    /// has more of, whichever is more): never more than the edits (a swap changes no count), and
    /// counted in one pass, so that candidates far off are passed over before any table is made.
    /// (Characters are counted by their last six bits: two sharing a count only lower it.)
    static func letterCountsDiffer(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 64) { counts in
            counts.initialize(repeating: 0)
            for scalar in a { counts[Int(scalar.value & 63)] += 1 }
            for scalar in b { counts[Int(scalar.value & 63)] -= 1 }
            let more = counts.reduce(0) { $0 + max($1, 0) }, fewer = counts.reduce(0) { $0 + max(-$1, 0) }
            return max(more, fewer)
        }
    }
}
