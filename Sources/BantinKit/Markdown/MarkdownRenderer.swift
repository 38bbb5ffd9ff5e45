import CCmarkGFM
import Foundation

/// A heading found in a Markdown body, with the `id` given to it.
public struct Heading: Sendable, Equatable {
    public var level: Int
    public var text: String
    public var id: String
}

/// The HTML of a Markdown body.
public struct RenderedMarkdown: Sendable, Equatable {
    /// The HTML as UTF-8, as cmark-gfm wrote it (ids added).
    public var utf8: [UInt8]
    public var headings: [Heading]
    /// How many images it shows (counted when it is rendered for a page, with its links): a
    /// page whose description shows one has its first image there.
    public var images = 0
    public var html: String { String(decoding: utf8, as: UTF8.self) }
}

/// Renders Markdown with cmark-gfm (table, strikethrough, autolink, tagfilter,
/// tasklist and footnotes) and gives every heading an `id`; for a page, leads its links where
/// the page says and links directive mentions; finds what a body links to and mentions.
///
/// This file and `ParseArena` (cmark-gfm's memory) are the only ones that talk to the C library:
/// the rest of bantin sees Swift values.
public struct MarkdownRenderer: Sendable {
    public var allowRawHTML: Bool

    public init(allowRawHTML: Bool) {
        _ = Self.registration
        self.allowRawHTML = allowRawHTML
    }

    /// cmark-gfm's extension registry is global and not thread-safe: fill it once,
    /// before any parallel work (a `static let` runs exactly once).
    private static let registration: Void = cmark_gfm_core_extensions_ensure_registered()
    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// cmark-gfm keeps one table, for the whole process, of the characters that stop inline text,
    /// and every parse switches its extensions' characters (`~`, `|`, …) on before its inlines and
    /// off after them. Two parses at once on two cores: one switched them off under the other,
    /// which then rendered `~~a~~` or a table row as plain text (3 % of parallel renders in
    /// `MarkdownTests`). So inlines are parsed one body at a time; reading blocks and writing
    /// HTML, most of the work, still run on every core.
    private static let inlineLock = NSLock()

    public func render(_ markdown: String) -> RenderedMarkdown {
        var markdown = markdown
        return markdown.withUTF8 { render(utf8: $0) }
    }

    /// Markdown given as UTF-8 bytes (a body read from its file), exactly as cmark-gfm renders it.
    func render(utf8 markdown: UnsafeBufferPointer<UInt8>) -> RenderedMarkdown {
        render(utf8: markdown, links: nil)
    }

