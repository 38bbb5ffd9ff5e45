/// The text a reader sees of a Markdown body, without parsing it: what search indexes and
/// shows in its snippets. Markup is dropped (heading and quote marks, emphasis, code ticks,
/// HTML tags, link and image targets), a link or an image keeps its text, and each block
/// becomes one line. Cheap enough to run over every body of the bulletin on each full build.
enum MarkdownPlainText {
    static func text(of markdown: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(markdown.utf8.count)
        var inFence = false
        var paragraphOpen = false
        for line in markdown.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            var bytes = line[...]
            if bytes.last == 0x0D { bytes = bytes.dropLast() }
            let content = bytes.drop { $0 == 0x20 || $0 == 0x09 }
            if content.starts(with: "```".utf8) || content.starts(with: "~~~".utf8) {
                inFence.toggle()
                closeBlock(&out, &paragraphOpen)
                continue
            }
            if content.isEmpty || isRule(content) || isReferenceDefinition(content) || isTableDivider(content) {
                closeBlock(&out, &paragraphOpen)
                continue
            }
            if paragraphOpen { out.append(0x20) }
            if inFence {
                out += content
            } else {
                let (inline, startsBlock) = blockContent(content)
                if startsBlock, paragraphOpen { out.removeLast(); out.append(0x0A) }
                appendInline(inline, to: &out)
            }
            paragraphOpen = true
        }
        while out.last == 0x20 || out.last == 0x0A { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    private static func closeBlock(_ out: inout [UInt8], _ open: inout Bool) {
        if open { out.append(0x0A) }
        open = false
    }

    /// `---`, `***`, `___` (with spaces): a thematic break, or a setext heading's underline.
    private static func isRule(_ line: Substring.UTF8View.SubSequence) -> Bool {
        guard let first = line.first, first == 0x2D || first == 0x2A || first == 0x5F || first == 0x3D else { return false }
        return line.allSatisfy { $0 == first || $0 == 0x20 }
    }

    private static func isReferenceDefinition(_ line: Substring.UTF8View.SubSequence) -> Bool {
        guard line.first == 0x5B, let close = line.firstIndex(of: 0x5D) else { return false }
        return line[line.index(after: close)...].first == 0x3A
    }

    private static func isTableDivider(_ line: Substring.UTF8View.SubSequence) -> Bool {
        line.contains(0x2D) && line.allSatisfy { $0 == 0x7C || $0 == 0x2D || $0 == 0x3A || $0 == 0x20 }
    }

    /// The line without its block markers (`#`, `>`, list bullets and numbers), and whether it
    /// starts a block of its own (a heading or a list item, not a paragraph's next line).
    private static func blockContent(_ line: Substring.UTF8View.SubSequence) -> (Substring.UTF8View.SubSequence, Bool) {
        var rest = line
        var starts = false
        while true {
            if rest.first == 0x3E {  // > quote
                rest = rest.dropFirst().drop { $0 == 0x20 }
                continue
            }
            if rest.first == 0x23 {  // # heading
                let hashes = rest.prefix { $0 == 0x23 }
                let after = rest.dropFirst(hashes.count)
                if hashes.count <= 6, after.isEmpty || after.first == 0x20 {
                    rest = after.drop { $0 == 0x20 }
                    starts = true
                }
                break
            }
            if let first = rest.first, first == 0x2D || first == 0x2A || first == 0x2B, rest.dropFirst().first == 0x20 {
                rest = rest.dropFirst(2).drop { $0 == 0x20 }
                starts = true
                continue
            }
            let digits = rest.prefix { $0 >= 0x30 && $0 <= 0x39 }
            let after = rest.dropFirst(digits.count)
            if !digits.isEmpty, digits.count <= 9, let mark = after.first, mark == 0x2E || mark == 0x29, after.dropFirst().first == 0x20 {
                rest = after.dropFirst(2).drop { $0 == 0x20 }
                starts = true
                continue
            }
            break
        }
        return (rest, starts)
    }

    /// Inline markup dropped: `*`, `_`, `` ` ``, `~~`, `\` escapes, HTML tags, footnote marks,
    /// link and image targets; `[text](url)` and `![alt](src)` keep their text; table pipes and
    /// a few entities become what they show.
    private static func appendInline(_ line: Substring.UTF8View.SubSequence, to out: inout [UInt8]) {
        var i = line.startIndex
        let end = line.endIndex
        func at(_ index: Substring.UTF8View.Index) -> UInt8? { index < end ? line[index] : nil }
        while i < end {
            let byte = line[i]
            switch byte {
            case 0x2A, 0x5F, 0x60, 0x7E:  // * _ ` ~
                // An underscore inside a word is a letter of it (snake_case); elsewhere markup.
                if byte == 0x5F, let last = out.last, isWordByte(last), let next = at(line.index(after: i)), isWordByte(next) {
                    out.append(byte)
                }
            case 0x5C:  // backslash escape
                let next = line.index(after: i)
                if next < end { out.append(line[next]); i = line.index(after: next); continue }
            case 0x7C:  // table cell
                if out.last != 0x20 { out.append(0x20) }
            case 0x21 where at(line.index(after: i)) == 0x5B:  // ![
                break
            case 0x5B:  // [
                let next = line.index(after: i)
                if at(next) == 0x5E, let close = line[next...].firstIndex(of: 0x5D) {  // [^note]
                    i = line.index(after: close)
                    continue
                }
            case 0x5D:  // ] , then (target) or [ref]
                let next = line.index(after: i)
                if at(next) == 0x28, let close = line[next...].firstIndex(of: 0x29) {
                    i = line.index(after: close)
                    continue
                }
                if at(next) == 0x5B, let close = line[next...].firstIndex(of: 0x5D) {
                    i = line.index(after: close)
                    continue
                }
            case 0x3C:  // <tag> or <autolink>
                if let close = line[i...].firstIndex(of: 0x3E), let next = at(line.index(after: i)),
                    next == 0x2F || next == 0x21 || (next | 0x20 >= 0x61 && next | 0x20 <= 0x7A)
                {
                    i = line.index(after: close)
                    continue
                }
                out.append(byte)
            case 0x26:  // &entity;
                if let (text, length) = entity(line[i...]) {
                    out += text
                    i = line.index(i, offsetBy: length)
                    continue
                }
                out.append(byte)
            default:
                out.append(byte)
            }
            i = line.index(after: i)
        }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }

    private static let entities: [(String, String)] = [
        ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&nbsp;", " "), ("&#39;", "'"), ("&apos;", "'"),
    ]

    private static func entity(_ text: Substring.UTF8View.SubSequence) -> ([UInt8], Int)? {
        for (name, value) in entities where text.starts(with: name.utf8) { return (Array(value.utf8), name.utf8.count) }
        return nil
    }
}
