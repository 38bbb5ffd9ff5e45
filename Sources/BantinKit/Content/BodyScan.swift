import Foundation

/// What an article's body points to, found once when its file is read (and kept in the article
/// cache with it): its links that are not to other sites, and the directive codes its running
/// text mentions that its `directives` do not list, each a warning.
enum BodyScan {
    /// An error when `body` would blow up into a page far larger than its text
    /// (`MarkdownBlowUp`): such a body is not parsed at all.
    static func blowUp(in body: String, bodyLine: Int, file: String) -> Diagnostic? {
        MarkdownBlowUp.problem(in: body).map { .error(file, line: bodyLine + $0.line - 1, column: $0.column, $0.message) }
    }

    /// The references of `body`, positioned in its file. A body that can hold neither a link
    /// (no `](`, `]:` or `<`), a footnote (`[^`), a broken table nor a code that `listed` lacks is
    /// not parsed at all: most are not.
    static func references(of body: String, listed: [DirectiveCode], bodyLine: Int) -> BodyReferences {
        var body = body
        return body.withUTF8 { bytes in
            guard mayHoldLinks(bytes) || Footnotes.mayBeIn(bytes) || BrokenTable.mayBeIn(bytes) || mentionsUnlisted(bytes, listed: listed) else { return .none }
            var found = MarkdownRenderer.references(in: bytes)
            found.mentions.removeAll { listed.contains($0.code) }
            return shifted(found, by: bodyLine - 1)
        }
    }

    /// A warning when the body starts with a second front matter: a line `---`, then lines up to
    /// the next `---` (without one, to a blank line) of which one is a field of the front matter's
    /// (`title:`; capitalised, `Source: Reuters` of an English text, only when its value reads as
    /// that field's), as when a header is pasted twice or an old one (Jekyll's `layout: post`
    /// first) is left. Markdown would publish it as a rule and a heading of its fields. An error
    /// when one of its lines would keep the text out (`draft: true`, Jekyll's `published: false`:
    /// `FieldReader.keepsOut`): the draft would be published.
    static func secondFrontMatter(in body: String, bodyLine: Int, file: String, fields: Set<String>) -> Diagnostic? {
        guard let fence = firstLines(of: body, count: 1).first, fence.text == "---" else { return nil }
        let raw = body.split(separator: "\n", maxSplits: fence.index + 42, omittingEmptySubsequences: false).dropFirst(fence.index + 1).prefix(40)
        let after = raw.map { String($0).trimmingWhitespace }
        // Code right under the rule (indented four spaces) is Markdown's, not YAML's.
        if let first = raw.first(where: { !$0.allSatisfy(\.isWhitespace) }), first.hasPrefix("    ") || first.hasPrefix("\t") { return nil }
        // Up to its closing `---` (over blank lines, and lines a value goes on to); a code fence, or a
        // paragraph after a blank line, is the text's (a guide showing front matter in a code block).
        // Without a closing `---`, up to a blank line.
        var closing: Int? = nil
        for (k, line) in raw.enumerated() {
            let text = after[k]
            if text == "---" || text == "..." { closing = k; break }
            if text.hasPrefix("```") || text.hasPrefix("~~~") { break }
            if k > 0, after[k - 1].isEmpty, !text.isEmpty, !isYAMLLine(line) { break }
        }
        let block = closing.map { after[..<$0] } ?? after.prefix { !$0.isEmpty }
        var named: (index: Int, key: String)? = nil
        for (k, line) in block.enumerated() {
            guard !line.hasPrefix("#"), let colon = line.firstIndex(of: ":") else { continue }
            let key = String(line[..<colon]).trimmingWhitespace
            var value = String(line[line.index(after: colon)...])
            if let comment = value.range(of: " #") { value = String(value[..<comment.lowerBound]) }
            value = value.trimmingWhitespace
            let index = fence.index + 1 + k
            if FieldReader.keepsOut(key: key, value: value) {
                return .error(file, line: bodyLine + index, column: 1,
                    "`\(key): \(value)` is in a second front matter at the body's start (the `---` of line \(bodyLine + fence.index)): bantin reads only the first, so the article would be published, and this shown as its text; move its fields into the front matter above, and delete it")
            }
            if named == nil, fields.contains(key) || (fields.contains(key.lowercased()) && reads(value, asField: key.lowercased())) { named = (index, key) }
        }
        guard let named else { return nil }
        return .warning(file, line: bodyLine + fence.index, column: 1,
            "the body starts with a second front matter (`---`, then `\(named.key):` at line \(bodyLine + named.index)): bantin reads only the first, and would publish this one as text; move its fields into the front matter above, and delete it")
    }