    /// A body as a page shows it: with `links`, its links lead where `links` says (an unsafe or
    /// empty one becomes its text) and the first mention of each directive code links to its page.
    func render(utf8 markdown: UnsafeBufferPointer<UInt8>, links: (any BodyLinkRewriter)?) -> RenderedMarkdown {
        var options = Self.parseOptions
        if allowRawHTML { options |= CMARK_OPT_UNSAFE }
        return Self.parse(markdown) { parser, document in
            var edits = BodyEdits()
            var images = 0
            // Only text on the lines that hold a code is looked at (each look copies the text).
            let mentionLines = links?.linksMentions == true ? SourceLines.lines(at: DirectiveMentions.ranges(in: markdown).map(\.lowerBound), in: markdown) : []
            let (headings, starts) = DocumentWalk.run(document, texts: !mentionLines.isEmpty, htmlShown: allowRawHTML) { item in
                guard let links else { return }
                switch item {
                case .link(let node, let isImage):
                    if isImage {
                        defer { images += 1 }
                        let title = cmark_node_get_title(node).map { String(cString: $0) }
                        if let html = links.picture(DocumentWalk.url(of: node), alt: DocumentWalk.textContent(node), title: title, index: images) {
                            edits.pictures.append((node, html))
                            return
                        }
                    }
                    let rewrite = links.rewrite(DocumentWalk.url(of: node))
                    if rewrite != .keep { edits.links.append((node, rewrite)) }
                case .text(let node, let running, let afterHardBreak):
                    guard running else { return }
                    // Text an extension cut out (after an e-mail autolink) has no line, and text after a
                    // hard line break has the break's (cmark-gfm's): both are looked at too.
                    let line = Int(cmark_node_get_start_line(node))
                    if line == 0 || afterHardBreak || mentionLines.contains(line) { edits.mention(in: node, links: links) }
                case .html:
                    break
                }
            }
            let unplaced = edits.apply()
            if allowRawHTML { Self.filteredTagsEscaped(in: document) }
            // Written into the thread's parse arena: freed with the document.
            guard let raw = cmark_render_html_with_mem(document, options, cmark_parser_get_syntax_extensions(parser), ParseArena.allocator) else {
                fatalError("cmark_render_html failed: out of memory")
            }
            var html = Self.applyHeadingIDs(
                UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw)),
                headings: headings, starts: starts)
            html = AccessibleMarkup.mended(html, markdown: markdown)
            if !unplaced.isEmpty { html = Self.withPictures(unplaced, in: html) }
            if markdown.firstOffset(of: Array("&#".utf8)) != nil { html = Self.noncharactersMended(html) }
            return RenderedMarkdown(utf8: html, headings: headings, images: images)
        }
    }

    /// Each tag of the body's HTML that GFM never publishes (`<iframe …>`, inline or in a block)
    /// with every `<` inside it after its first written `&lt;`. cmark-gfm's tag filter escapes only
    /// such a tag's own `<`, and copies the rest as it is: a `<script>` or an `<img onerror>` inside
    /// its attribute (`srcdoc="<script>…"`) ran. What it writes of any other HTML is kept, to the byte.
    private static func filteredTagsEscaped(in document: OpaquePointer) {
        guard let iterator = cmark_iter_new(document) else { return }
        var changed: [(node: OpaquePointer, literal: String)] = []
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == CMARK_NODE_HTML_INLINE || cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK,
                  let literal = cmark_node_get_literal(node), let escaped = RawInlineTag.insidesOfFilteredTagsEscaped(String(cString: literal)) else { continue }
            changed.append((node, escaped))
        }
        cmark_iter_free(iterator)
        for (node, literal) in changed { _ = literal.withCString { cmark_node_set_literal(node, $0) } }
    }

    /// `html` with the lone bytes 0xFE and 0xFF cmark-gfm writes for `&#xFFFE;` and `&#xFFFF;`
    /// (no UTF-8 has them) written as U+FFFD, which browsers show for those references.
    static func noncharactersMended(_ html: [UInt8]) -> [UInt8] {
        guard html.contains(where: { $0 >= 0xFE }) else { return html }
        return html.flatMap { $0 >= 0xFE ? [0xEF, 0xBF, 0xBD] : [$0] }
    }

    /// `html` with each `<img src="<placeholder>" …/>` cmark-gfm wrote made the picture bantin
    /// made for it (`BodyEdits.apply`).
    static func withPictures(_ pictures: [(placeholder: String, html: String)], in html: [UInt8]) -> [UInt8] {
        var html = html
        for picture in pictures {
            let start = Array("<img src=\"\(picture.placeholder)\"".utf8)
            guard let found = html.firstOffset(of: start), let end = html.firstOffset(of: Array("/>".utf8), from: found + start.count) else { continue }
            html.replaceSubrange(found..<(end + 2), with: Array(picture.html.utf8))
        }
        return html
    }

    /// The links a body holds that are not to other sites, and the directive codes its running
    /// text mentions, positioned in the body (line 1 is its first line; columns in characters).
    static func references(in markdown: UnsafeBufferPointer<UInt8>) -> BodyReferences {
        parse(markdown) { _, document in
            let lines = SourceLines(markdown)
            var found = BodyReferences()
            // Text nodes read already, as part of a run that began before them.
            var inRun: Set<OpaquePointer> = []
            // A raw-text element (`<noscript>`) one HTML opened: the browser reads what follows as its text, to its closing tag.
            var rawText: String? = nil
            _ = DocumentWalk.run(document, texts: true) { item in
                switch item {
                case .link(let node, let isImage):
                    let destination = DocumentWalk.url(of: node)
                    var link = BodyLink(destination: destination, position: DocumentWalk.start(of: node, isImage: isImage, in: lines), isImage: isImage)
                    if isImage {
                        let alt = DocumentWalk.textContent(node)
                        link.hasText = !alt.trimmingCharacters(in: .whitespaces).isEmpty
                        link.altIsFileName = PhotoNaming.isFileName(alt: alt)
                    }
                    guard LinkDestination.needsResolving(destination) else {
                        if LinkDestination.isOnAnotherSite(destination) { found.remote.append(link) }
                        return
                    }
                    found.links.append(link)
                case .text(let node, let running, _):
                    guard let literal = cmark_node_get_literal(node) else { return }
                    let (line, column) = DocumentWalk.knownStart(of: node)
                    let text = UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
                    // A footnote without a note is shown as written in a heading or a link's text too.
                    found.footnotesWithoutNote += Footnotes.unresolved(in: text, line: line, column: column, lines: lines)
                    guard running else { return }
                    for (range, code) in DirectiveMentions.codes(in: text) {
                        let at = lines.find(Array(text[range]), line: line, fromByteColumn: column) ?? (line, column + range.lowerBound)
                        let typed = String(decoding: UnsafeBufferPointer(rebasing: text[range]), as: UTF8.self)
                        found.mentions.append(
                            DirectiveMention(code: code, position: lines.position(line: at.line, byteColumn: at.byteColumn), typedWithTƯ: DirectiveCode.endsWithTƯ(typed)))
                    }
                    found.unlinked += UnlinkedLinks.find(startingAt: node, read: &inRun, lines: lines)
                case .html(let node):
                    guard let literal = cmark_node_get_literal(node) else { return }
                    let html = UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
                    // Every tag of a block (a video's `<iframe>` inside a `<div>`) where it is written,
                    // found from the block's start (a block in a list or a quote is written indented).
                    let start = DocumentWalk.knownStart(of: node)
                    var from = start
                    let tags = RawHTML.tagsEitherWay(in: html, block: cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK, rawText: &rawText)
                    for (k, tag) in tags.enumerated() {
                        var position = from
                        let written = Array(html[tag.range].prefix { $0 != 0x0A })
                        if let place = lines.find(written, line: from.line, fromByteColumn: from.column) {
                            position = (place.line, place.byteColumn)
                            // Past it, unless the next starts inside it (read one way, a tag in another's quotes).
                            let inside = k + 1 < tags.count && tags[k + 1].range.lowerBound < tag.range.upperBound
                            from = (place.line, place.byteColumn + (inside ? 1 : written.count))
                        }
                        found.rawHTML.append(RawHTML(tag: tag.name, position: lines.position(line: position.line, byteColumn: position.column), addresses: tag.addresses, handlers: tag.handlers, alt: tag.alt))
                    }
                    // Pictures written in, wherever in the HTML (a comment too): at the line where each is.
                    for (offset, kind) in ActiveContent.picturesWrittenIn(html) {
                        let line = start.line + html[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                        let written = Array(html[offset...].prefix { $0 != 0x0A }.prefix(24))
                        let place = lines.find(written, line: line, fromByteColumn: 1) ?? (line, 1)
                        found.picturesInHTML.append(PictureInHTML(position: lines.position(line: place.line, byteColumn: place.byteColumn), kind: kind))
                    }
                }
            }
            if let open = rawText, let last = found.rawHTML.lastIndex(where: { $0.tag == open }) { found.rawHTML[last].leftOpen = true }
            found.notesWithoutFootnote = Footnotes.unused(in: markdown, document: document, lines: lines)
            found.brokenTables = BrokenTable.all(in: markdown, document: document, lines: lines)
            return found
        }
    }

    /// The UTF-8 of the character an HTML entity (`&hellip;`, given whole) stands for, as
    /// cmark-gfm reads it (it knows every entity of HTML); `nil` when there is no such entity.
    /// Rendered alone, it is a paragraph of that character, escaped.
    static func character(ofEntity entity: [UInt8]) -> [UInt8]? {
        guard let html = entity.withUnsafeBufferPointer({ cmark_markdown_to_html(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), entity.count, CMARK_OPT_DEFAULT) })
        else { return nil }
        defer { free(html) }
        // Cut as bytes: a character that joins the one before it (U+200C) would be cut with `>`.
        let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(html).assumingMemoryBound(to: UInt8.self), count: strlen(html)))
        guard bytes.starts(with: "<p>".utf8), bytes.count >= 8, bytes.suffix(5).elementsEqual("</p>\n".utf8) else { return nil }
        var text = String(decoding: bytes[3..<(bytes.count - 5)], as: UTF8.self)
        // No such name: cmark-gfm shows it as it is (`&amp;khong;`); `&AMP;` is `&amp;` alone.
        guard !text.hasPrefix("&amp;") || text == "&amp;" else { return nil }
        for (escaped, plain) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&amp;", "&")] { text = text.replacingOccurrences(of: escaped, with: plain) }
        return Array(text.utf8)
    }

    /// The `id` of each heading of a body, in order.
    static func headingIDs(in markdown: UnsafeBufferPointer<UInt8>) -> [String] {
        parse(markdown) { _, document in DocumentWalk.run(document, texts: false) { _ in }.headings.map(\.id) }
    }

    private static let parseOptions = CMARK_OPT_FOOTNOTES | CMARK_OPT_SOURCEPOS

    /// Parses `markdown` and hands the parser and its document to `use`; both are freed after.
    /// They live in the thread's `ParseArena`: what `use` keeps, it copies.
    private static func parse<Result>(_ markdown: UnsafeBufferPointer<UInt8>, _ use: (OpaquePointer, OpaquePointer) -> Result) -> Result {
        _ = registration
        return ParseArena.using { memory in
            guard let parser = cmark_parser_new_with_mem(parseOptions, memory) else { fatalError("cmark_parser_new failed: out of memory") }
            defer { cmark_parser_free(parser) }
            for name in extensionNames {
                if let ext = cmark_find_syntax_extension(name) {
                    cmark_parser_attach_syntax_extension(parser, ext)
                }
            }
            markdown.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
            inlineLock.lock()
            let finished = cmark_parser_finish(parser)
            inlineLock.unlock()
            guard let document = finished else { fatalError("cmark_parser_finish failed: out of memory") }
            defer { cmark_node_free(document) }
            return use(parser, document)
        }
    }
}

