/// A Mustache template, parsed once into nodes that render without re-reading the text.
public struct Template: Sendable {
    public let nodes: [TemplateNode]
    /// Every `{{> name}}` and `{{< name}}` with a fixed name, where it is written (for "no such partial").
    public let references: [(name: String, line: Int, column: Int)]
}

/// One piece of a parsed template.
public indirect enum TemplateNode: Sendable {
    case text([UInt8])
    case variable(TemplateName, escaped: Bool)
    case section(TemplateName, [TemplateNode])
    case inverted(TemplateName, [TemplateNode])
    /// `{{> name}}`; `indentation` is the whitespace before a standalone tag, put before every line of the partial.
    case partial(String, indentation: [UInt8])
    /// `{{> *name}}`: the partial named by the value of `name`.
    case dynamicPartial(TemplateName, indentation: [UInt8])
    /// `{{< name}}…{{/name}}`: the partial `name`, with the blocks defined inside replacing its own.
    case parent(String, indentation: [UInt8], overrides: [String: [TemplateNode]])
    /// `{{$ name}}default{{/name}}`: replaced by a parent's definition of the same block, if any.
    case block(String, [TemplateNode])
}

/// A name as a template writes it: `.`, `title`, `article.date.iso`, or `.title` (this object only).
public struct TemplateName: Sendable {
    /// Empty for `.`, the current object.
    let parts: [String]
    /// A leading dot: look only in the current object, not down the stack.
    let anchored: Bool

    init?(_ text: String) {
        if text == "." {
            parts = []
            anchored = true
            return
        }
        anchored = text.hasPrefix(".")
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false).dropFirst(anchored ? 1 : 0).map(String.init)
        guard !pieces.isEmpty, !pieces.contains(where: \.isEmpty) else { return nil }
        parts = pieces
    }
}

/// A template that does not parse: what is wrong and where (1-based line and column).
public struct TemplateSyntaxError: Error, Sendable {
    public let message: String
    public let line: Int
    public let column: Int
}

extension Template {
    /// Parses Mustache as the spec defines it: variables, sections, inverted sections,
    /// comments, partials, set-delimiter tags, parents and blocks, standalone lines.
    /// Pragmas (`{{% … }}`) are accepted and ignored.
    public init(parsing text: String) throws(TemplateSyntaxError) {
        var parser = TemplateParser(bytes: Array(text.utf8))
        nodes = try parser.parse()
        references = parser.references
    }
}

private struct TemplateParser {
    let bytes: [UInt8]
    var position = 0
    var open: [UInt8] = Array("{{".utf8)
    var close: [UInt8] = Array("}}".utf8)
    var references: [(name: String, line: Int, column: Int)] = []