    /// Whether a line reads as one of YAML fields: a field (`key:`, a key of no space), a comment,
    /// a list's item, or a line indented under one.
    private static func isYAMLLine(_ line: Substring) -> Bool {
        let text = String(line).trimmingWhitespace
        if line.first == " " || line.first == "\t" || text.hasPrefix("#") || text.hasPrefix("- ") { return true }
        guard let colon = text.firstIndex(of: ":") else { return false }
        return !text[..<colon].isEmpty && !text[..<colon].contains(" ")
    }

    /// Whether `value` (lower-cased) reads as the value of the field `key` takes: a capitalised
    /// key (`Draft: true`) is taken for a field only so, not the first line of an English text.
    private static func reads(_ value: String, asField key: String) -> Bool {
        let value = value.lowercased()
        switch key {
        case "draft": return ["true", "false", "yes", "no"].contains(value)
        case "date", "updated": return value.count >= 10 && DateParser.parse(String(value.prefix(25)), in: .vietnam) != nil
        case "image": return !value.contains(" ") && PhotoNaming.isPhoto(value)
        default: return false
        }
    }

    /// An error when the body starts with a line of the front matter's (`draft: true`,
    /// `image: media/anh.jpg`): typed under the closing `---`, or left under a stray `---` that
    /// closed the front matter early. Markdown would publish it as text, and the article would go
    /// out without it (a draft published, a photo lost).
    ///
    /// A key as typed in front matter (`draft`); a capitalised one (`Source: Reuters`, the first
    /// line of an English text) only when its value reads as that field's (`Draft: true`, a date,
    /// a photo's path). A line indented as code is none.
    static func fieldUnderFrontMatter(in body: String, bodyLine: Int, file: String, fields: Set<String>) -> Diagnostic? {
        guard let first = firstLines(of: body, count: 1).first, let colon = first.text.firstIndex(of: ":") else { return nil }
        let raw = body.split(separator: "\n", maxSplits: first.index + 1, omittingEmptySubsequences: false)[first.index]
        guard !raw.hasPrefix("    "), !raw.hasPrefix("\t") else { return nil }
        let key = String(first.text[..<colon]).trimmingWhitespace
        let value = first.text[first.text.index(after: colon)...].trimmingCharacters(in: .whitespaces).lowercased()
        if !fields.contains(key) {
            guard fields.contains(key.lowercased()), reads(value, asField: key.lowercased()) else { return nil }
        }
        let closing = bodyLine - 1
        return .error(file, line: bodyLine + first.index, column: 1,
            "`\(key):` is a field of the front matter, but it is under the `---` of line \(closing) that closed the front matter: it would be published as the article's text (and not be read as a field); move it above that `---`, or delete that `---` if it is a stray one")
    }

    /// The first `count` lines of `body` that are not blank, each trimmed, with its index: read
    /// a byte at a time and no further (every article's body is asked, whole bodies are long).
    private static func firstLines(of body: String, count: Int) -> [(index: Int, text: String)] {
        var lines: [(index: Int, text: String)] = []
        var start = body.utf8.startIndex, index = 0
        while lines.count < count, start < body.utf8.endIndex {
            let end = body.utf8[start...].firstIndex(of: 0x0A) ?? body.utf8.endIndex
            let text = String(Substring(body.utf8[start..<end])).trimmingWhitespace
            if !text.isEmpty { lines.append((index, text)) }
            start = end < body.utf8.endIndex ? body.utf8.index(after: end) : end
            index += 1
        }
        return lines
    }

