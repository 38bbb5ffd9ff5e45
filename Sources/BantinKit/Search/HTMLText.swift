import Foundation

/// HTML in a Markdown body as search reads it, the way cmark-gfm and then a browser treat it:
/// where an HTML block starts and ends (CommonMark's seven kinds), which `<…>` is a tag, what a
/// reader sees of HTML (no tag, comment or declaration; entities as the characters they stand
/// for), and those characters.
enum HTMLText {
    /// An HTML block of a Markdown body, from the line that starts it.
    struct Block {
        /// What a line must hold to end the block, after which it ends (lower-case); empty: the
        /// block ends at a blank line, which is not part of it.
        let ends: [[UInt8]]

        /// The block `line` starts (its indentation removed, `indent` spaces); `interrupting`: a
        /// paragraph is open, which only the first six kinds may interrupt.
        static func starting(_ line: UnsafeBufferPointer<UInt8>, indent: Int, interrupting: Bool) -> Block? {
            guard indent < 4, line.count > 1, line[0] == UInt8(ascii: "<") else { return nil }
            if line.starts(with: "<!--".utf8) { return Block(ends: [Array("-->".utf8)]) }
            if line.starts(with: "<?".utf8) { return Block(ends: [Array("?>".utf8)]) }
            if line.starts(with: "<![CDATA[".utf8) { return Block(ends: [Array("]]>".utf8)]) }
            if line[1] == UInt8(ascii: "!"), line.count > 2, line[2] >= UInt8(ascii: "A"), line[2] <= UInt8(ascii: "Z") { return Block(ends: [Array(">".utf8)]) }
            let closing = line[1] == UInt8(ascii: "/")
            let name = tagName(UnsafeBufferPointer(rebasing: line[(closing ? 2 : 1)...]))
            let after = (closing ? 2 : 1) + name.count
            let ended = after == line.count || line[after] == 0x20 || line[after] == 0x09 || line[after] == UInt8(ascii: ">")
                || (line[after] == UInt8(ascii: "/") && after + 1 < line.count && line[after + 1] == UInt8(ascii: ">"))
            if !closing, ended, rawTextNames.contains(name) { return Block(ends: rawTextNames.map { Array("</\(String(decoding: $0, as: UTF8.self))>".utf8) }) }
            if ended, blockNames.contains(name) { return Block(ends: []) }
            // Any other whole tag alone on its line (`</pre>` too, as cmark-gfm reads it).
            guard !interrupting, closing || !rawTextNames.contains(name), let length = tagLength(line),
                line[length...].allSatisfy({ $0 == 0x20 || $0 == 0x09 })
            else { return nil }
            return Block(ends: [])
        }

        /// Whether the block ends with `line` (`ends`), or before it (a blank line).
        func endsBlock(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
            ends.isEmpty ? line.allSatisfy { $0 == 0x20 || $0 == 0x09 } : ends.contains { HTMLText.containsCaseless($0, in: line) }
        }

        /// The elements whose blocks end at their closing tag, not at a blank line.
        private static let rawTextNames: [[UInt8]] = ["script", "pre", "style"].map { Array($0.utf8) }
        /// The elements that start a block of the sixth kind.
        private static let blockNames: Set<[UInt8]> = Set(
            """
            address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl dt \
            fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link \
            main menu menuitem nav noframes ol optgroup option p param section source summary table tbody td tfoot th thead \
            title tr track ul
            """.split(separator: " ").map { Array($0.utf8) })
    }

    /// Where reading HTML has got to at the end of a line: in text, or inside a comment, a
    /// processing instruction, a declaration or a CDATA section, whose end it looks for next.
    enum State: Equatable {
        case text
        case inside(end: [UInt8])
    }

    /// Appends the text a reader sees of a line of HTML: tags, comments, processing
    /// instructions, declarations and CDATA dropped, but the tags GFM's tag filter shows as
    /// text (`<script>`, `<iframe>`…); entities decoded.
    static func appendText(of line: UnsafeBufferPointer<UInt8>, state: inout State, to out: inout [UInt8]) {
        var i = 0
        while i < line.count {
            if case .inside(let end) = state {
                guard let found = line.firstOffset(of: end, from: i) else { return }
                i = found + end.count
                state = .text
                continue
            }
            let rest = UnsafeBufferPointer(rebasing: line[i...])
            switch line[i] {
            case UInt8(ascii: "<"):
                if let (end, skip) = opening(rest) {
                    state = .inside(end: end)
                    i += skip
                } else if let length = tagLength(rest) {
                    if isFiltered(rest) { out += rest[..<length] }
                    i += length
                } else {
                    out.append(line[i])
                    i += 1
                }
            case UInt8(ascii: "&"):
                if let (text, length) = HTMLReference.at(rest, reading: .htmlText) {
                    out += text
                    i += length
                } else {
                    out.append(line[i])
                    i += 1
                }
            default:
                out.append(line[i])
                i += 1
            }
        }
    }