extension MarkdownRenderer {
    /// An article's body, rendered from its bytes wherever they are (never made into a string first).
    func render(_ body: BodyText, links: (any BodyLinkRewriter)? = nil) -> RenderedMarkdown {
        body.utf8.withUnsafeBufferPointer { render(utf8: $0, links: links) }
    }

    /// A directive's or theme's description, its links and mentions as `links` says.
    func render(_ markdown: String, links: any BodyLinkRewriter) -> RenderedMarkdown {
        var markdown = markdown
        return markdown.withUTF8 { render(utf8: $0, links: links) }
    }

    static func references(in text: String) -> BodyReferences {
        var text = text
        return text.withUTF8 { references(in: $0) }
    }

    static func headingIDs(in text: String) -> [String] {
        var text = text
        return text.withUTF8 { headingIDs(in: $0) }
    }
}

/// One pass over a parsed document: every heading gets its id (unique, from its text), and each
/// link, image and text node is shown to `visit` (a text node with whether it is running text:
/// not in a link or heading).
enum DocumentWalk {
    enum Item {
        case link(OpaquePointer, isImage: Bool)
        /// `running`: not in a link, an image's description or a heading. `afterHardBreak`: a hard
        /// line break comes before it in its block (cmark-gfm gives what follows one the break's line).
        case text(OpaquePointer, running: Bool, afterHardBreak: Bool)
        /// Raw HTML, a block or inline.
        case html(OpaquePointer)
    }

