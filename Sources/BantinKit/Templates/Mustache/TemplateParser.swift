/// Reads a template's bytes into nodes, tag by tag. Besides reading tags it decides what
/// whitespace is shown: a tag alone on its line takes that line with it (a standalone line),
/// and parents and blocks may stand alone as whole elements, which decides how they are
/// indented (see `TemplateParser+Inheritance.swift`).
struct TemplateParser {
    let bytes: [UInt8]
    var position = 0
    var open: [UInt8] = Array("{{".utf8)
    var close: [UInt8] = Array("}}".utf8)
    var references: [(name: String, line: Int, column: Int, conditional: Bool)] = []
    /// Where the last reference was, to count the next one's place on from it.
    var referencePlaces = SourcePlaces()
    /// The name of every variable, section and dynamic partial, with where its tag starts and
    /// the sections it is inside (outermost first; not inverted ones, which look nothing up), in order.
    var names: [(name: TemplateName, offset: Int, sections: [TemplateName], inverted: Bool, printed: Bool)] = []
    /// The elements being read, innermost last; the first holds the template's top level.
    var frames: [Frame] = [Frame(kind: .section, rawName: "", tagStart: 0)]
    /// Text read since the last node, not yet a node itself.
    var text: [UInt8] = []
    /// Where the current line starts, after any indentation stripped from it.
    var lineStart = 0
    /// A tag was already seen on the current line (then no later tag on it stands alone).
    var tagOnLine = false
    /// The intrinsic indentation of the argument blocks being read, outermost first: it is not
    /// part of their content, so it is taken off the start of each of their lines.
    var stripped: [UInt8] = []

    enum ElementKind { case section, inverted, parent, block }

    /// A section, inverted section, parent or block being read.
    struct Frame {
        let kind: ElementKind
        let rawName: String
        var name: TemplateName? = nil
        let tagStart: Int
        /// The blanks before the opening tag, when nothing else precedes it on its line.
        var leading: [UInt8]? = nil
        /// The opening tag stood alone on its line, which is gone.
        var standalone = false
        /// A block whose opening tag ends its line: the blanks that start the next line.
        var intrinsic: [UInt8]? = nil
        /// A block directly inside a parent: an argument, whose content replaces the parent's block.
        var isArgument = false
        var nodes: [TemplateNode] = []
    }

    /// Where a tag sits on its line.
    struct Placement {
        /// The blanks before the tag, when nothing else precedes it on its line.
        let leading: [UInt8]?
        /// Just past the newline that ends the tag's line (or the end of the template), when only blanks follow the tag.
        let lineEnd: Int?
        /// Alone on its line.
        var standalone: Bool { leading != nil && lineEnd != nil }
    }

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func parse() throws(TemplateSyntaxError) -> [TemplateNode] {
        while position < bytes.count {
            guard let tagStart = find(open, from: position) else {
                appendText(upTo: bytes.count)
                break
            }
            appendText(upTo: tagStart)
            let tag = try readTag(at: tagStart)
            let place = placement(of: tag)
            position = tag.end
            try read(tag, place)
        }
        flushText()
        if frames.count > 1, let unclosed = frames.last {
            let close = "\(String(decoding: open, as: UTF8.self))/\(unclosed.rawName)\(String(decoding: self.close, as: UTF8.self))"
            throw error("the section `\(unclosed.rawName)` is never closed (no `\(close)`)", at: unclosed.tagStart)
        }
        return frames[0].nodes
    }

    private mutating func read(_ tag: Tag, _ place: Placement) throws(TemplateSyntaxError) {
        switch tag.kind {
        case .comment, .pragma:
            removeLineIfStandalone(place)
        case .setDelimiters(let newOpen, let newClose):
            removeLineIfStandalone(place)
            open = newOpen
            close = newClose
        case .variable(let escaped):
            tagOnLine = true
            append(.variable(try readName(tag, printed: true), escaped: escaped))
        case .partial:
            try readPartial(tag, indentation: removeLineIfStandalone(place) ?? [])
        case .open(let kind):
            try openElement(kind, tag, place)
        case .close:
            try closeElement(tag, place)
        }
    }

    private mutating func readPartial(_ tag: Tag, indentation: [UInt8]) throws(TemplateSyntaxError) {
        if tag.content.hasPrefix("*") {
            guard let target = TemplateName(String(tag.content.dropFirst()).trimmingBlanks) else {
                throw error("`\(tag.source)` does not name a value", at: tag.start)
            }
            names.append((target, tag.start, sections, false, false))
            append(.dynamicPartial(target, indentation: indentation))
        } else {
            try checkPlainName(tag)
            reference(tag.content, at: tag.start)
            append(.partial(tag.content, indentation: indentation))
        }
    }

    /// Sections, parents and blocks open inside one another at most this deep: rendering goes
    /// one level down the machine's stack for each, and no page needs a fraction of it.
    static let maximumNesting = 500