    /// A comment, processing instruction, declaration or CDATA section opened at the start of
    /// `text`: what ends it, and how many bytes open it. `inline`: in a paragraph, where a
    /// declaration is `<!` and upper-case letters then a space (`<!D>` is text).
    static func opening(_ text: UnsafeBufferPointer<UInt8>, inline: Bool = false) -> (end: [UInt8], skip: Int)? {
        if text.starts(with: "<!--".utf8) { return (Array("-->".utf8), 4) }
        if text.starts(with: "<![CDATA[".utf8) { return (Array("]]>".utf8), 9) }
        if text.starts(with: "<?".utf8) { return (Array("?>".utf8), 2) }
        guard text.count > 2, text[1] == UInt8(ascii: "!"), isLetter(text[2]) else { return nil }
        if inline {
            var k = 2
            while k < text.count, text[k] >= UInt8(ascii: "A"), text[k] <= UInt8(ascii: "Z") { k += 1 }
            guard k > 2, k < text.count, text[k].isWhitespace else { return nil }
        }
        return (Array(">".utf8), 2)
    }

    /// Whether the tag at the start of `text` is one GFM's tag filter shows as text.
    static func isFiltered(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let closing = text.count > 1 && text[1] == UInt8(ascii: "/")
        return filteredNames.contains(tagName(UnsafeBufferPointer(rebasing: text[(closing ? 2 : 1)...])))
    }

    private static let filteredNames: Set<[UInt8]> = Set(["title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext"].map { Array($0.utf8) })

    /// The length of the open or closing tag at the start of `text`, when it is a whole one
    /// on the line (CommonMark's raw HTML: a name, attributes with or without values).
    static func tagLength(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard text.count > 2, text[0] == UInt8(ascii: "<") else { return nil }
        let closing = text[1] == UInt8(ascii: "/")
        var i = closing ? 2 : 1
        let name = tagName(UnsafeBufferPointer(rebasing: text[i...]))
        guard !name.isEmpty else { return nil }
        i += name.count
        func spaces() -> Int {
            let start = i
            while i < text.count, text[i].isWhitespace { i += 1 }
            return i - start
        }
        if closing {
            _ = spaces()
            return i < text.count && text[i] == UInt8(ascii: ">") ? i + 1 : nil
        }
        while true {
            let spaced = spaces()
            guard i < text.count else { return nil }
            if text[i] == UInt8(ascii: ">") { return i + 1 }
            if text[i] == UInt8(ascii: "/") { return i + 1 < text.count && text[i + 1] == UInt8(ascii: ">") ? i + 2 : nil }
            // An attribute, after a space.
            guard spaced > 0, isLetter(text[i]) || text[i] == UInt8(ascii: "_") || text[i] == UInt8(ascii: ":") else { return nil }
            while i < text.count, isLetter(text[i]) || isDigit(text[i]) || "_.:-".utf8.contains(text[i]) { i += 1 }
            let beforeValue = i
            _ = spaces()
            guard i < text.count, text[i] == UInt8(ascii: "=") else {
                i = beforeValue
                continue
            }
            i += 1
            _ = spaces()
            guard i < text.count else { return nil }
            let quote = text[i]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                guard let close = text[(i + 1)...].firstIndex(of: quote) else { return nil }
                i = close + 1
            } else {
                let start = i
                while i < text.count, !text[i].isWhitespace, !"\"'=<>`".utf8.contains(text[i]) { i += 1 }
                guard i > start else { return nil }
            }
        }
    }

    /// The tag name at the start of `text`, lower-cased: a letter, then letters, digits and dashes.
    static func tagName(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard let first = text.first, isLetter(first) else { return [] }
        var name: [UInt8] = []
        for byte in text {
            guard isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "-") else { break }
            name.append(byte | (isLetter(byte) ? 0x20 : 0))
        }
        return name
    }

    private static func isLetter(_ byte: UInt8) -> Bool { byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z") }
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Whether lower-case `needle` occurs in `text`, its ASCII letters in either case (`</SCRIPT>`;
    /// exact searches are `firstOffset(of:)`).
    static func containsCaseless(_ needle: [UInt8], in text: UnsafeBufferPointer<UInt8>) -> Bool {
        find(needle, in: text) != nil
    }

    private static func find(_ needle: [UInt8], in text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !needle.isEmpty, text.count >= needle.count else { return nil }
        outer: for start in 0...(text.count - needle.count) {
            for (k, byte) in needle.enumerated() {
                let seen = text[start + k]
                guard seen == byte || (isLetter(seen) && seen | 0x20 == byte) else { continue outer }
            }
            return start
        }
        return nil
    }
}