    /// A heading's id: its text's slug, or `muc` for none; the second of a name `-2`, and so on,
    /// past any id taken (`## A`, `## A`, `## A 2` are `a`, `a-2`, `a-2-2`). One that cmark-gfm's
    /// footnotes could have (`fn-1`, `fnref-1`) starts with `muc-`.
    static func uniqueID(for text: String, used: inout HeadingIDsUsed) -> String {
        var base = Slug(from: text)?.value ?? "muc"
        if base.hasPrefix("fn-") || base.hasPrefix("fnref-") { base = "muc-" + base }
        // Counted on from the last number this name was given: thousands of headings of one
        // name take no longer than thousands of names.
        var id = base, count = used.lastNumber[base] ?? 1
        if count > 1 { id = "\(base)-\(count)" }
        while used.ids.contains(id) {
            count += 1
            id = "\(base)-\(count)"
        }
        used.ids.insert(id)
        used.lastNumber[base] = count
        return id
    }

    /// The ids a body's headings took, and the last number each name was given.
    struct HeadingIDsUsed {
        var ids: Set<String> = []
        var lastNumber: [String: Int] = [:]
    }

    /// The headings, each with its `line:column-` start; text and HTML nodes are visited only
    /// when `texts`. `htmlShown`: the body's own HTML is written into the page (`unsafe_html`), so text inside
    /// its `<a>` or `<code>` is no running text; without it cmark-gfm leaves the tags out and
    /// shows their text as any other.
    static func run(_ document: OpaquePointer, texts: Bool, htmlShown: Bool = false, visit: (Item) -> Void) -> (headings: [Heading], starts: [String]) {
        var headings: [Heading] = []
        var starts: [String] = []
        var used = HeadingIDsUsed()
        var inLink = 0, inHeading = 0
        // Elements the body's own inline HTML opened that hold no running text (`<a>`, `<code>`),
        // in the block being read: a block starts with none open.
        var inRawElement = 0
        var afterHardBreak = false
        guard let iterator = cmark_iter_new(document) else { return ([], []) }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let entering = event == CMARK_EVENT_ENTER
            let type = cmark_node_get_type(node)
            if type.rawValue & 0xC000 == 0x8000 { (inRawElement, afterHardBreak) = (0, false) }
            switch type {
            case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
                if entering { visit(.link(node, isImage: cmark_node_get_type(node) == CMARK_NODE_IMAGE)) }
                inLink += entering ? 1 : -1
            case CMARK_NODE_HEADING:
                inHeading += entering ? 1 : -1
                guard entering else { continue }
                let text = textContent(node)
                headings.append(Heading(level: Int(cmark_node_get_heading_level(node)), text: text, id: Self.uniqueID(for: text, used: &used)))
                starts.append("\(cmark_node_get_start_line(node)):\(cmark_node_get_start_column(node))-")
            case CMARK_NODE_TEXT where texts:
                visit(.text(node, running: inLink == 0 && inHeading == 0 && inRawElement == 0, afterHardBreak: afterHardBreak))
            case CMARK_NODE_LINEBREAK:
                afterHardBreak = true
            case CMARK_NODE_HTML_INLINE where texts:
                if htmlShown { inRawElement = max(0, inRawElement + RawInlineTag.change(cmark_node_get_literal(node))) }
                visit(.html(node))
            case CMARK_NODE_HTML_BLOCK where texts:
                visit(.html(node))
            default:
                continue
            }
        }
        return (headings, starts)
    }

    /// Where a node starts; for one an extension made without a position, where the nearest
    /// node before it (or around it) starts.
    static func knownStart(of node: OpaquePointer) -> (line: Int, column: Int) {
        var current: OpaquePointer? = node
        while let at = current {
            if cmark_node_get_start_line(at) > 0 { return (Int(cmark_node_get_start_line(at)), Int(cmark_node_get_start_column(at))) }
            current = cmark_node_previous(at) ?? cmark_node_parent(at)
        }
        return (1, 1)
    }

    static func url(of node: OpaquePointer) -> String {
        cmark_node_get_url(node).map { String(cString: $0) } ?? ""
    }

    /// Where a link or image starts (`[`, `![`, `<`). cmark-gfm places a link that spans lines on
    /// its last line, so its first child (one or two bytes in) is asked first.
    static func start(of node: OpaquePointer, isImage: Bool, in lines: SourceLines) -> SourcePosition {
        let own = (Int(cmark_node_get_start_line(node)), Int(cmark_node_get_start_column(node)))
        var candidates = [own]
        if let child = cmark_node_first_child(node) {
            candidates.insert((Int(cmark_node_get_start_line(child)), Int(cmark_node_get_start_column(child)) - (isImage ? 2 : 1)), at: 0)
        }
        let opening: Set<UInt8> = isImage ? [UInt8(ascii: "!")] : [UInt8(ascii: "["), UInt8(ascii: "<")]
        let found = candidates.first { lines.byte(line: $0.0, byteColumn: $0.1).map(opening.contains) ?? false } ?? own
        return lines.position(line: found.0, byteColumn: found.1)
    }

    static func textContent(_ node: OpaquePointer) -> String {
        var text = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(current) {
                text += String(cString: literal)
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            } else {
                text += textContent(current)
            }
            child = cmark_node_next(current)
        }
        return text
    }
}

