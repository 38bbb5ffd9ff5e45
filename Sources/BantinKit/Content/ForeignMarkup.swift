import Foundation

/// Markup of the tool a text was migrated from, which Markdown shows as written: WordPress's and
/// Joomla's shortcodes (`[caption …]…[/caption]`, `[table id=3 /]`, `{youtube}…{/youtube}`),
/// Hugo's (`{{< figure … >}}`, `{{% notice %}}`), Jekyll's Liquid (`{% include … %}`,
/// `{{ site.baseurl }}`), and what pandoc writes of a Word document (attributes `{.underline}`,
/// grid tables of `+---+` lines, `:::` divs, citations `[@key]`). One warning for each kind, at
/// the first, with how many there are (each pair of an opening and its closing counted once).
/// Nothing in code (a fenced or indented block, a code span) is any.
enum ForeignMarkup {
    enum Kind: CaseIterable {
        case shortcode, hugo, liquid, attributes, gridTable, div, citation
    }

    /// One found: where it starts, its kind, the words it starts with (for the message), and
    /// whether it closes another (`[/caption]`, `{{< /notice >}}`, `{% endraw %}`: not counted).
    struct Found {
        var offset: Int
        var kind: Kind
        var shown: String
        var closes = false
    }

    static func warnings(in body: String, bodyLine: Int, file: String) -> [Diagnostic] {
        var body = body
        return body.withUTF8 { bytes -> [Diagnostic] in
            let found = find(in: bytes)
            return Kind.allCases.compactMap { kind -> Diagnostic? in
                let ofKind = found.filter { $0.kind == kind }
                guard let first = ofKind.min(by: { $0.offset < $1.offset }) else { return nil }
                let counted = max(1, ofKind.count { !$0.closes })
                let before = UnsafeBufferPointer(rebasing: bytes[..<first.offset])
                let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
                let column = SourcePosition.column(after: UnsafeBufferPointer(rebasing: bytes[lineStart..<first.offset]))
                let count = counted > 1 ? " (\(counted) in all, the first here)" : ""
                return .warning(file, line: bodyLine + before.count { $0 == 0x0A }, column: column, message(kind, shown: first.shown, count: count))
            }
        }
    }

    private static func message(_ kind: Kind, shown: String, count: String) -> String {
        let photo = "write a photo as `![mô tả](/media/anh.jpg)` with its caption in italics below it"
        switch kind {
        case .shortcode:
            return "`\(shown)…` is a shortcode of the site this text was copied from\(count), which Markdown shows as written: \(photo), a video or gallery as a link (`[Xem video](https://…)`)"
        case .hugo:
            return "`\(shown)…` is a Hugo shortcode\(count), which Markdown shows as written: \(photo), a link to another text by its file (`[bài](../bai-khac.md)`), a note as a paragraph of its own"
        case .liquid:
            return "`\(shown)…` is Jekyll's Liquid\(count), which bantin does not run: Markdown shows it as written; \(photo), a link to another article by its file (`[bài](../2021/03/bai-truoc.md)`), and text as it is (without `{% raw %}` and `{% endraw %}`)"
        case .attributes:
            return "`\(shown)` is an attribute list of pandoc's (a text converted from Word)\(count), which Markdown shows as written: delete it (a heading's id is made from its words, and a photo is sized by the page)"
        case .gridTable:
            return "`\(shown)` begins a grid table of pandoc's (a text converted from Word)\(count), which Markdown shows as lines of dashes and bars: write it as a table of `|` (`| Đơn vị | Kết quả |`, then `| --- | --- |` under the header), with no `+---+` lines"
        case .div:
            return "`\(shown)` opens a div of pandoc's (a style from Word)\(count), which Markdown shows as written: delete the `:::` lines (the text between them stays)"
        case .citation:
            return "`\(shown)` is a citation of pandoc's\(count), which Markdown shows as written: write the source as a footnote (`[^1]` here, and `[^1]: …` at the end of the text)"
        }
    }