    /// A section, inverted section, parent or block being read.
    struct Frame {
        enum Kind { case section, inverted, parent, block }
        let kind: Kind
        let rawName: String
        let name: TemplateName?
        let tagStart: Int
        let indentation: [UInt8]
        var nodes: [TemplateNode] = []
    }

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func parse() throws(TemplateSyntaxError) -> [TemplateNode] {
        var frames: [Frame] = [Frame(kind: .section, rawName: "", name: nil, tagStart: 0, indentation: [])]
        var text: [UInt8] = []
        /// Where the current line starts, and whether a tag was already seen on it (then none is standalone).
        var lineStart = 0
        var tagOnLine = false

        func flush(_ text: inout [UInt8], into frames: inout [Frame]) {
            if !text.isEmpty { frames[frames.count - 1].nodes.append(.text(text)) }
            text.removeAll(keepingCapacity: true)
        }

        while position < bytes.count {
            guard let tagStart = find(open, from: position) else {
                appendText(bytes[position...], to: &text, lineStart: &lineStart, tagOnLine: &tagOnLine, base: position)
                position = bytes.count
                break
            }
            appendText(bytes[position..<tagStart], to: &text, lineStart: &lineStart, tagOnLine: &tagOnLine, base: position)
            let tag = try readTag(at: tagStart)
            position = tag.end

            // Standalone: only blanks before it on its line, and only blanks then a newline (or the end) after it.
            var standaloneEnd: Int? = nil
            if tag.kind.canStandAlone, !tagOnLine,
                bytes[lineStart..<tagStart].allSatisfy({ $0 == 0x20 || $0 == 0x09 })
            {
                var after = tag.end
                while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
                if after == bytes.count {
                    standaloneEnd = after
                } else if bytes[after] == 0x0A {
                    standaloneEnd = after + 1
                } else if bytes[after] == 0x0D, after + 1 < bytes.count, bytes[after + 1] == 0x0A {
                    standaloneEnd = after + 2
                }
            }
            var indentation: [UInt8] = []
            if let end = standaloneEnd {
                indentation = Array(bytes[lineStart..<tagStart])
                text.removeLast(tagStart - lineStart)  // the blanks before the tag are not output
                position = end
                lineStart = end
                tagOnLine = false
            } else {
                tagOnLine = true
            }

            switch tag.kind {
            case .comment, .pragma:
                break
            case .setDelimiters(let newOpen, let newClose):
                open = newOpen
                close = newClose
            case .variable(let escaped):
                flush(&text, into: &frames)
                frames[frames.count - 1].nodes.append(.variable(try name(tag, at: tagStart), escaped: escaped))
            case .open(let kind):
                flush(&text, into: &frames)
                let parsedName = kind == .section || kind == .inverted ? try name(tag, at: tagStart) : nil
                if kind == .parent || kind == .block { try checkPlainName(tag, at: tagStart) }
                if kind == .parent { reference(tag.content, at: tagStart) }
                frames.append(Frame(kind: kind, rawName: tag.content, name: parsedName, tagStart: tagStart, indentation: indentation))
            case .close:
                flush(&text, into: &frames)
                guard frames.count > 1 else {
                    throw error("`\(tag.source)` closes a section that was never opened", at: tagStart)
                }
                let frame = frames.removeLast()
                guard frame.rawName == tag.content else {
                    let (line, _) = lineAndColumn(of: frame.tagStart)
                    throw error("`\(tag.source)` does not close the section `\(frame.rawName)` opened on line \(line)", at: tagStart)
                }
                let node: TemplateNode
                switch frame.kind {
                case .section: node = .section(frame.name!, frame.nodes)
                case .inverted: node = .inverted(frame.name!, frame.nodes)
                case .block: node = .block(frame.rawName, frame.nodes)
                case .parent:
                    var overrides: [String: [TemplateNode]] = [:]
                    for case .block(let name, let content) in frame.nodes where overrides[name] == nil { overrides[name] = content }
                    node = .parent(frame.rawName, indentation: frame.indentation, overrides: overrides)
                }
                frames[frames.count - 1].nodes.append(node)
            case .partial:
                flush(&text, into: &frames)
                if tag.content.hasPrefix("*") {
                    let target = String(tag.content.dropFirst()).trimmingBlanks
                    guard let dynamic = TemplateName(target) else { throw error("`\(tag.source)` does not name a value", at: tagStart) }
                    frames[frames.count - 1].nodes.append(.dynamicPartial(dynamic, indentation: indentation))
                } else {
                    try checkPlainName(tag, at: tagStart)
                    reference(tag.content, at: tagStart)
                    frames[frames.count - 1].nodes.append(.partial(tag.content, indentation: indentation))
                }
            }
        }
        flush(&text, into: &frames)
        if frames.count > 1, let unclosed = frames.last {
            throw error("the section `\(unclosed.rawName)` is never closed (no `\(String(decoding: open, as: UTF8.self))/\(unclosed.rawName)\(String(decoding: close, as: UTF8.self))`)", at: unclosed.tagStart)
        }
        return frames[0].nodes
    }

    /// Copies text, keeping track of where the current line starts.
    private func appendText(_ slice: ArraySlice<UInt8>, to text: inout [UInt8], lineStart: inout Int, tagOnLine: inout Bool, base: Int) {
        text.append(contentsOf: slice)
        if let lastNewline = slice.lastIndex(of: 0x0A) {
            lineStart = lastNewline + 1
            tagOnLine = false
        }
    }

    enum TagKind {
        case variable(escaped: Bool)
        case open(Frame.Kind)
        case close
        case partial
        case comment
        case pragma
        case setDelimiters([UInt8], [UInt8])

        var canStandAlone: Bool {
            if case .variable = self { return false }
            return true
        }
    }

