import Glibc

/// What cmark-gfm writes that a reader with a keyboard or a screen reader cannot use as it is,
/// mended in the body's HTML, one kind at a time and only when the HTML holds it:
/// - a code block or a table, which scrolls sideways when wider than a phone, takes the focus
///   (`tabindex="0"`), so that the keyboard can scroll it;
/// - a task list's checkbox is named (`Đã xong`, `Chưa xong`);
/// - a footnote reference is named `Chú thích 1` (not just `1`), the footnotes have a heading,
///   and the way back to the text is labelled in Vietnamese.
/// Each looked for only when the Markdown has what makes it (a fence or an indent, a `|` or
/// raw HTML, a task's `[ ]` or `[x]`, a `^`): most bodies have none, and their HTML is not
/// scanned.
enum AccessibleMarkup {
    static func mended(_ html: [UInt8], markdown: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        let has = { (byte: UInt8) in markdown.baseAddress.map { memchr($0, Int32(byte), markdown.count) != nil } ?? false }
        // An indented code block may start after `>` or in a list: any run of four spaces.
        let code = has(UInt8(ascii: "`")) || has(UInt8(ascii: "~")) || has(UInt8(ascii: "\t")) || markdown.firstOffset(of: Array("    ".utf8)) != nil
        // A table is `|` rows, or raw HTML (`<table>` written as such).
        let table = has(UInt8(ascii: "|")) || has(UInt8(ascii: "<")), footnote = has(UInt8(ascii: "^"))
        let task = ["[ ]", "[x]", "[X]"].contains { markdown.firstOffset(of: Array($0.utf8)) != nil }
        guard code || table || task || footnote else { return html }
        var html = html
        for (pattern, replacement) in plain {
            let needed = pattern.starts(with: "<pre".utf8) ? code : pattern.starts(with: "<table".utf8) ? table : pattern.starts(with: "<input".utf8) ? task : footnote
            // A tag, not the same bytes inside one: raw HTML may write `<table>` in an attribute's value (`title="…"`).
            let isTag = pattern.first == UInt8(ascii: "<")
            if needed, contains(html, pattern) {
                html = replacing(pattern, in: html) { before, after in
                    guard !(isTag && isInsideTag(before)) else { return nil }
                    // A second way back to the same note (`↩<sup class="footnote-ref">2</sup>`): its number in its name.
                    if pattern == backToContent, after.starts(with: secondBackref) {
                        let number = after.dropFirst(secondBackref.count).prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
                        return replacement.dropLast() + Array(" thứ ".utf8) + number + [UInt8(ascii: "\"")]
                    }
                    return replacement
                }
            }
        }
        if footnote, contains(html, footnoteRef) {
            // `data-footnote-ref>2</a>`: the number is read and put into the name.
            html = replacing(footnoteRef, in: html) { before, after in
                // cmark-gfm's own (`<a href="#fn-1" id="fnref-1" data-footnote-ref>`), not the same bytes in an attribute's value.
                guard isFootnoteReference(before) else { return nil }
                let number = after.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
                return Array("data-footnote-ref aria-label=\"Chú thích ".utf8) + number + Array("\">".utf8)
            }
        }
        if footnote, contains(html, backref) { html = withoutBackrefsToNothing(html) }
        return html
    }

    private static let backref = Array(" <a href=\"#fnref-".utf8)

