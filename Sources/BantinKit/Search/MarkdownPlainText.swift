import Foundation

/// The text a reader sees of a Markdown body, without parsing it: what search indexes and
/// shows in its snippets. Markup is dropped (heading and quote marks, emphasis, code ticks,
/// HTML tags, link and image targets), a link or an image keeps its text, and each block
/// becomes one line. Works on bytes, cheap enough to run over every body on each full build.
enum MarkdownPlainText {
    /// `rawHTML`: the site publishes HTML written in bodies (`unsafe_html`); otherwise a reader
    /// sees nothing of an HTML block, and only the text between inline tags.
    static func text(of markdown: String, rawHTML: Bool = false) -> String {
        var markdown = markdown
        return String(decoding: markdown.withUTF8 { text(of: $0, rawHTML: rawHTML) }, as: UTF8.self)
    }

    static func text(of markdown: UnsafeBufferPointer<UInt8>, rawHTML: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(markdown.count)
        /// The fence of the code block being read, and whether it was opened in a quote (its
        /// lines then start with `>`, and one that does not ends the quote and the block).
        var fence: CodeFence? = nil
        var fenceQuoted = false
        /// The HTML block being read, and where reading its HTML has got to.
        var htmlBlock: HTMLText.Block? = nil
        /// The HTML block was opened in a quote: its lines are read past their `>`, and it ends with the quote.
        var htmlQuoted = false
        var html = HTMLText.State.text
        /// Where a tag or comment that ran past its line ends: the rest of that line continues the paragraph.
        var resume: Int? = nil
        /// The footnotes the text refers to (a definition no text refers to is not shown), and
        /// whether the lines being read belong to one of those not shown.
        let footnotes = FootnoteLabels(markdown)
        var unshownFootnote = false
        /// How many cells the table being read has (GFM drops a row's cells beyond its header's).
        var tableCells: Int? = nil
        /// A link reference definition with no title yet: its address, or its title, may be on the next line.
        var definition: DefinitionRest? = nil
        var paragraphOpen = false
        /// The column where the text of the list item last started stands (0: none known), and
        /// that of the item the open code or HTML block is in: a line indented less than it ends
        /// the item, and so the block (only a paragraph's line can continue lazily).
        var listColumn = 0
        var blockColumn = 0
        /// How many quotes the open code or HTML block opened in a quote is in, and the column the
        /// outermost one's `>` stands at in a list item: a line with fewer, or indented less,
        /// leaves them (and ends the block: only a paragraph's line continues lazily).
        var quoteDepth = 0
        var quoteColumn = 0
        func leavesQuote(_ line: UnsafeBufferPointer<UInt8>, indent: Int) -> Bool {
            line.first != UInt8(ascii: ">") || indent < quoteColumn || quotePrefix(line).depth < quoteDepth
        }
        func openedInQuote(_ line: UnsafeBufferPointer<UInt8>, markers: Int, indent: Int) -> Bool {
            quoteDepth = line[..<markers].count { $0 == UInt8(ascii: ">") }
            // (The column a list item's text stands at, when the quote is in one; a quote's own
            // markers may stand anywhere up to three spaces in.)
            let first = line[..<markers].firstIndex(of: UInt8(ascii: ">")) ?? 0
            quoteColumn = first > 0 ? indent + first : 0
            return quoteDepth > 0
        }
        var lineStart = 0
        while lineStart < markdown.count {
            let lineEnd = memchr(markdown.baseAddress! + lineStart, 0x0A, markdown.count - lineStart)
                .map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - markdown.baseAddress! } ?? markdown.count
            var end = lineEnd
            if end > lineStart, markdown[end - 1] == 0x0D { end -= 1 }
            var start = lineStart
            var indent = 0
            while start < end, markdown[start] == 0x20 || markdown[start] == 0x09 {
                indent += markdown[start] == 0x09 ? 4 : 1
                start += 1
            }
            let line = UnsafeBufferPointer(rebasing: markdown[start..<end])
            let lineAt = start
            lineStart = lineEnd + 1
            if let at = resume {
                // The rest of a line a tag or comment ended in: more of the same paragraph.
                let from = min(max(at, start), end)
                resume = appendInline(UnsafeBufferPointer(rebasing: markdown[from..<end]), at: from, in: markdown, footnotes: footnotes, rawHTML: rawHTML, to: &out)
                if resume == nil { while out.last == 0x20 { out.removeLast() } }
                continue
            }
            if unshownFootnote {
                // Its lines run to a blank line followed by one that is not indented.
                if line.isEmpty || indent >= 4 || paragraphOpen { paragraphOpen = !line.isEmpty; continue }
                unshownFootnote = false
            }
            if let rest = definition {
                definition = nil
                // A title over several lines: up to the line that closes it.
                if case .titleClosedBy(let close) = rest {
                    if line.last(where: { $0 != 0x20 && $0 != 0x09 }) != close { definition = rest }
                    continue
                }
                if rest.continues(line) { continue }
            }
            if blockColumn > 0, fence != nil || htmlBlock != nil,
                let column = textColumn(line, indent: indent, quoted: fence != nil ? fenceQuoted : htmlQuoted), column < blockColumn
            {
                fence = nil
                htmlBlock = nil
                closeBlock(&out, &paragraphOpen)
            }
            if fence != nil, fenceQuoted, leavesQuote(line, indent: indent) {
                fence = nil
                closeBlock(&out, &paragraphOpen)
            }
            if let open = fence {
                let code = fenceQuoted ? UnsafeBufferPointer(rebasing: line[quoteMarkers(line)...]) : line
                if open.isClosed(by: code) {
                    fence = nil
                    closeBlock(&out, &paragraphOpen)
                    continue
                }
                if paragraphOpen { out.append(0x20) }
                out += code
                paragraphOpen = true
                continue
            }
            if htmlBlock != nil, htmlQuoted, leavesQuote(line, indent: indent) {
                htmlBlock = nil
                closeBlock(&out, &paragraphOpen)
            }
            if let block = htmlBlock {
                let text = htmlQuoted ? UnsafeBufferPointer(rebasing: line[quoteMarkers(line)...]) : line
                if block.ends.isEmpty, block.endsBlock(text) {
                    htmlBlock = nil
                    closeBlock(&out, &paragraphOpen)
                    continue
                }
                if rawHTML { appendHTML(text, state: &html, to: &out, paragraphOpen: &paragraphOpen) }
                if !block.ends.isEmpty, block.endsBlock(text) {
                    htmlBlock = nil
                    closeBlock(&out, &paragraphOpen)
                }
                continue
            }
            // A line indented less than the item's text leaves it, unless it continues a paragraph
            // lazily (a line that starts a block of its own never does).
            if !line.isEmpty, indent < listColumn, !paragraphOpen || startsOwnBlock(line, indent: indent) { listColumn = 0 }
            // A fence stands at most three spaces in from the margin, or from its item's text:
            // further in, its line is a paragraph's or indented code.
            if indent - (indent >= listColumn ? listColumn : 0) < 4, let open = CodeFence(opening: line) {
                fence = open
                fenceQuoted = false
                blockColumn = indent >= listColumn ? listColumn : 0
                closeBlock(&out, &paragraphOpen)
                continue
            }
            if line.isEmpty { tableCells = nil }
            if isTableDivider(line) {
                tableCells = cells(of: line)
                closeBlock(&out, &paragraphOpen)
                continue
            }
            /// A link reference definition at `text` (at `at`), shown as nothing: what of it may follow.
            func definitionRest(_ text: UnsafeBufferPointer<UInt8>, at: Int) -> DefinitionRest?? {
                guard let rest = referenceDefinition(text) else { return nil }
                // A title left open is one only when a later line of the paragraph closes it.
                if case .titleClosedBy(let close) = rest {
                    let paragraph = paragraph(from: at, in: markdown)
                    var closed = false
                    var k = text.count
                    while k < paragraph.count {
                        let lineEnd = paragraph[k...].firstIndex(of: 0x0A) ?? paragraph.count
                        if paragraph[k..<lineEnd].last(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) == close { closed = true; break }
                        k = lineEnd + 1
                    }
                    if !closed { return nil }
                }
                return .some(rest)
            }
            if !paragraphOpen, let rest = definitionRest(line, at: lineAt) {
                definition = rest
                continue
            }
            if !paragraphOpen, isEmptyListItem(line) {
                // Its text, on the lines after, stands one space after its marker.
                listColumn = indent + (line.lastIndex { $0 != 0x20 && $0 != 0x09 } ?? 0) + 2
                continue
            }
            if line.isEmpty || isRule(line) {
                closeBlock(&out, &paragraphOpen)
                continue
            }
            if let (label, text) = footnoteDefinition(line) {
                // A footnote's text is a block of its own, shown only when the text refers to it.
                closeBlock(&out, &paragraphOpen)
                guard footnotes.isReferred(label) else {
                    unshownFootnote = true
                    paragraphOpen = true
                    continue
                }
                resume = appendInline(UnsafeBufferPointer(rebasing: line[text...]), at: lineAt + text, in: markdown, footnotes: footnotes, rawHTML: rawHTML, to: &out)
                if resume == nil { while out.last == 0x20 { out.removeLast() } }
                paragraphOpen = true
                continue
            }
            // An empty list item does not interrupt a paragraph (of the item the line is in): its
            // marker is the paragraph's text.
            let (skip, startsBlock, heading, itemText) = paragraphOpen && indent >= listColumn && isEmptyListItem(line) ? (0, false, false, nil) : blockMarkers(line)
            var text = UnsafeBufferPointer(rebasing: line[skip...])
            let item = itemColumn(line, indent: indent, text: itemText)
            if startsBlock, !heading, line.first != UInt8(ascii: ">") { listColumn = item }
            // A code block opened in a list item or a quote: its info string (`~~~python`) is not shown.
            // (A heading's text holds no block.)
            if skip > 0, !heading, let open = CodeFence(opening: text) {
                fence = open
                fenceQuoted = openedInQuote(line, markers: skip, indent: indent)
                blockColumn = item
                closeBlock(&out, &paragraphOpen)
                continue
            }
            // A link reference definition in a list item or a quote.
            if skip > 0, !heading, !paragraphOpen || startsBlock, let rest = definitionRest(text, at: lineAt + skip) {
                closeBlock(&out, &paragraphOpen)
                definition = rest
                continue
            }
            // An HTML block, or one in a list item or a quote.
            if !heading, let block = skip > 0
                ? HTMLText.Block.starting(text, indent: 0, interrupting: paragraphOpen && !startsBlock)
                : HTMLText.Block.starting(line, indent: indent, interrupting: paragraphOpen)
            {
                closeBlock(&out, &paragraphOpen)
                html = .text
                if rawHTML { appendHTML(text, state: &html, to: &out, paragraphOpen: &paragraphOpen) }
                if block.ends.isEmpty || !block.endsBlock(text) {
                    htmlBlock = block
                    htmlQuoted = openedInQuote(line, markers: skip, indent: indent)
                    blockColumn = skip > 0 ? item : indent >= listColumn ? listColumn : 0
                } else {
                    closeBlock(&out, &paragraphOpen)
                }
                continue
            }
            if paragraphOpen { out.append(0x20) }
            if startsBlock || line.first == 0x7C, paragraphOpen { out[out.count - 1] = 0x0A }
            if heading { text = withoutClosingHashes(text) }
            if let count = tableCells { text = firstCells(text, count: count) }
            resume = appendInline(text, at: lineAt + skip, in: markdown, footnotes: footnotes, rawHTML: rawHTML, to: &out)
            if resume == nil { while out.last == 0x20 { out.removeLast() } }
            paragraphOpen = true
        }
        while out.last == 0x20 || out.last == 0x0A { out.removeLast() }
        return out
    }

    /// A line of an HTML block that the site publishes: its text, as a line of the block.
    private static func appendHTML(_ line: UnsafeBufferPointer<UInt8>, state: inout HTMLText.State, to out: inout [UInt8], paragraphOpen: inout Bool) {
        let before = out.count
        if paragraphOpen { out.append(0x20) }
        HTMLText.appendText(of: line, state: &state, to: &out)
        while out.count > before, out.last == 0x20 || out.last == 0x09 { out.removeLast() }
        if out.count > before { paragraphOpen = true }
    }

    private static func closeBlock(_ out: inout [UInt8], _ open: inout Bool) {
        if open { out.append(0x0A) }
        open = false
    }

    /// `---`, `***`, `___`, `===` (with spaces): a thematic break, or a setext heading's underline.
    private static func isRule(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = line.first, first == 0x2D || first == 0x2A || first == 0x5F || first == 0x3D else { return false }
        // A rule of `*` or `_` takes three (one `-` or `=` under a paragraph makes it a heading).
        return line.allSatisfy { $0 == first || $0 == 0x20 } && (first == 0x2D || first == 0x3D || line.count { $0 == first } >= 3)
    }

    /// What a link reference definition may still have on the next line: its address (and title), or its title.
    enum DefinitionRest {
        case address, title
        /// A title opened and not closed on the definition's line: the character that closes it.
        case titleClosedBy(UInt8)

        /// Whether `line` is that rest, shown as nothing.
        func continues(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
            guard !line.isEmpty else { return false }
            switch self {
            case .address:
                var i = 0
                if line[0] == 0x3C {
                    guard let end = line.firstIndex(of: 0x3E) else { return false }
                    i = end + 1
                } else {
                    while i < line.count, line[i] != 0x20, line[i] != 0x09 { i += 1 }
                }
                let rest = UnsafeBufferPointer(rebasing: line[i...])
                return rest.allSatisfy { $0 == 0x20 || $0 == 0x09 } || ((rest.first == 0x20 || rest.first == 0x09) && MarkdownPlainText.isTitle(rest))
            case .title:
                return MarkdownPlainText.isTitle(line)
            case .titleClosedBy:
                return true
            }
        }
    }

    /// A title alone (after spaces): `"…"`, `'…'` or `(…)`, closed at the end of the line.
    static func isTitle(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let i = text.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }) else { return false }
        let open = text[i]
        guard open == 0x22 || open == 0x27 || open == 0x28 else { return false }
        var last = text.count - 1
        while text[last] == 0x20 || text[last] == 0x09 { last -= 1 }
        return last > i && text[last] == (open == 0x28 ? 0x29 : open)
    }

    /// `[nhãn]: https://…` or `[nhãn]: <a b.md> "tựa"`: a link reference definition, which shows
    /// nothing (`[^]: …` too: an empty footnote label is none). `[Cập nhật]: Sở Nội vụ đã công
    /// bố…` is none (after its address comes no title): a paragraph, shown as written.
    /// - Returns: `nil` when the line is none; else what may follow it on the next line.
    private static func referenceDefinition(_ line: UnsafeBufferPointer<UInt8>) -> DefinitionRest?? {
        guard line.first == 0x5B, line.count > 2, line[1] != 0x5E || line[2] == 0x5D, let close = line.firstIndex(of: 0x5D),
            close > 1, close + 1 < line.count, line[close + 1] == 0x3A
        else { return nil }
        var i = close + 2
        func spaces() { while i < line.count, line[i] == 0x20 || line[i] == 0x09 { i += 1 } }
        spaces()
        // The address alone may be on the next line.
        guard i < line.count else { return .some(.address) }
        if line[i] == 0x3C {
            guard let end = line[(i + 1)...].firstIndex(of: 0x3E) else { return nil }
            i = end + 1
        } else {
            while i < line.count, line[i] != 0x20, line[i] != 0x09 { i += 1 }
        }
        let afterAddress = i
        spaces()
        guard i < line.count else { return .some(.title) }
        // A title, closed at the end of the line (or a later one), after a space.
        guard i > afterAddress else { return nil }
        if isTitle(UnsafeBufferPointer(rebasing: line[i...])) { return .some(nil) }
        let open = line[i]
        guard open == 0x22 || open == 0x27 || open == 0x28 else { return nil }
        return .some(.titleClosedBy(open == 0x28 ? 0x29 : open))
    }

    /// A footnote's definition (`[^1]: Theo báo cáo…`): its label, and where its text starts in its line.
    private static func footnoteDefinition(_ line: UnsafeBufferPointer<UInt8>) -> (label: [UInt8], text: Int)? {
        guard line.count > 3, line[0] == 0x5B, line[1] == 0x5E, let close = line.firstIndex(of: 0x5D),
            close > 2, close + 1 < line.count, line[close + 1] == 0x3A
        else { return nil }
        var start = close + 2
        while start < line.count, line[start] == 0x20 || line[start] == 0x09 { start += 1 }
        return (Array(line[2..<close]), start)
    }

    /// The footnote labels a body's text refers to (`[^1]`) and those it defines (`[^1]: …`):
    /// cmark-gfm shows a definition only when the text refers to it, and a reference only when
    /// it is defined (otherwise `[^1]` is text).
    struct FootnoteLabels {
        private var referred: Set<[UInt8]> = []
        private var defined: Set<[UInt8]> = []

        init(_ markdown: UnsafeBufferPointer<UInt8>) {
            guard let base = markdown.baseAddress, let first = memchr(base, 0x5E, markdown.count) else { return }
            // From the first `^`: most bodies have none.
            var i = max(0, UnsafePointer<UInt8>(first.assumingMemoryBound(to: UInt8.self)) - base - 1)
            // Code (a span, or a block between fences of one length) and comments refer to no note:
            // where they start before the first `^`, from the start.
            if markdown[..<i].contains(0x60) || markdown[..<i].contains(0x3C) { i = 0 }
            while i + 2 < markdown.count {
                if let past = Self.pastCodeOrComment(at: i, in: markdown) {
                    i = past
                    continue
                }
                guard markdown[i] == 0x5B, markdown[i + 1] == 0x5E,
                    let close = markdown[(i + 2)...].prefix(1000).firstIndex(where: { $0 == 0x5D || $0 == 0x0A }), markdown[close] == 0x5D, close > i + 2
                else { i += 1; continue }
                let label = Array(markdown[(i + 2)..<close])
                var lineStart = i
                while lineStart > 0, markdown[lineStart - 1] == 0x20 || markdown[lineStart - 1] == 0x09 { lineStart -= 1 }
                let atLineStart = lineStart == 0 || markdown[lineStart - 1] == 0x0A
                if atLineStart, close + 1 < markdown.count, markdown[close + 1] == 0x3A { defined.insert(label) } else { referred.insert(label) }
                i = close + 1
            }
        }

        /// Where a code span, a fenced block (a run of backticks closed by the same run) or an HTML
        /// comment starting at `i` ends; `nil` when none starts there or it is never closed.
        private static func pastCodeOrComment(at i: Int, in markdown: UnsafeBufferPointer<UInt8>) -> Int? {
            if markdown[i] == 0x60, i == 0 || markdown[i - 1] != 0x60 {
                var run = i
                while run < markdown.count, markdown[run] == 0x60 { run += 1 }
                let ticks = run - i
                // Looked for within 16 KB: a run that closes nothing is not read to the end again and again.
                let limit = min(markdown.count, run + 16_384)
                var at = run
                while let next = markdown[at..<limit].firstIndex(of: 0x60) {
                    var end = next
                    while end < markdown.count, markdown[end] == 0x60 { end += 1 }
                    if end - next == ticks { return end }
                    at = end
                }
                return nil
            }
            if markdown[i] == 0x3C, markdown[i...].starts(with: "<!--".utf8) {
                return markdown.firstOffset(of: Array("-->".utf8), from: i + 4).map { $0 + 3 }
            }
            return nil
        }

        func isReferred(_ label: [UInt8]) -> Bool { referred.contains(label) }
        func isDefined(_ label: [UInt8]) -> Bool { defined.contains(label) }
    }

    /// How many cells a table's divider row (`| --- | :-: |`) has.
    private static func cells(of divider: UnsafeBufferPointer<UInt8>) -> Int {
        var text = divider[...]
        while text.first == 0x20 { text = text.dropFirst() }
        while text.last == 0x20 { text = text.dropLast() }
        if text.first == 0x7C { text = text.dropFirst() }
        if text.last == 0x7C { text = text.dropLast() }
        return text.count(where: { $0 == 0x7C }) + 1
    }

    /// A table row's first `count` cells (GFM shows no more than its header has).
    private static func firstCells(_ row: UnsafeBufferPointer<UInt8>, count: Int) -> UnsafeBufferPointer<UInt8> {
        var seen = 0, i = 0
        if row.first == 0x7C { i = 1 }
        var inCode = false
        while i < row.count {
            switch row[i] {
            case 0x5C: i += 1
            case 0x60: inCode.toggle()
            case 0x7C where !inCode:
                seen += 1
                if seen == count { return UnsafeBufferPointer(rebasing: row[..<i]) }
            default: break
            }
            i += 1
        }
        return row
    }

    /// `+`, `10.` or `2)` alone: a list item with nothing in it (its number is the list's, not
    /// text). It cannot interrupt a paragraph, where it is text.
    private static func isEmptyListItem(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = line.count
        while end > 0, line[end - 1] == 0x20 || line[end - 1] == 0x09 { end -= 1 }
        let item = line[..<end]
        if item.count == 1, item.first == 0x2B || item.first == 0x2D || item.first == 0x2A { return true }
        guard let last = item.last, last == 0x2E || last == 0x29 else { return false }
        let digits = item.dropLast()
        return (1...9).contains(digits.count) && digits.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// A table's delimiter row (`| --- | :-: |`): a row of `-` alone, with no pipe, is a rule, a
    /// setext heading's underline or an empty list item, never a table's. Its characters are
    /// looked at first: a paragraph's line (every line of every body comes here) fails at its
    /// first letter, where looking for a dash and a pipe first read it whole, twice.
    private static func isTableDivider(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.allSatisfy { $0 == 0x7C || $0 == 0x2D || $0 == 0x3A || $0 == 0x20 } && line.contains(0x2D) && line.contains(0x7C)
    }

    /// A heading's text without its closing `#`s (`## Kết quả ##`): a run of them after a space, at the end.
    private static func withoutClosingHashes(_ text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var end = text.count
        while end > 0, text[end - 1] == 0x20 { end -= 1 }
        var start = end
        while start > 0, text[start - 1] == 0x23 { start -= 1 }
        guard start < end, start == 0 || text[start - 1] == 0x20 else { return text }
        while start > 0, text[start - 1] == 0x20 { start -= 1 }
        return UnsafeBufferPointer(rebasing: text[..<start])
    }

    /// How many bytes a line's quote markers take (`> > `, with the spaces after each).
    private static func quoteMarkers(_ line: UnsafeBufferPointer<UInt8>) -> Int {
        var i = 0
        while i < line.count, line[i] == UInt8(ascii: ">") {
            i += 1
            while i < line.count, line[i] == 0x20 || line[i] == 0x09 { i += 1 }
        }
        return i
    }

    /// How many bytes of block markers (`#`, `>`, list bullets and numbers, a task's box) the line starts with,
    /// whether it starts a block of its own (a heading or a list item, not a paragraph's next line),
    /// whether that is a heading, and where the text of the innermost list item it begins
    /// stands (one to four spaces after its marker, or one when none follows it or five do: the
    /// text then starts with indented code); `nil` when it begins none, or a quote inside one.
    private static func blockMarkers(_ line: UnsafeBufferPointer<UInt8>) -> (Int, starts: Bool, heading: Bool, itemText: Int?) {
        var i = 0
        var starts = false
        var heading = false
        var itemText: Int? = nil
        func skipSpaces() { while i < line.count, line[i] == 0x20 || line[i] == 0x09 { i += 1 } }
        /// Past the spaces after a list item's marker, which ends at `i`.
        func itemBegun() {
            let markerEnd = i
            skipSpaces()
            itemText = i == line.count || i - markerEnd >= 5 ? markerEnd + 1 : i
            starts = true
        }
        while i < line.count {
            let byte = line[i]
            if byte == 0x3E {  // > quote
                i += 1
                skipSpaces()
                itemText = nil
                continue
            }
            if byte == 0x23 {  // # heading
                var j = i
                while j < line.count, line[j] == 0x23 { j += 1 }
                if j - i <= 6, j == line.count || line[j] == 0x20 {
                    i = j
                    skipSpaces()
                    starts = true
                    heading = true
                }
                break
            }
            if byte == 0x2D || byte == 0x2A || byte == 0x2B, i + 1 < line.count, line[i + 1] == 0x20 {
                i += 1
                itemBegun()
                // A task list's box: `[ ]`, `[x]`.
                if i + 3 < line.count, line[i] == 0x5B, line[i + 1] == 0x20 || line[i + 1] | 0x20 == 0x78, line[i + 2] == 0x5D, line[i + 3] == 0x20 || line[i + 3] == 0x09 {
                    i += 3
                    skipSpaces()
                }
                continue
            }
            var j = i
            while j < line.count, j - i < 10, line[j] >= 0x30 && line[j] <= 0x39 { j += 1 }
            if j > i, j - i <= 9, j + 1 < line.count, line[j] == 0x2E || line[j] == 0x29, line[j + 1] == 0x20 {
                i = j + 1
                itemBegun()
                continue
            }
            break
        }
        return (i, starts, heading, itemText)
    }

    /// The column the text of a list item begun on `line` (indented `indent`; `text`: where its
    /// text stands, `blockMarkers`'s `itemText`) stands at, within the quote the item is in: 0
    /// when the line begins no list item, or a quote inside one.
    private static func itemColumn(_ line: UnsafeBufferPointer<UInt8>, indent: Int, text: Int?) -> Int {
        guard let text else { return 0 }
        let quote = quotePrefix(line)
        return (quote.end == 0 ? indent : 0) + text - quote.end
    }

    /// Whether `line` starts a block of its own, which no paragraph takes as its next line: a
    /// quote, a heading, a rule, a fence or an HTML block that may interrupt a paragraph.
    private static func startsOwnBlock(_ line: UnsafeBufferPointer<UInt8>, indent: Int) -> Bool {
        line.first == UInt8(ascii: ">") || blockMarkers(line).heading || isRule(line) || CodeFence(opening: line) != nil
            || HTMLText.Block.starting(line, indent: indent, interrupting: true) != nil
    }

    /// The column the text of `line` (indented `indent`) stands at inside its quote when
    /// `quoted`, or on the page: `nil` for a blank line.
    private static func textColumn(_ line: UnsafeBufferPointer<UInt8>, indent: Int, quoted: Bool) -> Int? {
        guard quoted, line.first == UInt8(ascii: ">") else { return line.isEmpty ? nil : indent }
        let quote = quotePrefix(line)
        return quote.end == line.count ? nil : quote.indent
    }

    /// Where a line's quote markers end, each with the one space that belongs to it, how many
    /// more spaces indent the text after them, and how many quotes the line is in.
    private static func quotePrefix(_ line: UnsafeBufferPointer<UInt8>) -> (end: Int, indent: Int, depth: Int) {
        var i = 0, end = 0, indent = 0, depth = 0
        while i < line.count, line[i] == UInt8(ascii: ">") {
            i += 1
            depth += 1
            if i < line.count, line[i] == 0x20 { i += 1 }
            end = i
            indent = 0
            while i < line.count, line[i] == 0x20 || line[i] == 0x09 {
                indent += line[i] == 0x09 ? 4 : 1
                i += 1
            }
        }
        return i == line.count ? (i, 0, depth) : (end, indent, depth)
    }

    /// Inline markup dropped: `*`, `_`, `` ` ``, `~`, `\` escapes, HTML tags and comments,
    /// footnote marks, link and image targets; `[text](url)` and `![alt](src)` keep their text;
    /// table pipes and entities become what they show; with `rawHTML`, a tag GFM's filter shows
    /// (`<iframe>`) is text. `line` is at `lineAt` in `markdown`, whose next lines a tag or a
    /// comment may run into (up to the paragraph's end).
    /// - Returns: where in `markdown` reading goes on, when a tag or comment ran past the line.
    private static func appendInline(
        _ line: UnsafeBufferPointer<UInt8>, at lineAt: Int, in markdown: UnsafeBufferPointer<UInt8>, footnotes: FootnoteLabels, rawHTML: Bool,
        to out: inout [UInt8]
    ) -> Int? {
        let end = line.count
        // What was looked for is remembered: looked for again from later on the line (each `<`
        // of `<<<<…`, each `[](` of a run), it is not looked for again from there to the end.
        var seen = Seen()
        func find(_ byte: UInt8, from start: Int) -> Int? {
            seen.find([byte], from: start) { needle, from in
                var k = from
                while k < end { if line[k] == needle[0] { return k }; k += 1 }
                return nil
            }
        }
        /// The line's paragraph from `at` (a place of the line) to its end, found once.
        var paragraphEnd: Int? = nil
        func paragraphFrom(_ at: Int) -> UnsafeBufferPointer<UInt8> {
            if paragraphEnd == nil { paragraphEnd = lineAt + paragraph(from: lineAt, in: markdown).count }
            return UnsafeBufferPointer(rebasing: markdown[(lineAt + at)..<paragraphEnd!])
        }
        /// How many `[` are open: a `]` closes a link's text only after one.
        var brackets = 0
        var i = 0
        while i < end {
            // Runs of bytes that are no markup are copied whole.
            var run = i
            markup.withUnsafeBufferPointer { markup in
                while run < end, !markup[Int(line[run])] { run += 1 }
            }
            if run > i {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: line[i..<run]))
                i = run
                if i == end { break }
            }
            let byte = line[i]
            // A code span (`` `<span>` ``) is shown as written: what is inside is no markup.
            // A run of backticks that opens no code span is text as a whole (read once, not
            // again from each of its backticks).
            var step = 1
            if byte == 0x60 {
                if let (inside, after) = codeSpan(line, from: i, unclosed: &seen.unclosedTicks) {
                    out.append(contentsOf: inside)
                    i = after
                    continue
                }
                while i + step < end, line[i + step] == 0x60 { step += 1 }
            }
            switch byte {
            case 0x2A, 0x5F, 0x60, 0x7E:  // * _ ` ~
                // An underscore inside a word is a letter of it (snake_case); another mark inside
                // a word is seldom emphasis (`chi*bộ`): it parts the word, as on the page.
                if let last = out.last, isWordByte(last), i + 1 < end, isWordByte(line[i + 1]) { out.append(byte == 0x5F ? byte : 0x20) }
            case 0x5C:  // backslash escape
                if i + 1 < end {
                    out.append(line[i + 1])
                    i += 2
                    continue
                }
            case 0x7C:  // table cell: one space between cells
                if let last = out.last, last != 0x20, last != 0x0A { out.append(0x20) }
                while i + 1 < end, line[i + 1] == 0x20 { i += 1 }
            case 0x21 where i + 1 < end && line[i + 1] == 0x5B:  // ![
                break
            case 0x5B where i + 1 < end && line[i + 1] == 0x5E:  // [^note]: its number, when it has a note
                if let close = find(0x5D, from: i), close > i + 2, footnotes.isDefined(Array(line[(i + 2)..<close])) {
                    i = close + 1
                    continue
                }
                out.append(byte)
            case 0x5B:
                brackets += 1
            case 0x5D where brackets > 0:  // ] then (target) or [ref]
                brackets -= 1
                if i + 1 < end, line[i + 1] == 0x28 || line[i + 1] == 0x5B,
                    let close = line[i + 1] == 0x28 ? closingParenthesis(line, from: i + 1, find: find) : find(0x5D, from: i + 1)
                {
                    i = close + 1
                    continue
                }
            case 0x5D:
                out.append(byte)
            case 0x3C:  // <tag>, <!-- comment -->, or <autolink>
                let rest = UnsafeBufferPointer(rebasing: line[i...])
                // A tag's attributes or a comment may go on for lines, to the paragraph's end,
                // which is looked for only when the line does not close it.
                if let (close, skip) = HTMLText.opening(rest, inline: true) {
                    if let found = seen.find(close, from: i + skip, in: line) {
                        i = found + close.count
                        continue
                    }
                    // Not closed in the paragraph: no comment, shown as written.
                    let paragraph = paragraphFrom(0)
                    if let found = seen.find(close, from: i + skip, in: paragraph, paragraph: true) { return lineAt + found + close.count }
                } else if let length = HTMLText.tagLength(rest) {
                    if rawHTML, HTMLText.isFiltered(rest) { out += rest[..<length] }
                    i += length
                    continue
                } else if let length = HTMLText.tagLength(paragraphFrom(i)) {
                    if rawHTML, HTMLText.isFiltered(rest) { out += UnsafeBufferPointer(rebasing: markdown[(lineAt + i)...])[..<length] }
                    return lineAt + i + length
                }
                // An autolink shows its address: `<https://…>`, `<mailto:…>`, `<ten@xa.vn>`.
                if let close = find(0x3E, from: i), isAutolink(UnsafeBufferPointer(rebasing: line[(i + 1)..<close])) {
                    out.append(contentsOf: line[(i + 1)..<close])
                    i = close + 1
                    continue
                }
                out.append(byte)
            case 0x26:  // &entity;
                if let (text, length) = HTMLReference.at(UnsafeBufferPointer(rebasing: line[i...]), reading: .markdown) {
                    out += text
                    i += length
                    continue
                }
                out.append(byte)
            default:
                out.append(byte)
            }
            i += step
        }
        return nil
    }

    /// The text of the code span opened by the run of backticks at `open` (one space trimmed at
    /// each end when both have one), and where the span ends; `nil` when no run of as many
    /// backticks closes it on the line.
    private static func codeSpan(_ line: UnsafeBufferPointer<UInt8>, from open: Int, unclosed: inout [Int: Int]) -> (UnsafeBufferPointer<UInt8>, Int)? {
        var ticks = 0
        while open + ticks < line.count, line[open + ticks] == 0x60 { ticks += 1 }
        // No run of as many closes one opened earlier: none closes this one.
        if let from = unclosed[ticks], from <= open { return nil }
        var k = open + ticks
        while k < line.count {
            guard line[k] == 0x60 else { k += 1; continue }
            var run = 0
            while k + run < line.count, line[k + run] == 0x60 { run += 1 }
            if run == ticks {
                var start = open + ticks, end = k
                if end - start >= 2, line[start] == 0x20, line[end - 1] == 0x20 { start += 1; end -= 1 }
                return (UnsafeBufferPointer(rebasing: line[start..<end]), k + run)
            }
            k += run
        }
        unclosed[ticks] = open
        return nil
    }

    /// What one line's reading looked for and where it was (or was not) found, so that it is not
    /// looked for again over the same bytes: each answer holds for any later start up to the
    /// place found, and for every later start when nothing was found.
    private struct Seen {
        private var answers: [[UInt8]: (from: Int, found: Int?)] = [:]
        private var paragraphAnswers: [[UInt8]: (from: Int, found: Int?)] = [:]
        /// For each length of a run of backticks, the first run of it no later run closes.
        var unclosedTicks: [Int: Int] = [:]

        /// Where `needle` first is at or after `start`, by `search` (from a start) when not known.
        mutating func find(_ needle: [UInt8], from start: Int, paragraph: Bool = false, search: ([UInt8], Int) -> Int?) -> Int? {
            if let known = (paragraph ? paragraphAnswers : answers)[needle], known.from <= start {
                guard let found = known.found else { return nil }
                if found >= start { return found }
            }
            let found = search(needle, start)
            if paragraph { paragraphAnswers[needle] = (start, found) } else { answers[needle] = (start, found) }
            return found
        }

        /// Where `needle` first is in `text` at or after `start`.
        mutating func find(_ needle: [UInt8], from start: Int, in text: UnsafeBufferPointer<UInt8>, paragraph: Bool = false) -> Int? {
            find(needle, from: start, paragraph: paragraph) { needle, from in text.firstOffset(of: needle, from: from) }
        }
    }

    /// `markdown` from `start` to the end of its paragraph (a blank line, or the end).
    private static func paragraph(from start: Int, in markdown: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var k = start
        while k < markdown.count {
            guard markdown[k] == 0x0A else { k += 1; continue }
            var next = k + 1
            while next < markdown.count, markdown[next] == 0x20 || markdown[next] == 0x09 || markdown[next] == 0x0D { next += 1 }
            if next >= markdown.count || markdown[next] == 0x0A { break }
            k = next
        }
        return UnsafeBufferPointer(rebasing: markdown[start..<k])
    }

    /// Where the link target opened at `open` ends: its parentheses may hold balanced pairs
    /// (`…/Hồ_Chí_Minh_(định_hướng))`), `<…>` may hold any, `\` escapes one.
    private static func closingParenthesis(_ line: UnsafeBufferPointer<UInt8>, from open: Int, find: (UInt8, Int) -> Int?) -> Int? {
        var depth = 0
        var k = open
        var angled = false
        // A `)` must follow, and a `>` an address in `<…>`; no more than 32 parentheses nest, as
        // cmark-gfm reads them.
        guard find(0x29, open) != nil else { return nil }
        while k < line.count {
            switch line[k] {
            case 0x5C: k += 1
            case 0x3C where k == open + 1:
                guard find(0x3E, k) != nil else { return nil }
                angled = true
            case 0x3E where angled: angled = false
            case 0x28 where !angled:
                depth += 1
                if depth > 32 { return nil }
            case 0x29 where !angled:
                depth -= 1
                if depth == 0 { return k }
            default: break
            }
            k += 1
        }
        return nil
    }

    /// What `<…>` makes a link of, showing it: an address with a scheme (`https://…`,
    /// `mailto:…`, two to 32 characters before the colon) and no space, or an e-mail address.
    private static func isAutolink(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !text.isEmpty, !text.contains(where: { $0 <= 0x20 || $0 == 0x3C }) else { return false }
        if let colon = text.firstIndex(of: 0x3A), colon >= 2, colon <= 32, text[0] | 0x20 >= 0x61, text[0] | 0x20 <= 0x7A,
            text[..<colon].allSatisfy({ $0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2B || $0 == 0x2E || $0 == 0x2D })
        {
            return true
        }
        guard let at = text.firstIndex(of: 0x40), at > 0, at + 1 < text.count else { return false }
        return text[(at + 1)...].allSatisfy { $0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x2E }
            && !text[..<at].contains(where: { $0 >= 0x80 || $0 == 0x3E })
    }

    /// The bytes `appendInline` looks at: `! & * < [ \\ ] _ ` | ~`.
    private static let markup: [Bool] = (0..<256).map { [0x21, 0x26, 0x2A, 0x3C, 0x5B, 0x5C, 0x5D, 0x5F, 0x60, 0x7C, 0x7E].contains($0) }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }

}