    struct Tag {
        let kind: TagKind
        /// The name or content, without sigil and surrounding blanks.
        let content: String
        /// The tag as written, for messages.
        let source: String
        let end: Int
    }

    private func readTag(at start: Int) throws(TemplateSyntaxError) -> Tag {
        var inner = start + open.count
        while inner < bytes.count, bytes[inner] == 0x20 || bytes[inner] == 0x09 { inner += 1 }
        let sigil: UInt8? = inner < bytes.count ? bytes[inner] : nil
        // `{{{name}}}` ends with `}` before the closing delimiter; `{{=<% %>=}}` with `=`.
        var closing = close
        if sigil == 0x7B { closing = [0x7D] + close }
        if sigil == 0x3D { closing = [0x3D] + close }
        guard let closeStart = find(closing, from: inner + (sigil == 0x7B || sigil == 0x3D ? 1 : 0)) else {
            throw error("this tag is never closed (no `\(String(decoding: closing, as: UTF8.self))` after it)", at: start)
        }
        let end = closeStart + closing.count
        let source = String(decoding: bytes[start..<end], as: UTF8.self)
        let sigils: Set<UInt8> = [0x23, 0x5E, 0x2F, 0x3E, 0x3C, 0x24, 0x26, 0x7B, 0x21, 0x3D, 0x25]
        let hasSigil = sigil.map { sigils.contains($0) } ?? false
        let contentStart = hasSigil ? inner + 1 : inner
        let content = String(decoding: bytes[contentStart..<max(contentStart, closeStart)], as: UTF8.self).trimmingBlanks
        let kind: TagKind
        switch hasSigil ? sigil : nil {
        case 0x23: kind = .open(.section)  // #
        case 0x5E: kind = .open(.inverted)  // ^
        case 0x3C: kind = .open(.parent)  // <
        case 0x24: kind = .open(.block)  // $
        case 0x2F: kind = .close  // /
        case 0x3E: kind = .partial  // >
        case 0x26, 0x7B: kind = .variable(escaped: false)  // & {
        case 0x21: kind = .comment  // !
        case 0x25: kind = .pragma  // %
        case 0x3D:  // =
            let parts = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else {
                throw error("`\(source)` is not a valid set-delimiter tag (write it like `{{=<% %>=}}`)", at: start)
            }
            kind = .setDelimiters(Array(parts[0].utf8), Array(parts[1].utf8))
        default: kind = .variable(escaped: true)
        }
        if case .comment = kind {} else if case .setDelimiters = kind {} else if case .pragma = kind {} else if content.isEmpty {
            throw error("`\(source)` has no name", at: start)
        }
        return Tag(kind: kind, content: content, source: source, end: end)
    }

    private func name(_ tag: Tag, at start: Int) throws(TemplateSyntaxError) -> TemplateName {
        if tag.content.contains("(") {
            throw error("`\(tag.source)`: transforms such as `name(value)` are not supported", at: start)
        }
        guard !tag.content.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }), let name = TemplateName(tag.content) else {
            throw error("`\(tag.source)` is not a valid name (names look like `title` or `article.date.iso`)", at: start)
        }
        return name
    }

    private func checkPlainName(_ tag: Tag, at start: Int) throws(TemplateSyntaxError) {
        if tag.content.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            throw error("`\(tag.source)` is not a valid name", at: start)
        }
    }

    private mutating func reference(_ name: String, at offset: Int) {
        let (line, column) = lineAndColumn(of: offset)
        references.append((name, line, column))
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, needle.count <= bytes.count else { return nil }
        var i = start
        let last = bytes.count - needle.count
        while i <= last {
            if bytes[i] == first {
                var j = 1
                while j < needle.count, bytes[i + j] == needle[j] { j += 1 }
                if j == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    private func lineAndColumn(of offset: Int) -> (Int, Int) {
        var line = 1
        var column = 1
        for byte in bytes[..<offset] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    private func error(_ message: String, at offset: Int) -> TemplateSyntaxError {
        let (line, column) = lineAndColumn(of: offset)
        return TemplateSyntaxError(message: message, line: line, column: column)
    }
}

extension String {
    /// Without spaces and tabs at either end.
    var trimmingBlanks: String {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }),
            let last = utf8.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })
        else { return "" }
        return String(self[first...last])
    }
}