/// Changes to a parsed body, gathered during the walk and made after it (a tree changed while it
/// is walked would lose the walker's place).
private struct BodyEdits {
    var links: [(node: OpaquePointer, rewrite: LinkRewrite)] = []
    /// Images shown as HTML bantin made (a photo's `<picture>`): written as it is, in place of the image.
    var pictures: [(node: OpaquePointer, html: String)] = []
    /// Text nodes cut into text and links: each piece's text and, for a mention, its address.
    var mentions: [(node: OpaquePointer, pieces: [(text: String, url: String?)])] = []
    private var linked: Set<DirectiveCode> = []

    /// Links the first mention of each code (that has a page) in a text node.
    mutating func mention(in node: OpaquePointer, links: any BodyLinkRewriter) {
        guard let literal = cmark_node_get_literal(node) else { return }
        let text = UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
        var pieces: [(text: String, url: String?)] = []
        var copied = 0
        for (range, code) in DirectiveMentions.codes(in: text) where !linked.contains(code) {
            guard let url = links.mentionURL(for: code) else { continue }
            linked.insert(code)
            pieces.append((String(decoding: UnsafeBufferPointer(rebasing: text[copied..<range.lowerBound]), as: UTF8.self), nil))
            pieces.append((String(decoding: UnsafeBufferPointer(rebasing: text[range]), as: UTF8.self), url))
            copied = range.upperBound
        }
        guard !pieces.isEmpty else { return }
        pieces.append((String(decoding: UnsafeBufferPointer(rebasing: text[copied...]), as: UTF8.self), nil))
        mentions.append((node, pieces))
    }

