import Foundation

/// The text a reader sees of a Markdown body, without parsing it: what search indexes and
/// shows in its snippets. Markup is dropped (heading and quote marks, emphasis, code ticks,
/// HTML tags, link and image targets), a link or an image keeps its text, and each block
/// becomes one line. Works on bytes, cheap enough to run over every body on each full build.
enum MarkdownPlainText {
    static func text(of markdown: String) -> String {
        var markdown = markdown
        return String(decoding: markdown.withUTF8 { text(of: $0) }, as: UTF8.self)
    }

    static func text(of markdown: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(markdown.count)
        var inFence = false
        var paragraphOpen = false
        var lineStart = 0
        while lineStart < markdown.count {
            let lineEnd = memchr(markdown.baseAddress! + lineStart, 0x0A, markdown.count - lineStart)
                .map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - markdown.baseAddress! } ?? markdown.count
            var end = lineEnd
            if end > lineStart, markdown[end - 1] == 0x0D { end -= 1 }
            var start = lineStart
            while start < end, markdown[start] == 0x20 || markdown[start] == 0x09 { start += 1 }
            let line = UnsafeBufferPointer(rebasing: markdown[start..<end])
            lineStart = lineEnd + 1
            if line.starts(with: "```".utf8) || line.starts(with: "~~~".utf8) {
                inFence.toggle()
                closeBlock(&out, &paragraphOpen)
                continue
            }
            if line.isEmpty || isRule(line) || isReferenceDefinition(line) || isTableDivider(line) {
                closeBlock(&out, &paragraphOpen)
                continue
            }
            if !inFence, let text = footnoteText(line) {
                // A footnote's text is a block of its own.
                closeBlock(&out, &paragraphOpen)
                appendInline(UnsafeBufferPointer(rebasing: line[text...]), to: &out)
                while out.last == 0x20 { out.removeLast() }
                paragraphOpen = true
                continue
            }
            if paragraphOpen { out.append(0x20) }
            if inFence {
                out += line
            } else {
                let (skip, startsBlock) = blockMarkers(line)
                if startsBlock || line.first == 0x7C, paragraphOpen { out[out.count - 1] = 0x0A }
                var text = UnsafeBufferPointer(rebasing: line[skip...])
                if line.first == 0x23, startsBlock { text = withoutClosingHashes(text) }
                appendInline(text, to: &out)
                while out.last == 0x20 { out.removeLast() }
            }
            paragraphOpen = true
        }
        while out.last == 0x20 || out.last == 0x0A { out.removeLast() }
        return out
    }

    private static func closeBlock(_ out: inout [UInt8], _ open: inout Bool) {
        if open { out.append(0x0A) }
        open = false
    }

    /// `---`, `***`, `___`, `===` (with spaces): a thematic break, or a setext heading's underline.
    private static func isRule(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = line.first, first == 0x2D || first == 0x2A || first == 0x5F || first == 0x3D else { return false }
        return line.allSatisfy { $0 == first || $0 == 0x20 }
    }

    private static func isReferenceDefinition(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard line.first == 0x5B, line.count > 1, line[1] != 0x5E, let close = line.firstIndex(of: 0x5D) else { return false }
        return close + 1 < line.count && line[close + 1] == 0x3A
    }

    /// Where the text of a footnote's definition (`[^1]: Theo báo cáo…`) starts in its line.
    private static func footnoteText(_ line: UnsafeBufferPointer<UInt8>) -> Int? {
        guard line.count > 2, line[0] == 0x5B, line[1] == 0x5E, let close = line.firstIndex(of: 0x5D),
            close + 1 < line.count, line[close + 1] == 0x3A
        else { return nil }
        var start = close + 2
        while start < line.count, line[start] == 0x20 || line[start] == 0x09 { start += 1 }
        return start
    }

    private static func isTableDivider(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        line.contains(0x2D) && line.allSatisfy { $0 == 0x7C || $0 == 0x2D || $0 == 0x3A || $0 == 0x20 }
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

    /// How many bytes of block markers (`#`, `>`, list bullets and numbers, a task's box) the line starts with,
    /// and whether it starts a block of its own (a heading or a list item, not a paragraph's next line).
    private static func blockMarkers(_ line: UnsafeBufferPointer<UInt8>) -> (Int, Bool) {
        var i = 0
        var starts = false
        func skipSpaces() { while i < line.count, line[i] == 0x20 { i += 1 } }
        while i < line.count {
            let byte = line[i]
            if byte == 0x3E {  // > quote
                i += 1
                skipSpaces()
                continue
            }
            if byte == 0x23 {  // # heading
                var j = i
                while j < line.count, line[j] == 0x23 { j += 1 }
                if j - i <= 6, j == line.count || line[j] == 0x20 {
                    i = j
                    skipSpaces()
                    starts = true
                }
                break
            }
            if byte == 0x2D || byte == 0x2A || byte == 0x2B, i + 1 < line.count, line[i + 1] == 0x20 {
                i += 2
                skipSpaces()
                starts = true
                // A task list's box: `[ ]`, `[x]`.
                if i + 3 < line.count, line[i] == 0x5B, line[i + 1] == 0x20 || line[i + 1] | 0x20 == 0x78, line[i + 2] == 0x5D, line[i + 3] == 0x20 {
                    i += 3
                    skipSpaces()
                }
                continue
            }
            var j = i
            while j < line.count, j - i < 10, line[j] >= 0x30 && line[j] <= 0x39 { j += 1 }
            if j > i, j - i <= 9, j + 1 < line.count, line[j] == 0x2E || line[j] == 0x29, line[j + 1] == 0x20 {
                i = j + 2
                skipSpaces()
                starts = true
                continue
            }
            break
        }
        return (i, starts)
    }

    /// Inline markup dropped: `*`, `_`, `` ` ``, `~`, `\` escapes, HTML tags, footnote marks,
    /// link and image targets; `[text](url)` and `![alt](src)` keep their text; table pipes and
    /// a few entities become what they show.
    private static func appendInline(_ line: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let end = line.count
        func find(_ byte: UInt8, from start: Int) -> Int? {
            var k = start
            while k < end { if line[k] == byte { return k }; k += 1 }
            return nil
        }
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
            if byte == 0x60, let (inside, after) = codeSpan(line, from: i) {
                out.append(contentsOf: inside)
                i = after
                continue
            }
            switch byte {
            case 0x2A, 0x5F, 0x60, 0x7E:  // * _ ` ~
                // An underscore inside a word is a letter of it (snake_case); elsewhere markup.
                if byte == 0x5F, let last = out.last, isWordByte(last), i + 1 < end, isWordByte(line[i + 1]) { out.append(byte) }
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
            case 0x5B where i + 1 < end && line[i + 1] == 0x5E:  // [^note]
                if let close = find(0x5D, from: i) {
                    i = close + 1
                    continue
                }
            case 0x5B:
                break
            case 0x5D:  // ] then (target) or [ref]
                if i + 1 < end, line[i + 1] == 0x28 || line[i + 1] == 0x5B,
                    let close = line[i + 1] == 0x28 ? closingParenthesis(line, from: i + 1) : find(0x5D, from: i + 1)
                {
                    i = close + 1
                    continue
                }
            case 0x3C:  // <tag> or <autolink>
                if i + 1 < end, line[i + 1] == 0x2F || line[i + 1] == 0x21 || (line[i + 1] | 0x20 >= 0x61 && line[i + 1] | 0x20 <= 0x7A),
                    let close = find(0x3E, from: i)
                {
                    // An autolink shows its address: `<https://…>`, `<mailto:…>`.
                    let inside = UnsafeBufferPointer(rebasing: line[(i + 1)..<close])
                    if isAutolink(inside) { out.append(contentsOf: inside) }
                    i = close + 1
                    continue
                }
                out.append(byte)
            case 0x26:  // &entity;
                if let (text, length) = entity(UnsafeBufferPointer(rebasing: line[i...])) {
                    out += text.utf8
                    i += length
                    continue
                }
                out.append(byte)
            default:
                out.append(byte)
            }
            i += 1
        }
    }

    /// The text of the code span opened by the run of backticks at `open` (one space trimmed at
    /// each end when both have one), and where the span ends; `nil` when no run of as many
    /// backticks closes it on the line.
    private static func codeSpan(_ line: UnsafeBufferPointer<UInt8>, from open: Int) -> (UnsafeBufferPointer<UInt8>, Int)? {
        var ticks = 0
        while open + ticks < line.count, line[open + ticks] == 0x60 { ticks += 1 }
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
        return nil
    }

    /// Where the link target opened at `open` ends: its parentheses may hold balanced pairs
    /// (`…/Hồ_Chí_Minh_(định_hướng))`), `<…>` may hold any, `\` escapes one.
    private static func closingParenthesis(_ line: UnsafeBufferPointer<UInt8>, from open: Int) -> Int? {
        var depth = 0
        var k = open
        var angled = false
        while k < line.count {
            switch line[k] {
            case 0x5C: k += 1
            case 0x3C where k == open + 1: angled = true
            case 0x3E where angled: angled = false
            case 0x28 where !angled: depth += 1
            case 0x29 where !angled:
                depth -= 1
                if depth == 0 { return k }
            default: break
            }
            k += 1
        }
        return nil
    }

    /// `https://…` or `mailto:…` with no space: what `<…>` makes a link of, showing it.
    private static func isAutolink(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !text.contains(0x20), let colon = text.firstIndex(of: 0x3A), colon > 1 else { return false }
        let scheme = text[..<colon]
        guard scheme.allSatisfy({ $0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A || $0 == 0x2B || $0 == 0x2E || $0 == 0x2D }) else { return false }
        return text[(colon + 1)...].starts(with: "//".utf8) || scheme.elementsEqual("mailto".utf8)
    }

    /// The bytes `appendInline` looks at: `! & * < [ \\ ] _ ` | ~`.
    private static let markup: [Bool] = (0..<256).map { [0x21, 0x26, 0x2A, 0x3C, 0x5B, 0x5C, 0x5D, 0x5F, 0x60, 0x7C, 0x7E].contains($0) }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }

    private static let entities: [(String, String)] = [
        ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&nbsp;", " "), ("&#39;", "'"), ("&apos;", "'"),
    ]

    private static func entity(_ text: UnsafeBufferPointer<UInt8>) -> (String, Int)? {
        for (name, value) in entities where text.starts(with: name.utf8) { return (value, name.utf8.count) }
        return nil
    }
}
