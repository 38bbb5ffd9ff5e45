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
            guard text[at] == UInt8(ascii: "["), text[at + 1] == UInt8(ascii: "^"), let label = label(in: text, from: at + 2) else {
                at += 1
                continue
            }
            let end = at + 2 + label.count + 1
            let written = Array(text[at..<end])
            if let place = lines.find(written, line: from.line, fromByteColumn: from.byteColumn) {
                from = (place.line, place.byteColumn + written.count)
                if lines.byte(line: place.line, byteColumn: place.byteColumn - 1) != UInt8(ascii: "\\") {
                    found.append(Footnote(label: String(decoding: label, as: UTF8.self), position: lines.position(line: place.line, byteColumn: place.byteColumn)))
                }
            }
            at = end
        }
        return found
    }

    /// The notes (`[^label]:` starting a line, outside code and HTML blocks) of `markdown` that
    /// `document`, its parse, dropped because no reference names them.
    static func unused(in markdown: UnsafeBufferPointer<UInt8>, document: OpaquePointer, lines: SourceLines) -> [Footnote] {
        guard let base = markdown.baseAddress, mayBeIn(markdown) else { return [] }
        var kept: Set<Int> = []
        var verbatim: [ClosedRange<Int>] = []
        guard let iterator = cmark_iter_new(document) else { return [] }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let start = Int(cmark_node_get_start_line(node))
            switch cmark_node_get_type(node) {
            case CMARK_NODE_FOOTNOTE_DEFINITION: kept.insert(start)
            case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK: verbatim.append(start...max(start, Int(cmark_node_get_end_line(node))))
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
            var at = lineStart
            while at < lineEnd, at - lineStart < 4, markdown[at] == UInt8(ascii: " ") { at += 1 }
            guard at - lineStart <= 3, at + 3 < lineEnd, markdown[at] == UInt8(ascii: "["), markdown[at + 1] == UInt8(ascii: "^"),
                let label = label(in: UnsafeBufferPointer(rebasing: markdown[..<lineEnd]), from: at + 2),
                at + 2 + label.count + 1 < lineEnd, markdown[at + 2 + label.count + 1] == UInt8(ascii: ":"),
                !verbatim.contains(where: { $0.contains(line) })
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

    /// The label of `[^label]` from just after its `^`, up to its `]`: no space, no bracket.
    private static func label(in text: UnsafeBufferPointer<UInt8>, from start: Int) -> Slice<UnsafeBufferPointer<UInt8>>? {
        var end = start
        while end < text.count, text[end] != UInt8(ascii: "]") {
            if [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "["), UInt8(ascii: "\n")].contains(text[end]) { return nil }
            end += 1
        }
        guard end < text.count, end > start else { return nil }
        return text[start..<end]
    }
}