    /// The headings of a body (`#` to `######`, and a paragraph's line underlined with `===` or
    /// `---`), outside fenced code and HTML blocks (`HTMLText.Block`: comments, `<pre>`, a `<div>`
    /// up to a blank line…), each warned
    /// when it misleads a reader: a level-1 heading is a second title on the article's page (and
    /// of the title's rank in the print edition); a heading more than one level below the one
    /// before it (the title first) skips a level, which screen readers move through. Read on
    /// bytes, a line at a time, only when the body has a `#`, a `=` or a `|` (a body whose only heading
    /// is underlined with `===` has a second title; one underlined with `---` skips no level). A
    /// `#` heading in a quote or a list item (`> #### Điều 1`, `1. # Một`) is one too. A table whose
    /// header row is empty is told too (its columns have no names). `page`: whose page the body is
    /// on (`the article's`, `the directive's`).
    static func titleHeadings(in body: String, bodyLine: Int, file: String, page: String = "the article's") -> [Diagnostic] {
        var body = body
        return body.withUTF8 { bytes -> [Diagnostic] in
            guard let base = bytes.baseAddress,
                  ["#", "=", "|"].contains(where: { memchr(base, Int32(UInt8(ascii: $0)), bytes.count) != nil })
            else { return [] }
            var warnings: [Diagnostic] = []
            // The code block being read: its fence, and for one opened on a list item's line, the
            // column of the item's text (a line less indented ends the item, and the block).
            var fence: (fence: CodeFence, content: Int?)? = nil
            /// The end of an HTML block (`-->`, `</pre>`…) being skipped.
            // The HTML block being read (cmark-gfm's kinds, as search reads them): no heading in it.
            var html: HTMLText.Block? = nil
            // The level before (the title's first, in the body's or not), and whether the line
            // before is a paragraph's (a `---` or `===` under it makes it a heading).
            var previous = (level: 1, inBody: false), paragraphBefore = false
            // The last line that was a table row of empty cells (`| | |`): its index and column.
            var emptyRow: (index: Int, column: Int)? = nil
            var lineStart = 0, index = 0
            func warn(_ level: Int, column: Int, marks: String) {
                if level == 1 {
                    warnings.append(.warning(file, line: bodyLine + index, column: column,
                        "a `\(marks)` heading is a second title on \(page) page, whose title is the only one: write `##` for a section (`###` below it)"))
                } else if level > previous.level + 1 {
                    let above = String(repeating: "#", count: previous.level + 1)
                    let after = previous.inBody ? "after a level-\(previous.level) heading" : "right after the title"
                    warnings.append(.warning(file, line: bodyLine + index, column: column,
                        "a `\(marks)` heading \(after) skips a level, which screen readers move through: write `\(above)`"))
                }
                previous = (level, true)
            }
            while lineStart < bytes.count {
                let lineEnd = memchr(base + lineStart, 0x0A, bytes.count - lineStart).map { UnsafeRawPointer(base).distance(to: UnsafeRawPointer($0)) } ?? bytes.count
                // In a quote, its text after the `>` marks: code fences, HTML blocks and headings there are read as outside.
                let whole = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                let quoted = Self.afterQuotes(whole)
                let line = UnsafeBufferPointer(rebasing: whole[quoted...])
                defer { lineStart = lineEnd + 1; index += 1 }
                if let block = html {
                    if block.endsBlock(line) { html = nil }
                    continue
                }
                if let (open, content) = fence {
                    let (indent, lead) = CodeFence.indent(of: line)
                    let rest = UnsafeBufferPointer(rebasing: line[lead...])
                    if let content, indent < content, !rest.allSatisfy(\.isWhitespace) {
                        fence = nil
                    } else {
                        if indent - (content ?? 0) < 4, open.isClosed(by: rest) { fence = nil }
                        continue
                    }
                }
                var at = 0
                while at < line.count, at < 4, line[at] == UInt8(ascii: " ") { at += 1 }
                let blank = line[at...].allSatisfy(\.isWhitespace)
                guard at <= 3, !blank else {
                    paragraphBefore = paragraphBefore && !blank && fence == nil
                    continue
                }
                let first = line[at]
                let text = UnsafeBufferPointer(rebasing: line[at...])
                if let open = CodeFence.opening(orInListItem: text) {
                    fence = (open.fence, open.at > 0 ? at + open.at : nil)
                    paragraphBefore = false
                    continue
                }
                var run = at
                while run < line.count, line[run] == first { run += 1 }
                let rest = line[run...].allSatisfy(\.isWhitespace)
                if first == UInt8(ascii: "<"), let block = HTMLText.Block.starting(text, indent: at, interrupting: paragraphBefore) {
                    if block.ends.isEmpty || !block.endsBlock(text) { html = block }
                    paragraphBefore = false
                    continue
                }
                // `===` or `---` under a paragraph's line: a heading of level 1 or 2.
                if paragraphBefore, first == UInt8(ascii: "=") || first == UInt8(ascii: "-"), rest {
                    warn(first == UInt8(ascii: "=") ? 1 : 2, column: quoted + at + 1, marks: first == UInt8(ascii: "=") ? "===" : "---")
                    paragraphBefore = false
                    continue
                }
                // In a list item (or a quote in one), after its marks (`- `, `1. `, `- > `); a
                // number other than 1 starts no list after a paragraph's line (`2023. # 1 toàn tỉnh`).
                let start = Self.afterContainers(line, from: at, paragraphBefore: paragraphBefore)
                var end = start
                while end < line.count, line[end] == UInt8(ascii: "#") { end += 1 }
                let level = end - start
                if (1...6).contains(level), end == line.count || line[end] == UInt8(ascii: " ") || line[end] == UInt8(ascii: "\t") {
                    warn(level, column: quoted + start + 1, marks: String(repeating: "#", count: level))
                    paragraphBefore = false
                    continue
                }
                // A table whose header row has no text (`| | |`, a table pasted from Word with
                // none): a screen reader names its columns by nothing.
                if let row = emptyRow, row.index == index - 1, Self.isDelimiterRow(line[at...]) {
                    warnings.append(.warning(file, line: bodyLine + row.index, column: row.column,
                        "a table's first row, its header, is empty: a screen reader names each column by it; write the columns' names there (`| STT | Đơn vị | Ghi chú |`)"))
                }
                emptyRow = Self.isEmptyRow(line[at...]) ? (index, quoted + at + 1) : nil
                paragraphBefore = !Self.startsBlock(line[at...])
            }
            return warnings
        }
    }

