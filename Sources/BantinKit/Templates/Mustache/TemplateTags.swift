/// Reading one tag: its kind, its name, where it ends; and the parser's small helpers
/// (finding delimiters, positions for messages, names).
extension TemplateParser {
    /// What a tag does, from its sigil.
    enum TagKind {
        case variable(escaped: Bool)
        case open(ElementKind)
        case close
        case partial
        case comment
        case pragma
        case setDelimiters([UInt8], [UInt8])
    }

    /// One tag as written.
    struct Tag {
        let kind: TagKind
        /// The name or content, without sigil and surrounding blanks.
        let content: String
        /// The tag as written, for messages.
        let source: String
        /// Where it starts (its opening delimiter) and ends (just after its closing one).
        let start: Int
        let end: Int
    }

    /// `#`, `^`, `/`, `>`, `<`, `$`, `&`, `{`, `!`, `=`, `%`.
    private static let sigils: Set<UInt8> = [0x23, 0x5E, 0x2F, 0x3E, 0x3C, 0x24, 0x26, 0x7B, 0x21, 0x3D, 0x25]

    func readTag(at start: Int) throws(TemplateSyntaxError) -> Tag {
        var inner = start + open.count
        while inner < bytes.count, bytes[inner].isBlank { inner += 1 }
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
        let hasSigil = sigil.map { Self.sigils.contains($0) } ?? false
        let contentStart = hasSigil ? inner + 1 : inner
        let content = String(decoding: bytes[contentStart..<max(contentStart, closeStart)], as: UTF8.self).trimmingBlanks
        let kind = try tagKind(hasSigil ? sigil : nil, content: content, source: source, at: start)
        return Tag(kind: kind, content: content, source: source, start: start, end: end)
    }

    private func tagKind(_ sigil: UInt8?, content: String, source: String, at start: Int) throws(TemplateSyntaxError) -> TagKind {
        let kind: TagKind
        switch sigil {
        case 0x23: kind = .open(.section)  // #
        case 0x5E: kind = .open(.inverted)  // ^
        case 0x3C: kind = .open(.parent)  // <
        case 0x24: kind = .open(.block)  // $
        case 0x2F: kind = .close  // /
        case 0x3E: kind = .partial  // >
        case 0x26, 0x7B: kind = .variable(escaped: false)  // & {
        case 0x21: return .comment  // !
        case 0x25: return .pragma  // %
        case 0x3D:  // =
            let parts = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else {
                throw error("`\(source)` is not a valid set-delimiter tag (write it like `{{=<% %>=}}`)", at: start)
            }
            return .setDelimiters(Array(parts[0].utf8), Array(parts[1].utf8))
        default: kind = .variable(escaped: true)
        }
        if content.isEmpty { throw error("`\(source)` has no name", at: start) }
        return kind
    }

    /// The name of a variable or section tag.
    func name(_ tag: Tag) throws(TemplateSyntaxError) -> TemplateName {
        if tag.content.contains("(") {
            throw error("`\(tag.source)`: transforms such as `name(value)` are not supported", at: tag.start)
        }
        guard !tag.content.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }), let name = TemplateName(tag.content) else {
            throw error("`\(tag.source)` is not a valid name (names look like `title` or `article.date.iso`)", at: tag.start)
        }
        return name
    }

    /// The name of a partial, parent or block tag: anything without blanks.
    func checkPlainName(_ tag: Tag) throws(TemplateSyntaxError) {
        if tag.content.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            throw error("`\(tag.source)` is not a valid name", at: tag.start)
        }
    }

    func find(_ needle: [UInt8], from start: Int) -> Int? { bytes.firstOffset(of: needle, from: start) }

    /// 1-based line and column (in characters) of a byte offset.
    func lineAndColumn(of offset: Int) -> (Int, Int) {
        var place = (line: 1, lineStart: 0)
        advance(&place, to: offset)
        return (place.line, column(of: offset, lineStart: place.lineStart))
    }

    /// 1-based line and column of a byte offset, counted on from the last one asked (`places`)
    /// when it is further on: a template's tags are read in order, and one long line of thousands
    /// of tags (a minified template) is not counted again from its start for each.
    func lineAndColumn(of offset: Int, from places: inout SourcePlaces) -> (Int, Int) {
        if offset < places.offset { places = SourcePlaces() }
        var from = places.offset
        while let newline = bytes[from..<offset].firstIndex(of: 0x0A) {
            places.line += 1
            places.column = 1
            from = newline + 1
        }
        places.column += column(of: offset, lineStart: from) - 1
        places.offset = offset
        return (places.line, places.column)
    }

    /// Moves a 1-based line, and the offset where it starts, from `place`'s line to `offset`'s.
    func advance(_ place: inout (line: Int, lineStart: Int), to offset: Int) {
        var at = place.lineStart
        while let newline = bytes[at..<offset].firstIndex(of: 0x0A) {
            place.line += 1
            at = newline + 1
        }
        place.lineStart = at
    }

    /// The 1-based column of `offset` on the line starting at `lineStart`, in characters as a
    /// reader counts them (as messages about Markdown count them).
    func column(of offset: Int, lineStart: Int) -> Int {
        SourcePosition.column(after: bytes[lineStart..<offset])
    }

    func error(_ message: String, at offset: Int) -> TemplateSyntaxError {
        let (line, column) = lineAndColumn(of: offset)
        return TemplateSyntaxError(message: message, line: line, column: column)
    }
}

extension String {
    /// Without spaces and tabs at either end.
    var trimmingBlanks: String {
        let utf8 = self.utf8
        guard let first = utf8.firstIndex(where: { !$0.isBlank }), let last = utf8.lastIndex(where: { !$0.isBlank }) else { return "" }
        return String(self[first...last])
    }
}

/// Where the last place asked of a template is: its offset, line and column.
struct SourcePlaces {
    var offset = 0
    var line = 1
    var column = 1
}