    /// `html` without the ways back (`↩`) to a reference the page does not have: cmark-gfm counts
    /// the references inside a note no text refers to, though it leaves that note out, and gives
    /// the note they lead to a `↩` for each.
    static func withoutBackrefsToNothing(_ html: [UInt8]) -> [UInt8] {
        let idStart = Array(" id=\"fnref-".utf8)
        var ids: Set<ArraySlice<UInt8>> = []
        var from = 0
        while let found = html.firstOffset(of: idStart, from: from) {
            let start = found + idStart.count
            let end = html[start...].firstIndex(of: UInt8(ascii: "\"")) ?? html.count
            ids.insert(html[start..<end])
            from = end
        }
        let close = Array("</a>".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(html.count)
        from = 0
        while let found = html.firstOffset(of: backref, from: from) {
            let start = found + backref.count
            let end = html[start...].firstIndex(of: UInt8(ascii: "\"")) ?? html.count
            guard !ids.contains(html[start..<end]), html[end...].starts(with: "\" class=\"footnote-backref\"".utf8),
                  let closed = html.firstOffset(of: close, from: end)
            else {
                out += html[from..<start]
                from = start
                continue
            }
            out += html[from..<found]
            from = closed + close.count
        }
        out += html[from...]
        return out
    }

    /// Whether the bytes before `data-footnote-ref>` are cmark-gfm's tag for a footnote reference:
    /// `<a href="#fn-…" id="fnref-…" `, with no other quote.
    private static func isFootnoteReference(_ before: ArraySlice<UInt8>) -> Bool {
        guard let open = before.lastIndex(of: UInt8(ascii: "<")) else { return false }
        let tag = before[open...]
        return tag.starts(with: "<a href=\"#fn-".utf8) && tag.reversed().starts(with: " \"".utf8) && tag.count { $0 == UInt8(ascii: "\"") } == 4
    }

    /// Whether the bytes before a `<` end inside a tag (`openingOfTag`).
    private static func isInsideTag(_ before: ArraySlice<UInt8>) -> Bool { openingOfTag(before: before.endIndex, in: before) != nil }

    /// Where the `<` of the tag the bytes before `end` end inside is: one that starts a tag
    /// (followed by a letter or `/`, not a lone `<` of text), met before any `>`; `nil` outside one.
    static func openingOfTag<Bytes: RandomAccessCollection<UInt8>>(before end: Int, in bytes: Bytes) -> Int? where Bytes.Index == Int {
        var at = end
        while at > bytes.startIndex {
            at -= 1
            if bytes[at] == UInt8(ascii: ">") { return nil }
            if bytes[at] == UInt8(ascii: "<"), at + 1 < end, startsTag(bytes[at + 1]) { return at }
        }
        return nil
    }

    /// Whether a byte after `<` makes it a tag's start: a letter or `/`.
    private static func startsTag(_ byte: UInt8) -> Bool { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || byte == UInt8(ascii: "/") }

    /// Tags replaced as they are.
    static let plain: [(pattern: [UInt8], replacement: [UInt8])] = [
        ("<pre>", "<pre tabindex=\"0\">"),
        ("<pre lang=", "<pre tabindex=\"0\" lang="),
        ("<table>", "<table tabindex=\"0\">"),
        ("<input type=\"checkbox\" checked=\"\" disabled=\"\" />", "<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Đã xong\" />"),
        ("<input type=\"checkbox\" disabled=\"\" />", "<input type=\"checkbox\" disabled=\"\" aria-label=\"Chưa xong\" />"),
        ("<section class=\"footnotes\" data-footnotes>\n", "<section class=\"footnotes\" data-footnotes>\n<h2 class=\"footnotes-title\">Chú thích</h2>\n"),
        (" aria-label=\"Back to content\"", " aria-label=\"Quay lại chỗ đọc\""),
    ].map { (Array($0.utf8), Array($1.utf8)) }

    private static let footnoteRef = Array("data-footnote-ref>".utf8)
    private static let backToContent = Array(" aria-label=\"Back to content\"".utf8)
    private static let secondBackref = Array(">↩<sup class=\"footnote-ref\">".utf8)

    /// `html` with every `pattern` replaced by what `make` gives, seeing the bytes before and after
    /// it (`nil`: left as it is).
    static func replacing(_ pattern: [UInt8], in html: [UInt8], _ make: (_ before: ArraySlice<UInt8>, _ after: ArraySlice<UInt8>) -> [UInt8]?) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(html.count + 256)
        var from = 0
        while let found = html.firstOffset(of: pattern, from: from) {
            out += html[from..<found]
            if let made = make(html[..<found], html[(found + pattern.count)...]) { out += made } else { out += pattern }
            from = found + pattern.count
        }
        out += html[from...]
        return out
    }

    private static func contains(_ html: [UInt8], _ pattern: [UInt8]) -> Bool { html.firstOffset(of: pattern) != nil }
}