    /// A table row of cells with nothing in them (`| | |`).
    private static func isEmptyRow(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        text.count { $0 == UInt8(ascii: "|") } >= 2 && text.allSatisfy { $0 == UInt8(ascii: "|") || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
    }

    /// A table's delimiter row, under its header (`|---|:---:|`): cells of `-` with a `:` at either end.
    private static func isDelimiterRow(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard text.contains(UInt8(ascii: "|")) else { return false }
        let cells = text.split(separator: UInt8(ascii: "|")).map { $0.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") } }.filter { !$0.isEmpty }
        return !cells.isEmpty && cells.allSatisfy { cell in
            let dashes = cell.drop { $0 == UInt8(ascii: ":") }.reversed().drop { $0 == UInt8(ascii: ":") }
            return !dashes.isEmpty && dashes.allSatisfy { $0 == UInt8(ascii: "-") } && cell.count - dashes.count <= 2
        }
    }

    /// Where a line's text starts after the `>` marks of the quotes it is in (each after up to
    /// three spaces, with one space of its own): 0 for a line of no quote.
    private static func afterQuotes(_ line: UnsafeBufferPointer<UInt8>) -> Int {
        var at = 0, text = 0
        while true {
            var mark = at
            while mark < line.count, mark - at < 3, line[mark] == UInt8(ascii: " ") { mark += 1 }
            guard mark < line.count, line[mark] == UInt8(ascii: ">") else { return text }
            at = mark + 1
            if at < line.count, line[at] == UInt8(ascii: " ") || line[at] == UInt8(ascii: "\t") { at += 1 }
            text = at
        }
    }

    /// Where a line's text starts after the marks of the list items (and quotes in them) it is in
    /// (`- `, `* `, `+ `, `1. `, `1) `, `> `, each followed by a space or a tab, then up to three
    /// more spaces), from `at`. After a paragraph's line only a list starting at 1 is one.
    private static func afterContainers(_ line: UnsafeBufferPointer<UInt8>, from at: Int, paragraphBefore: Bool) -> Int {
        var at = at
        func spaces() { var n = 0; while at < line.count, n < 3, line[at] == UInt8(ascii: " ") { at += 1; n += 1 } }
        var first = true
        while at < line.count {
            if line[at] == UInt8(ascii: ">") {
                at += afterQuotes(UnsafeBufferPointer(rebasing: line[at...]))
                spaces()
                first = false
                continue
            }
            var marker = at
            while marker < line.count, marker - at < 9, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(line[marker]) { marker += 1 }
            let numbered = marker > at && marker < line.count && (line[marker] == UInt8(ascii: ".") || line[marker] == UInt8(ascii: ")"))
                && !(first && paragraphBefore && !(marker - at == 1 && line[at] == UInt8(ascii: "1")))
            let bullet = marker == at && [UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+")].contains(line[at])
            let after = numbered ? marker + 1 : at + 1
            guard numbered || bullet, after < line.count, line[after] == UInt8(ascii: " ") || line[after] == UInt8(ascii: "\t") else { break }
            at = after + 1
            spaces()
            first = false
        }
        return at
    }

    /// Whether a line's text starts a block of its own (a list item, a quote, a table row), under
    /// which `---` is no heading's underline.
    private static func startsBlock(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard let first = text.first else { return true }
        if first == UInt8(ascii: ">") || first == UInt8(ascii: "|") { return true }
        let second = text.dropFirst().first
        if first == UInt8(ascii: "-") || first == UInt8(ascii: "*") || first == UInt8(ascii: "+") { return second == UInt8(ascii: " ") || second == nil }
        let digits = text.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        if !digits.isEmpty, let mark = text.dropFirst(digits.count).first { return mark == UInt8(ascii: ".") || mark == UInt8(ascii: ")") }
        return false
    }

    /// The references of a directive's or theme's description: its links (its mentions need no warning).
    static func links(of body: String, bodyLine: Int) -> BodyReferences {
        var body = body
        guard body.withUTF8(mayHoldLinks) else { return .none }
        var found = MarkdownRenderer.references(in: body)
        found.mentions = []
        return shifted(found, by: bodyLine - 1)
    }

    /// Whether a body holds nothing but blank lines and HTML comments (which no page shows; one
    /// indented four spaces or a tab is a code block, shown as text).
    static func isEmpty(_ body: String) -> Bool {
        var rest = Substring(body)
        while true {
            rest = rest.drop { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            let indent = rest.prefix { $0 == " " || $0 == "\t" }
            let line = rest.dropFirst(indent.count)
            if line.isEmpty { return true }
            if line.first == "\n" || line.first == "\r" || line.first == "\r\n" {
                rest = line
                continue
            }
            guard line.hasPrefix("<!--"), indent.count < 4, !indent.contains("\t") else { return false }
            // A comment never closed runs to the end of the text.
            guard let end = line.firstRange(of: "-->") else { return true }
            rest = line[end.upperBound...]
        }
    }

    /// An image loaded by its full address, in Markdown or in HTML the site publishes (`<img
    /// src>`, a `srcset`, a video's `poster`): from another site (fetched from there by every
    /// reader, gone when that site moves it or is out of reach), or from the bulletin's own
    /// `baseURL` (not shown from disk, and not checked): each a warning at its place.
    static func borrowedImages(_ references: BodyReferences, file: String, baseURL: String?, unsafeHTML: Bool) -> [Diagnostic] {
        references.addressLinks(unsafeHTML: unsafeHTML).filter(\.isImage).map { image in
            let ownSite = baseURL.map { LinkDestination.isAddress(image.destination, under: $0) } ?? false
            let why = ownSite
                ? "image on this bulletin's own site by its full address (\(image.destination)): it does not show when the site is opened from disk or before it is published"
                : "image from another site (\(image.destination)): every reader's browser fetches it from there, and it is gone when that site moves it or is out of reach"
            return image.position.diagnostic(.warning, file, why + "; save it under content/media/ and link to it there" + (image.hasText ? "" : ", with what it shows between the brackets"))
        }
    }

    /// One warning for an article whose body has HTML written in it that its page does not show
    /// as HTML, at the first such tag: all of it when the site publishes none (`unsafe_html` not
    /// set), else the tags GFM's filter shows as text (`<iframe>`, `<script>`…). A video's
    /// `<iframe>` or a pasted table would otherwise be missing from the page without a word.
    /// `text`: what the body is, in messages (an article, a directive's description).
    /// `body`: the text's Markdown, when what is left of it without the HTML is to be looked at:
    /// when nothing is (a migrated post written all in `<p>…</p>`), the page would be empty, and
    /// that is an error.
    static func rawHTMLWarning(_ references: BodyReferences, file: String, unsafeHTML: Bool, text: String = "the article", body: BodyText? = nil) -> Diagnostic? {
        let found = unsafeHTML ? references.rawHTML.filter { filteredTags.contains($0.tag) } : references.rawHTML
        guard let first = found.first else { return nil }
        var tags: [String] = []
        for tag in found.map(\.tag) where !tags.contains(tag) { tags.append(tag) }
        let named = tags.prefix(3).map { $0 == RawHTML.textTag ? "the text of an HTML block" : "`<\($0)>`" }.joined(separator: ", ")
            + (tags.count > 3 ? " and other tags" : "")
        let count = found.count > 1 ? "; \(found.count) in all, the first here" : ""
        let never = "`<iframe>`, `<script>`, `<style>` and the like are never published, even with `unsafe_html: true`: link to what they show (`[Xem video](https://…)`)"
        if unsafeHTML {
            return first.position.diagnostic(.warning, file, "HTML written in \(text) (\(named)\(count)) is shown on its page as text: \(never)")
        }
        // Empty: no text and no image without the HTML, though the HTML holds text (a body of
        // `<p>&nbsp;</p>`, or a photo with a `<br>`, shows what it would show without it).
        let hasImage = (references.links + references.remote).contains(where: \.isImage)
        // What a page shows besides text: a photo, a video, a table written in HTML.
        let showsMore = found.contains { ["img", "picture", "figure", "video", "audio", "iframe", "object", "embed", "table", "svg"].contains($0.tag) }
        let leftEmpty = !hasImage && body.map { body in
            body.utf8.withUnsafeBufferPointer { bytes in
                isBlank(MarkdownPlainText.text(of: bytes, rawHTML: false))
                    && (showsMore || !isBlank(MarkdownPlainText.text(of: bytes, rawHTML: true)))
            }
        } ?? false
        return first.position.diagnostic(leftEmpty ? .error : .warning, file,
            "HTML written in \(text) (\(named)\(count)) is left out of its page\(leftEmpty ? ", and it is all the text has: its page would be empty" : ""): write it in Markdown (`**đậm**`, `[chữ](địa-chỉ)`, `![mô tả](ảnh.jpg)`), or set `unsafe_html: true` in site.yml to publish HTML as written"
                + (found.contains { filteredTags.contains($0.tag) } ? "; \(never)" : ""))
    }

    /// Whether UTF-8 text shows nothing: spaces, line breaks, no-break spaces only.
    private static func isBlank(_ text: [UInt8]) -> Bool {
        String(decoding: text, as: UTF8.self).unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }

    /// With `unsafe_html`, what HTML written in the article publishes as written that Markdown
    /// would not, each a warning at its tag: an address bantin would have to resolve, as it does a
    /// Markdown link's (it is neither checked nor made to lead to the article or file it names);
    /// an unsafe address (`javascript:`), which Markdown would show as text; an attribute that
    /// runs a script (`onerror`). A picture written into the HTML as an address (in an attribute,
    /// a style or a comment, all published as written) is an error, as in Markdown.
    static func rawHTMLAddresses(_ references: BodyReferences, file: String, unsafeHTML: Bool, text: String = "the article", contentRoot: String) -> [Diagnostic] {
        guard unsafeHTML else { return [] }
        return references.rawHTML.filter { !filteredTags.contains($0.tag) }.flatMap { html -> [Diagnostic] in
            let written = "in HTML written in \(text) (`<\(html.tag)>`) is published as written"
            let addresses = html.addresses.map { $0.trimmingCharacters(in: .whitespaces) }
            // An anchor or a query leads to this page, as Markdown's do.
            let unresolved = html.localAddresses.map { address in
                // Markdown shows a picture as an image, and links to anything else.
                let picture = ["img", "source"].contains(html.tag) && PhotoNaming.isPicture(LinkParts(address).path)
                let markdown = picture ? "![mô tả](\(address))" : "[chữ](\(address))"
                return html.position.diagnostic(.warning, file,
                    "`\(address)` \(written): bantin neither checks it nor makes it lead to the page or file it names, as it does for Markdown; write it in Markdown (`\(markdown)`)")
            }
            let unsafe = addresses.filter(LinkDestination.isUnsafe).map { address in
                html.position.diagnostic(.warning, file,
                    "unsafe link `\(address.prefix { $0 != ":" }.lowercased()):` \(written): it runs in the reader's browser (from Markdown it would be shown as text); link to a web page instead")
            }
            let scripts = html.handlers.map { handler in
                html.position.diagnostic(.warning, file, "`\(handler)` \(written): it runs a script in the reader's browser; take it out")
            }
            // Saved with a web page: elements of a page's head, which redirect the whole page.
            let misdirecting = [
                "base": "it makes every relative link of the page lead under its address (the menu, breadcrumbs, other articles)",
                "meta": "in a page's body it can take the reader to another page (`http-equiv=\"refresh\"`) or change how the page is read",
                "link": "it loads a stylesheet or more from wherever it names",
            ][html.tag].map { why in [html.position.diagnostic(.warning, file, "`<\(html.tag)>` \(written): \(why); take it out")] } ?? []
            let unclosed = html.leftOpen
                ? [html.position.diagnostic(.warning, file, "`<\(html.tag)>` in HTML written in \(text) is not closed: a browser that runs scripts reads all the page after it as its content, and shows none of it (the rest of the text, the page's foot); close it with `</\(html.tag)>`")]
                : []
            return unresolved + unsafe + scripts + misdirecting + unclosed + imageWithoutAlt(html, file: file, text: text)
        } + references.picturesInHTML.map { $0.position.diagnostic(.error, file, pictureWrittenIn($0.kind, contentRoot: contentRoot)) }
    }

    /// An image in HTML written in a text (`<img>`) as a Markdown image is told: without `alt`
    /// (a screen reader reads its address, or nothing), or with a file's name for one.
    /// `alt=""` says the picture only decorates, and is none.
    private static func imageWithoutAlt(_ html: RawHTML, file: String, text: String) -> [Diagnostic] {
        guard html.tag == "img" else { return [] }
        let write = "write what it shows (`alt=\"Quang cảnh hội nghị\"`), or `alt=\"\"` for a picture that only decorates"
        if let alt = html.alt {
            guard PhotoNaming.isFileName(alt: alt) else { return [] }
            return [html.position.diagnostic(.warning, file, "`<img>` in HTML written in \(text) has a file's name for its `alt` (`\(alt)`), which a screen reader reads out as it is: \(write)")]
        }
        return [html.position.diagnostic(.warning, file, "`<img>` in HTML written in \(text) has no `alt`: a screen reader reads out its address, or nothing of what it shows; \(write)")]
    }

    /// The error at a picture written into a text's address (`kind`: `data:image/jpeg`).
    static func pictureWrittenIn(_ kind: String, contentRoot: String) -> String {
        "a picture written into the text (`\(kind.prefix(24))…`, as some editors paste one) would be published as it is in every page, feed and print edition that shows the text: never made smaller, and with all it holds of where and by whom it was taken (its GPS position too); save it as a file under \(contentRoot)/ (\(contentRoot)/media/, say) and show it by its path, relative to this file"
    }

    /// The tags GFM's tag filter shows as text whatever the site allows.
    static let filteredTags: Set<String> = ["title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext"]

    /// A footnote `[^9]` with no note (shown as written), a note `[^3]: …` no footnote names
    /// (left out of the page) and a table GFM did not make (shown as a paragraph of `|`s): each a
    /// warning at its place.
    static func lostText(_ references: BodyReferences, file: String) -> [Diagnostic] {
        references.footnotesWithoutNote.map {
            $0.position.diagnostic(.warning, file, $0.spaced
                ? "`[^\($0.label)]` is shown as written: a footnote's label has no spaces; write `[^\(Slug(from: $0.label)?.value ?? "1")]`, here and in its note"
                : "footnote `[^\($0.label)]` has no note, so it is shown as written: add a line `[^\($0.label)]: …` (usually at the end of the article)")
        } + references.notesWithoutFootnote.map {
            $0.position.diagnostic(.warning, file, $0.again
                ? "note `[^\($0.label)]:` is left out of the page: an earlier note has its label, and only that one is shown; give this one a label of its own"
                : "note `[^\($0.label)]:` is left out of the page: no `[^\($0.label)]` in the text refers to it")
        } + references.brokenTables.map {
            $0.position.diagnostic(.warning, file,
                "this table is shown as text: its line of dashes has \($0.columns) column\($0.columns == 1 ? "" : "s") for \($0.headers) header\($0.headers == 1 ? "" : "s") above it; write as many as there are headers (`\($0.dashes)`, with any `:` of alignment), and a `|` inside a cell as `\\|`")
        }
    }

    /// At each `[text](address)` left as text because its address has a space: an error when
    /// the address looks like a file or an address (the link is lost), else a warning (words in
    /// brackets and parentheses may be meant as they are).
    static func unlinkedProblems(_ references: BodyReferences, file: String) -> [Diagnostic] {
        references.unlinked.map {
            $0.position.diagnostic($0.looksLikeAddress ? .error : .warning, file, "this link is shown as written, not as a link: its address has a space, which Markdown does not allow; write the address inside <…>, as in [bài](<hà nội.md>), or each space as %20 (or, to keep the brackets as text, write \\[ and \\])")
        }
    }

    /// One warning per code, at its first mention, with the front-matter line that would list it.
    static func mentionWarnings(_ references: BodyReferences, listed: [DirectiveCode], file: String) -> [Diagnostic] {
        var warned: Set<DirectiveCode> = []
        return references.mentions.compactMap { mention in
            guard warned.insert(mention.code).inserted else { return nil }
            if mention.typedWithTƯ {
                let written = mention.code, line = (listed + [written]).map { "\"\($0.text)\"" }.joined(separator: ", ")
                return mention.position.diagnostic(
                    .warning, file, "\(written.text.dropLast(2))TƯ is mentioned but not listed in `directives`; codes are written with TW: write it \(written) here and add \"\(written)\" to directives (`directives: [\(line)]`)")
            }
            let line = (listed + [mention.code]).map { "\"\($0.text)\"" }.joined(separator: ", ")
            return mention.position.diagnostic(
                .warning, file,
                "\(mention.code) is mentioned but not listed in `directives`: did you mean to add \"\(mention.code)\" to directives? (`directives: [\(line)]`)")
        }
    }

    /// Whether the bytes hold a code (even in code or a link) that `listed` lacks; a code spelt
    /// exactly as listed is known without making a `DirectiveCode` of it.
    private static func mentionsUnlisted(_ bytes: UnsafeBufferPointer<UInt8>, listed: [DirectiveCode]) -> Bool {
        DirectiveMentions.ranges(in: bytes).contains { range in
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            guard !listed.contains(where: { $0.text == text }) else { return false }
            return DirectiveCode(text).map { !listed.contains($0) } ?? false
        }
    }

    /// Whether the bytes hold `](`, `]:` (a link or a link reference) or `<` (an autolink).
    static func mayHoldLinks(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, bytes.count > 1 else { return false }
        // memchr looks at many bytes at a time: every body of the bulletin passes here.
        if memchr(base, Int32(UInt8(ascii: "<")), bytes.count) != nil { return true }
        var from = 0
        while from < bytes.count - 1, let found = memchr(base + from, Int32(UInt8(ascii: "]")), bytes.count - 1 - from) {
            let index = UnsafeRawPointer(base).distance(to: found)
            if bytes[index + 1] == UInt8(ascii: "(") || bytes[index + 1] == UInt8(ascii: ":") { return true }
            from = index + 1
        }
        return false
    }

    private static func shifted(_ references: BodyReferences, by lines: Int) -> BodyReferences {
        var moved = references
        moved.links.moveDown(lines)
        moved.mentions.moveDown(lines)
        moved.unlinked.moveDown(lines)
        moved.rawHTML.moveDown(lines)
        moved.picturesInHTML.moveDown(lines)
        moved.remote.moveDown(lines)
        moved.footnotesWithoutNote.moveDown(lines)
        moved.notesWithoutFootnote.moveDown(lines)
        moved.brokenTables.moveDown(lines)
        return moved
    }
}

/// Something found in a body, at a place of its file.
protocol PlacedInBody {
    var position: SourcePosition { get set }
}

extension BodyLink: PlacedInBody {}
extension DirectiveMention: PlacedInBody {}
extension UnlinkedLinks.Found: PlacedInBody {}
extension RawHTML: PlacedInBody {}
extension PictureInHTML: PlacedInBody {}
extension Footnote: PlacedInBody {}
extension BrokenTable: PlacedInBody {}

extension Array where Element: PlacedInBody {
    /// Each found `lines` further down its file (a body read apart from its front matter).
    mutating func moveDown(_ lines: Int) {
        for index in indices { self[index].position.line += lines }
    }
}
