import CCmarkGFM
import Foundation

/// Footnotes cmark-gfm could not pair: a reference `[^9]` with no note `[^9]: …` is shown as
/// written, and a note no reference names is left out of the page. Both lose what the editor
/// meant without a word, so `BodyScan` warns of them.
enum Footnotes {
    /// The `[^label]` written in a text node's `text` (its literal, starting at `line`, byte
    /// `column`): cmark-gfm turns every reference with a note into a node of its own, so one
    /// still in the text has none. Each is found where it is written, after the one before; an
    /// escaped bracket (`\[^1]`, `[^1\]`) makes no footnote, and its text is as meant.
    static func unresolved(in text: UnsafeBufferPointer<UInt8>, line: Int, column: Int, lines: SourceLines) -> [Footnote] {
        var found: [Footnote] = []
        var from = (line: line, byteColumn: column)
        var at = 0
        while at + 3 < text.count {
            guard text[at] == UInt8(ascii: "["), text[at + 1] == UInt8(ascii: "^"), let (label, spaced) = label(in: text, from: at + 2, spaces: true) else {
                at += 1
                continue
            }
            let end = at + 2 + label.count + 1
            let written = Array(text[at..<end])
            if let place = lines.find(written, line: from.line, fromByteColumn: from.byteColumn) {
                from = (place.line, place.byteColumn + written.count)
                if lines.byte(line: place.line, byteColumn: place.byteColumn - 1) != UInt8(ascii: "\\") {
                    var footnote = Footnote(label: String(decoding: label, as: UTF8.self), position: lines.position(line: place.line, byteColumn: place.byteColumn))
                    footnote.spaced = spaced
                    found.append(footnote)
                }
            }
            at = end
        }
        return found
    }

    /// The notes (`[^label]:` starting a line, in a quote or a list item too) of `markdown` that
    /// `document`, its parse, dropped because no reference names them. A line whose text the page
    /// shows as written (in code, an HTML block, a paragraph or a heading outside the
    /// notes) holds no note.
    static func unused(in markdown: UnsafeBufferPointer<UInt8>, document: OpaquePointer, lines: SourceLines) -> [Footnote] {
        guard let base = markdown.baseAddress, mayBeIn(markdown) else { return [] }
        var kept: Set<Int> = []
        var shownAsWritten: [ClosedRange<Int>] = []
        var insideNotes = 0
        guard let iterator = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_FOOTNOTE_DEFINITION { insideNotes += event == CMARK_EVENT_ENTER ? 1 : -1 }
            guard event == CMARK_EVENT_ENTER else { continue }
            let start = Int(cmark_node_get_start_line(node))
            switch type {
            case CMARK_NODE_FOOTNOTE_DEFINITION: kept.insert(start)
            case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK: shownAsWritten.append(start...max(start, Int(cmark_node_get_end_line(node))))
            // A paragraph an extension made (a table's) has no position. (A line that starts a note
            // starts no table row.)
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                if insideNotes == 0, start > 0 { shownAsWritten.append(start...max(start, Int(cmark_node_get_end_line(node)))) }
            default: break
            }
        }
        var found: [Footnote] = []
        // Labels of the notes met so far, as cmark-gfm compares them (case aside).
        var labels: Set<String> = []
        var lineStart = 0, line = 1
        while lineStart < markdown.count {
            let lineEnd = memchr(base + lineStart, 0x0A, markdown.count - lineStart).map { UnsafeRawPointer(base).distance(to: UnsafeRawPointer($0)) } ?? markdown.count
            defer { lineStart = lineEnd + 1; line += 1 }
            let at = ContainerMarkers.content(of: markdown[lineStart..<lineEnd]).startIndex
            guard at + 3 < lineEnd, markdown[at] == UInt8(ascii: "["), markdown[at + 1] == UInt8(ascii: "^"),
                let (label, _) = label(in: UnsafeBufferPointer(rebasing: markdown[..<lineEnd]), from: at + 2, spaces: false),
                at + 2 + label.count + 1 < lineEnd, markdown[at + 2 + label.count + 1] == UInt8(ascii: ":"),
                !shownAsWritten.contains(where: { $0.contains(line) })
            else { continue }
            let text = String(decoding: label, as: UTF8.self)
            let first = labels.insert(text.lowercased()).inserted
            if kept.contains(line) { continue }
            var note = Footnote(label: text, position: lines.position(line: line, byteColumn: at - lineStart + 1))
            note.again = !first
            found.append(note)
        }
        return found
    }

    /// Whether `bytes` hold a `[^`: most bodies have no footnote.
    static func mayBeIn(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var from = 0
        while from + 1 < bytes.count, let found = memchr(base + from, Int32(UInt8(ascii: "[")), bytes.count - from - 1) {
            let index = UnsafeRawPointer(base).distance(to: found)
            if bytes[index + 1] == UInt8(ascii: "^") { return true }
            from = index + 1
        }
        return false
    }

    /// The label of `[^label]` from just after its `^`, up to its `]`: no bracket or line break,
    /// and no space, which makes no footnote (`[^ghi chú 1]` is shown as written, with its note)
    /// but is told as one when `spaces` (whether it has one comes with it), up to a length a label has.
    private static func label(in text: UnsafeBufferPointer<UInt8>, from start: Int, spaces: Bool) -> (Slice<UnsafeBufferPointer<UInt8>>, spaced: Bool)? {
        var end = start, spaced = false
        while end < text.count, text[end] != UInt8(ascii: "]") {
            switch text[end] {
            case UInt8(ascii: "["), UInt8(ascii: "\n"): return nil
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                guard spaces, end - start < 40 else { return nil }
                spaced = true
            default: break
            }
            end += 1
        }
        guard end < text.count, end > start, text[end - 1] != UInt8(ascii: " ") else { return nil }
        return (text[start..<end], spaced)
    }
}