    /// Nodes made here come from the parse's arena, like the document's: cmark-gfm puts a node
    /// only beside nodes of the same allocator. Returns the pictures that no node can hold where
    /// their image is (a table's cell takes no custom node): each image then points at a
    /// placeholder, which `MarkdownRenderer.withPictures` replaces in the HTML.
    func apply() -> [(placeholder: String, html: String)] {
        var unplaced: [(placeholder: String, html: String)] = []
        for (node, html) in pictures {
            // A custom node's text is written as it is, whether raw HTML is allowed or not.
            let custom = cmark_node_new_with_mem(CMARK_NODE_CUSTOM_INLINE, ParseArena.allocator)!
            html.withCString { _ = cmark_node_set_on_enter(custom, $0) }
            if cmark_node_insert_before(node, custom) != 0 {
                cmark_node_free(node)
            } else {
                cmark_node_free(custom)
                let placeholder = "bantin-picture:\(unplaced.count)"
                placeholder.withCString { _ = cmark_node_set_url(node, $0) }
                unplaced.append((placeholder, html))
            }
        }
        for (node, rewrite) in links {
            switch rewrite {
            case .keep: break
            case .replace(let url): url.withCString { _ = cmark_node_set_url(node, $0) }
            case .text:
                while let child = cmark_node_first_child(node) { cmark_node_insert_before(node, child) }
                cmark_node_free(node)
            }
        }
        for (node, pieces) in mentions {
            pieces[0].text.withCString { _ = cmark_node_set_literal(node, $0) }
            var last = node
            for piece in pieces.dropFirst() where !piece.text.isEmpty {
                let inserted = piece.url.map { Self.link(to: $0, text: piece.text) } ?? Self.text(piece.text)
                cmark_node_insert_after(last, inserted)
                last = inserted
            }
        }
        return unplaced
    }