    /// Everything found in a body, outside code.
    static func find(in bytes: UnsafeBufferPointer<UInt8>) -> [Found] {
        guard let base = bytes.baseAddress else { return [] }
        var found: [Found] = []
        // What Markdown shows as code, and HTML comments, which show nothing, hold none; found
        // when something is (most bodies have nothing).
        var hidden: [Range<Int>]? = nil
        let inCode = { (offset: Int) -> Bool in
            if hidden == nil { hidden = codeBlocks(in: bytes) + comments(in: bytes) }
            if hidden!.contains(where: { $0.contains(offset) }) { return true }
            let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            return isInCodeSpan(offset, lineStart: lineStart, in: bytes)
        }
        for opener in [UInt8(ascii: "["), UInt8(ascii: "{")] {
            var at = 0
            while at < bytes.count, let hit = memchr(base + at, Int32(opener), bytes.count - at) {
                let offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                at = offset + 1
                let rest = UnsafeBufferPointer(rebasing: bytes[at..<min(bytes.count, at + 200)])
                let one = opener == UInt8(ascii: "[") ? bracketed(rest, at: offset, in: bytes) : braced(rest, at: offset, in: bytes)
                guard var one, !inCode(offset) else { continue }
                one.offset = offset
                found.append(one)
                // `{{<` is one, not also a `{<`.
                if one.kind == .hugo || one.kind == .liquid { at = offset + 2 }
            }
        }
        // Whole lines: a grid table's border, a div's fence.
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = memchr(base + lineStart, 0x0A, bytes.count - lineStart).map { UnsafeRawPointer(base).distance(to: UnsafeRawPointer($0)) } ?? bytes.count
            let line = bytes[lineStart..<lineEnd].drop { $0 == 0x20 }
            guard line.first == UInt8(ascii: "+") || line.first == UInt8(ascii: ":") else {
                lineStart = lineEnd + 1
                continue
            }
            let text = line.reversed().drop { $0 == 0x20 || $0 == 0x0D }.reversed()
            let border = text.count >= 3 && text.first == UInt8(ascii: "+") && text.last == UInt8(ascii: "+")
                && text.allSatisfy { [UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "="), UInt8(ascii: ":")].contains($0) }
                && text.contains { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "=") }
            let kind: Kind? = border ? .gridTable : line.starts(with: Array(":::".utf8)) ? .div : nil
            if let kind, line.startIndex - lineStart < 4, !inCode(line.startIndex) {
                let shown = String(decoding: text.prefix(kind == .div ? 40 : 13), as: UTF8.self)
                // A table's border under its header, a div's closing fence: no second one.
                let closes = kind == .div ? text.allSatisfy { $0 == UInt8(ascii: ":") } : found.last.map { $0.kind == .gridTable } == true && isBorderBefore(lineStart, in: bytes)
                found.append(Found(offset: line.startIndex, kind: kind, shown: shown, closes: closes))
            }
            lineStart = lineEnd + 1
        }
        return found
    }

    /// What starts at a `[` (`rest`: the bytes after it), if it is other markup than Markdown's.
    private static func bracketed(_ rest: UnsafeBufferPointer<UInt8>, at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Found? {
        // `[text][video]`: a reference link's label.
        if offset > 0, bytes[offset - 1] == UInt8(ascii: "]") { return nil }
        let closer = UInt8(ascii: "]")
        let lineEnd = rest.firstIndex(of: 0x0A) ?? rest.endIndex
        guard let end = rest[..<lineEnd].firstIndex(of: closer) else {
            // `[caption id="…"` with its attributes going on to the next line: a known name's opening.
            let name = rest[..<lineEnd].prefix { isNameByte($0) || $0 == UInt8(ascii: "_") }
            let nameText = String(decoding: name, as: UTF8.self)
            guard name.endIndex < lineEnd, rest[name.endIndex] == 0x20, wordPressShortcodes.contains(nameText), rest.contains(closer) else { return nil }
            return Found(offset: offset, kind: .shortcode, shown: "[" + nameText)
        }
        let inside = UnsafeBufferPointer(rebasing: rest[..<end])
        let following = rest.count > end + 1 ? rest[end + 1] : nil
        // `[text](…)`, `[text][1]`, `[text]: https://…`: a link, its label or its definition.
        let linked = following.map { [UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: ":")].contains($0) } ?? false
        // `[@nguyen2020, tr. 5]`: pandoc's citation (`[@thongtanxa](https://…)` is a link's text).
        if inside.count > 1, inside[0] == UInt8(ascii: "@"), isNameByte(inside[1]) {
            return linked ? nil : Found(offset: offset, kind: .citation, shown: "[" + String(decoding: inside.prefix(40), as: UTF8.self) + "]")
        }
        let closes = inside.first == UInt8(ascii: "/")
        let name = inside.dropFirst(closes ? 1 : 0).prefix { isNameByte($0) || $0 == UInt8(ascii: "_") }
        guard !name.isEmpty, name.first.map({ $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }) == true else { return nil }
        let nameText = String(decoding: name, as: UTF8.self)
        let after = inside[name.endIndex...]
        // `[gallery](…)`, `[gallery][1]`, `[video]: https://…` and `[video]` where that is defined are links.
        if after.isEmpty {
            if linked { return nil }
            if isDefinedLabel(nameText, in: bytes) { return nil }
        } else if after.first != UInt8(ascii: " ") {
            // `[su_box]`-like names go on past the known start (`su_`).
            guard wordPressPrefixes.contains(where: nameText.hasPrefix) else { return nil }
        }
        let shown = "[" + (closes ? "/" : "") + nameText
        let known = wordPressShortcodes.contains(nameText) || wordPressPrefixes.contains(where: nameText.hasPrefix)
        let attributes = after.contains(UInt8(ascii: "=")) && hasAttribute(UnsafeBufferPointer(rebasing: after))
        // `[table id=3 /]`, not `[xem https://baochinhphu.vn/]`.
        let selfClosing = after.last == UInt8(ascii: "/") && (after.count == 1 || after[after.endIndex - 2] == 0x20)
        let address = after.first == UInt8(ascii: " ") && known && rest[..<end].firstRange(of: Array("://".utf8)) != nil
        // Another name is one when it has attributes, closes itself, or is closed (`[button …]…[/button]`).
        let closed = !closes && bytes.firstRange(of: Array("[/\(nameText)]".utf8)) != nil
        let opened = closes && bytes.firstRange(of: Array("[\(nameText)".utf8)).map { $0.lowerBound < offset } == true
        guard known && (after.isEmpty || attributes || address || selfClosing) || attributes || selfClosing || closed || opened else { return nil }
        return Found(offset: offset, kind: .shortcode, shown: shown, closes: closes)
    }

    /// What starts at a `{` (`rest`: the bytes after it), if it is other markup than Markdown's.
    private static func braced(_ rest: UnsafeBufferPointer<UInt8>, at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Found? {
        guard let first = rest.first else { return nil }
        let line = rest.prefix { $0 != 0x0A }
        let shown = { (count: Int) in "{" + String(decoding: line.prefix(count), as: UTF8.self).trimmingCharacters(in: .whitespaces) }
        let words = { (from: Int) -> Substring.UTF8View in
            Substring(String(decoding: line.dropFirst(from), as: UTF8.self)).utf8
        }
        // Hugo: `{{< name … >}}`, `{{% name %}}`, and their closings `{{< /name >}}`.
        if first == UInt8(ascii: "{"), line.count > 2, [UInt8(ascii: "<"), UInt8(ascii: "%")].contains(line[line.startIndex + 1]) {
            let inner = words(2).drop { $0 == 0x20 }
            let name = inner.prefix { $0 != 0x20 && $0 != UInt8(ascii: ">") && $0 != UInt8(ascii: "%") }
            guard !name.isEmpty else { return nil }
            return Found(offset: offset, kind: .hugo, shown: "{{" + String(decoding: line[(line.startIndex + 1)...].prefix(1), as: UTF8.self) + " " + String(Substring(name)),
                         closes: name.first == UInt8(ascii: "/"))
        }
        // Liquid: `{% name … %}` (closings `{% endname %}`), `{{ name… }}`.
        if first == UInt8(ascii: "%") {
            // `{%- include … -%}`: Liquid's whitespace control.
            let inner = words(1).drop { $0 == 0x20 || $0 == UInt8(ascii: "-") }
            let name = inner.prefix { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") || $0 == UInt8(ascii: "_") }
            guard !name.isEmpty, line.firstRange(of: Array("%}".utf8)) != nil else { return nil }
            let nameText = String(Substring(name))
            return Found(offset: offset, kind: .liquid, shown: "{% " + nameText, closes: nameText.hasPrefix("end"))
        }
        if first == UInt8(ascii: "{") {
            let inner = words(1).drop { $0 == 0x20 || $0 == UInt8(ascii: "-") }
            guard let start = inner.first, start >= UInt8(ascii: "a") && start <= UInt8(ascii: "z"), line.firstRange(of: Array("}}".utf8)) != nil else { return nil }
            let name = inner.prefix { isNameByte($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") }
            return Found(offset: offset, kind: .liquid, shown: "{{ " + String(Substring(name)))
        }
        // Joomla: `{youtube}…{/youtube}`, `{loadposition user1}`.
        let closes = first == UInt8(ascii: "/")
        let name = line.dropFirst(closes ? 1 : 0).prefix(while: isNameByte)
        if let known = joomlaShortcodes.first(where: { name.elementsEqual($0.utf8) }) {
            let next = line.dropFirst((closes ? 1 : 0) + name.count).first
            if next == UInt8(ascii: "}") || next == UInt8(ascii: " ") && line.contains(UInt8(ascii: "}")) {
                return Found(offset: offset, kind: .shortcode, shown: "{" + (closes ? "/" : "") + known, closes: closes)
            }
        }
        // pandoc's attributes: after a span's `]` or an image's `)` (`[chữ]{.underline}`,
        // `![](a.png){width="6.5in"}`), or at the end of a heading (`# Mục 1 {#muc-1 .unnumbered}`).
        guard let end = line.firstIndex(of: UInt8(ascii: "}")) else { return nil }
        let inside = line[..<end]
        let attribute = first == UInt8(ascii: ".") || first == UInt8(ascii: "#")
            ? inside.count > 1 && isNameByte(inside[inside.startIndex + 1])
            : hasAttribute(UnsafeBufferPointer(rebasing: inside))
        guard attribute else { return nil }
        let previous = offset > 0 ? bytes[offset - 1] : 0x0A
        let lineStart = bytes[..<offset].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let heading = bytes[lineStart...].drop { $0 == 0x20 }.first == UInt8(ascii: "#") && previous == 0x20
            && line[(end + 1)...].allSatisfy { $0 == 0x20 || $0 == 0x0D }
        guard previous == UInt8(ascii: "]") || previous == UInt8(ascii: ")") || heading else { return nil }
        return Found(offset: offset, kind: .attributes, shown: "{" + String(decoding: inside.prefix(40), as: UTF8.self) + "}")
    }

    /// Whether `text` has an attribute written `name=…` (after a space, or first).
    private static func hasAttribute(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == UInt8(ascii: "="), index > text.startIndex, isNameByte(text[index - 1]) || text[index - 1] == UInt8(ascii: "_") {
                var start = index - 1
                while start > text.startIndex, isNameByte(text[start - 1]) || text[start - 1] == UInt8(ascii: "_") { start -= 1 }
                if start == text.startIndex || text[start - 1] == 0x20 { return true }
            }
            index += 1
        }
        return false
    }

    /// Whether the line before the one starting at `lineStart` is a grid table's line (its border
    /// or a row of `|`s): a border after it is not another table's first.
    private static func isBorderBefore(_ lineStart: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard lineStart > 1 else { return false }
        let previousStart = bytes[..<(lineStart - 1)].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        let previous = bytes[previousStart..<(lineStart - 1)].drop { $0 == 0x20 }
        return previous.first == UInt8(ascii: "|") || previous.first == UInt8(ascii: "+")
    }

    /// The byte ranges of a body's code blocks: fenced (a run of three or more ```` ` ```` or `~`,
    /// closed by a run of the same sign at least as long, in a quote too) and indented (four
    /// spaces or a tab, after a blank line or another such line, not inside a list item).
    private static func codeBlocks(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        // The code block being read: where it starts, its fence, and for one opened on a list
        // item's line the column of the item's text (a line less indented ends the item, and it).
        var blocks: [Range<Int>] = [], open: (start: Int, fence: CodeFence, content: Int?)? = nil, lineStart = 0
        var previousBlank = true, previousCode = false, inList = false
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            // Past a quote's `>` markers, and up to three spaces.
            var line = bytes[lineStart..<lineEnd]
            while let first = line.drop(while: { $0 == 0x20 }).first, first == UInt8(ascii: ">") {
                line = line.drop { $0 == 0x20 }.dropFirst()
            }
            let indent = line.prefix { $0 == 0x20 }.count
            let text = line.dropFirst(min(indent, 3))
            let blank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            // For a block opened on a list item's line, the indent in columns (a tab counts to the
            // next multiple of four).
            let (columns, lead) = CodeFence.indent(of: line, at: line.startIndex - lineStart)
            if let (start, _, content) = open, let content, columns < content, !blank {
                blocks.append(start..<lineStart)
                open = nil
            }
            if let (start, fence, content) = open {
                // In a list item, a fence is indented as the item's text is.
                if content.map({ columns - $0 < 4 }) ?? (indent < 4 || inList), fence.isClosed(by: line.dropFirst(content == nil ? indent : lead)) {
                    blocks.append(start..<lineEnd)
                    open = nil
                }
            } else if indent < 4 || inList, let opened = CodeFence.opening(orInListItem: line.dropFirst(indent)) {
                open = (lineStart, opened.fence, opened.at > 0 ? indent + opened.at : nil)
            } else if !blank, indent >= 4 || line.first == 0x09, previousBlank || previousCode, !inList {
                blocks.append(lineStart..<lineEnd)
                previousCode = true
                lineStart = lineEnd + 1
                previousBlank = false
                continue
            } else if !blank, indent < 4 {
                // A list item's text goes on in lines indented under it.
                let marker = text.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
                let afterMarker = marker.isEmpty ? text : text.dropFirst(marker.count)
                let bullet = marker.isEmpty ? [UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+")].contains(afterMarker.first ?? 0)
                    : [UInt8(ascii: "."), UInt8(ascii: ")")].contains(afterMarker.first ?? 0)
                inList = bullet && (afterMarker.dropFirst().first == 0x20 || afterMarker.count == 1)
            }
            previousCode = false
            previousBlank = blank
            lineStart = lineEnd + 1
        }
        if let (start, _, _) = open { blocks.append(start..<bytes.count) }
        return blocks
    }

    /// The byte ranges of a body's HTML comments (`<!-- … -->`), which show nothing.
    private static func comments(in bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var found: [Range<Int>] = [], from = 0
        while let open = bytes[from...].firstRange(of: Array("<!--".utf8)) {
            let close = bytes[open.upperBound...].firstRange(of: Array("-->".utf8))?.upperBound ?? bytes.count
            found.append(open.lowerBound..<close)
            from = close
        }
        return found
    }

    /// Whether `offset` is inside a code span of its line: a run of backticks up to the next run
    /// of as many (``` ``{{ title }}`` ```).
    private static func isInCodeSpan(_ offset: Int, lineStart: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // The backtick runs from `index` on, as long as `going` says, each as its length.
        func runs(from index: Int, while going: (Int) -> Bool, _ each: (Int) -> Bool) {
            var index = index
            while going(index) {
                guard bytes[index] == UInt8(ascii: "`") else {
                    index += 1
                    continue
                }
                let start = index
                while index < bytes.count, bytes[index] == UInt8(ascii: "`") { index += 1 }
                if !each(index - start) { return }
            }
        }
        var open: Int? = nil
        runs(from: lineStart, while: { $0 < offset }) { run in
            if open == nil { open = run } else if open == run { open = nil }
            return true
        }
        guard let open else { return false }
        // Open only when a run as long closes it later on the line.
        var closed = false
        runs(from: offset, while: { $0 < bytes.count && bytes[$0] != 0x0A }) { run in
            closed = run == open
            return !closed
        }
        return closed
    }

    /// Whether a line of `bytes` defines the link label `name` (`[Video]: https://…`, up to three
    /// spaces in, any case: labels match so).
    private static func isDefinedLabel(_ name: String, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let definition = Array("[\(name.lowercased())]:".utf8)
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[lineStart..<lineEnd]
            let text = line.dropFirst(min(line.prefix { $0 == 0x20 }.count, 3))
            if text.count >= definition.count, zip(text, definition).allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) == $1 }) { return true }
            lineStart = lineEnd + 1
        }
        return false
    }

    /// WordPress's own shortcodes and its common plugins' (Jetpack, TablePress, Contact Form 7…),
    /// each one whatever follows its name.
    private static let wordPressShortcodes: Set<String> = [
        "caption", "gallery", "embed", "video", "audio", "playlist", "contact-form-7", "wpforms", "vc_row", "vc_column", "vc_column_text",
        "youtube", "vimeo", "dailymotion", "soundcloud", "spotify", "tweet", "twitter", "instagram", "facebook", "tiktok", "googlemaps",
        "slideshare", "scribd", "issuu", "pdf-embedder", "pdf", "download", "table", "button", "tabs", "accordion", "slider",
    ]
    /// Page builders' families of shortcodes (`[su_box]`, `[et_pb_section]`…), by the start of their names.
    private static let wordPressPrefixes = ["su_", "et_pb_", "fusion_", "wp_", "vc_"]
    private static let joomlaShortcodes = ["youtube", "loadposition", "loadmodule", "gallery", "mp4", "vimeo"]
    private static func isNameByte(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A || byte == 0x2D || (byte >= 0x30 && byte <= 0x39) }
}