    private mutating func openElement(_ kind: ElementKind, _ tag: Tag, _ place: Placement) throws(TemplateSyntaxError) {
        if frames.count > Self.maximumNesting {
            throw error("`\(tag.source)` opens a section inside \(Self.maximumNesting) others: no template nests sections this deep", at: tag.start)
        }
        let frame: Frame
        switch kind {
        case .section, .inverted:
            let name = try readName(tag, inverted: kind == .inverted)
            let standalone = removeLineIfStandalone(place) != nil
            frame = Frame(kind: kind, rawName: tag.content, name: name, tagStart: tag.start, standalone: standalone)
        case .parent:
            try checkPlainName(tag)
            reference(tag.content, at: tag.start)
            frame = openParent(tag, place)
        case .block:
            try checkPlainName(tag)
            frame = frames[frames.count - 1].kind == .parent ? openArgument(tag, place) : openParameter(tag, place)
        }
        flushText()
        frames.append(frame)
    }

    private mutating func closeElement(_ tag: Tag, _ place: Placement) throws(TemplateSyntaxError) {
        guard frames.count > 1 else {
            throw error("`\(tag.source)` closes a section that was never opened", at: tag.start)
        }
        let frame = frames[frames.count - 1]
        guard frame.rawName == tag.content else {
            let (line, _) = lineAndColumn(of: frame.tagStart)
            throw error("`\(tag.source)` does not close the section `\(frame.rawName)` opened on line \(line)", at: tag.start)
        }
        switch frame.kind {
        case .section, .inverted:
            removeLineIfStandalone(place)
            let content = popFrame()
            append(frame.kind == .section ? .section(frame.name!, content) : .inverted(frame.name!, content))
        case .block where frame.isArgument:
            closeArgument(frame, place)
        case .block:
            closeParameter(frame, place)
        case .parent:
            closeParent(frame, place)
        }
    }

    // MARK: - Lines and text

    /// Where `tag` sits on its line: what precedes and follows it there.
    func placement(of tag: Tag) -> Placement {
        let before = bytes[lineStart..<tag.start]
        let leading = !tagOnLine && before.allSatisfy(\.isBlank) ? Array(before) : nil
        var after = tag.end
        while after < bytes.count, bytes[after].isBlank { after += 1 }
        let lineEnd: Int?
        if after == bytes.count {
            lineEnd = after
        } else if bytes[after] == 0x0A {
            lineEnd = after + 1
        } else if bytes[after] == 0x0D, after + 1 < bytes.count, bytes[after + 1] == 0x0A {
            lineEnd = after + 2
        } else {
            lineEnd = nil
        }
        return Placement(leading: leading, lineEnd: lineEnd)
    }

    /// A tag alone on its line takes the whole line with it: the blanks before it, which it
    /// returns (a partial's indentation), and the blanks and newline after it.
    @discardableResult
    mutating func removeLineIfStandalone(_ place: Placement) -> [UInt8]? {
        guard let leading = place.leading, let lineEnd = place.lineEnd else {
            tagOnLine = true
            return nil
        }
        text.removeLast(leading.count)
        startLine(at: lineEnd)
        return leading
    }

    /// Goes on at the start of a line, past the indentation that argument blocks strip.
    mutating func startLine(at offset: Int) {
        position = offset
        lineStart = offset
        tagOnLine = false
        if !stripped.isEmpty, bytes[offset...].starts(with: stripped) {
            lineStart += stripped.count
            position = lineStart
        }
    }

    /// Copies the template's text up to `end`, line by line.
    private mutating func appendText(upTo end: Int) {
        while position < end {
            guard let newline = bytes[position..<end].firstIndex(of: 0x0A) else {
                text += bytes[position..<end]
                position = end
                return
            }
            text += bytes[position...newline]
            startLine(at: newline + 1)
        }
    }

    /// The blanks at `offset` and after.
    func blanks(at offset: Int) -> [UInt8] {
        var end = offset
        while end < bytes.count, bytes[end].isBlank { end += 1 }
        return Array(bytes[offset..<end])
    }

    mutating func flushText() {
        if !text.isEmpty { frames[frames.count - 1].nodes.append(.text(text)) }
        text.removeAll(keepingCapacity: true)
    }

    mutating func append(_ node: TemplateNode) {
        flushText()
        frames[frames.count - 1].nodes.append(node)
    }

    /// Ends the innermost element: its nodes.
    mutating func popFrame() -> [TemplateNode] {
        flushText()
        return frames.removeLast().nodes
    }

    /// The name of a variable (`printed`) or section tag (`inverted`: of an inverted section), kept in `names`.
    private mutating func readName(_ tag: Tag, inverted: Bool = false, printed: Bool = false) throws(TemplateSyntaxError) -> TemplateName {
        let name = try name(tag)
        names.append((name, tag.start, sections, inverted, printed))
        return name
    }

    /// The names of the sections being read, outermost first (not inverted sections: inside
    /// one, names are looked up where they would be outside it).
    private var sections: [TemplateName] { frames.compactMap { $0.kind == .section ? $0.name : nil } }

    /// `names` with the 1-based line and column of each (read in one pass over the bytes).
    func namesWithPlaces() -> [Template.NameUse] {
        var places = SourcePlaces()
        return names.map { name in
            let (line, column) = lineAndColumn(of: name.offset, from: &places)
            return Template.NameUse(parts: name.name.parts, sections: name.sections.map(\.parts), line: line, column: column, inverted: name.inverted, printed: name.printed)
        }
    }

    private mutating func reference(_ name: String, at offset: Int) {
        let (line, column) = lineAndColumn(of: offset, from: &referencePlaces)
        let conditional = frames.dropFirst().contains { $0.kind == .section || $0.kind == .inverted }
        references.append((name, line, column, conditional))
    }
}