    private static func text(_ text: String) -> OpaquePointer {
        let node = cmark_node_new_with_mem(CMARK_NODE_TEXT, ParseArena.allocator)!
        text.withCString { _ = cmark_node_set_literal(node, $0) }
        return node
    }

    private static func link(to url: String, text: String) -> OpaquePointer {
        let node = cmark_node_new_with_mem(CMARK_NODE_LINK, ParseArena.allocator)!
        url.withCString { _ = cmark_node_set_url(node, $0) }
        cmark_node_append_child(node, Self.text(text))
        return node
    }
}

/// One tag of a body's inline HTML, as a browser reads its name.
enum RawInlineTag {
    /// Elements whose text is no running text: a link, code, a heading, or `<noscript>` (what it
    /// holds is shown only without scripts, read as text). The tags GFM filters (`<script>`,
    /// `<textarea>`) are shown as text, and open nothing.
    static let notRunning: Set<String> = ["a", "code", "kbd", "samp", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "noscript"]

    /// The name of the tag a literal starts with, lower-cased (`HTMLText.tagName`), and whether it closes (`</a>`).
    static func parse(_ literal: UnsafePointer<CChar>?) -> (name: String, closing: Bool)? {
        guard let literal else { return nil }
        return parse(UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal)))
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> (name: String, closing: Bool)? {
        guard bytes.count > 1, bytes[0] == UInt8(ascii: "<") else { return nil }
        let closing = bytes[1] == UInt8(ascii: "/")
        let name = HTMLText.tagName(UnsafeBufferPointer(rebasing: bytes[(closing ? 2 : 1)...]))
        return name.isEmpty ? nil : (String(decoding: name, as: UTF8.self), closing)
    }

    /// What the tag does to the running text after it: `+1` for an opening tag of an element
    /// that holds none (`notRunning`), `-1` for its closing tag, `0` for anything else.
    static func change(_ literal: UnsafePointer<CChar>?) -> Int {
        guard let tag = parse(literal), notRunning.contains(tag.name) else { return 0 }
        return tag.closing ? -1 : 1
    }

    /// `html` with every `<` inside a tag GFM filters (`<iframe srcdoc="<script>…">`), after the
    /// tag's own, written `&lt;`; `nil` when there is none to write so.
    static func insidesOfFilteredTagsEscaped(_ html: String) -> String? {
        let bytes = Array(html.utf8)
        guard bytes.count { $0 == UInt8(ascii: "<") } > 1 else { return nil }
        var out: [UInt8] = []
        var at = 0, changed = false
        while let open = bytes[at...].firstIndex(of: UInt8(ascii: "<")) {
            out += bytes[at...open]
            at = open + 1
            let tag = bytes.withUnsafeBufferPointer { parse(UnsafeBufferPointer(rebasing: $0[open...])) }
            guard let tag, BodyScan.filteredTags.contains(tag.name), !tag.closing else { continue }
            // To the tag's `>` outside its quotes (or the end): each `<` on the way is text.
            var quote: UInt8? = nil
            while at < bytes.count {
                let byte = bytes[at]
                if let open = quote {
                    if byte == open { quote = nil }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    break
                }
                if byte == UInt8(ascii: "<") {
                    out += "&lt;".utf8
                    changed = true
                } else {
                    out.append(byte)
                }
                at += 1
            }
        }
        out += bytes[at...]
        return changed ? String(decoding: out, as: UTF8.self) : nil
    }

}
