import CCmarkGFM
import Foundation

/// A table GFM did not make: its second line, the dashes under the headers (`|---|---|`), has
/// another number of columns than its first, so the rows are shown as one paragraph of `|`s.
struct BrokenTable: Sendable, Hashable, Codable {
    /// Where the line of dashes starts.
    var position: SourcePosition
    var headers: Int
    var columns: Int

    /// The line of dashes that would make the table.
    var dashes: String { "|" + String(repeating: "---|", count: headers) }

    /// The broken tables of `markdown`, whose parse is `document`: in each paragraph, a line of
    /// dashes and pipes under a line with a pipe, their cells counted as GFM counts them.
    static func all(in markdown: UnsafeBufferPointer<UInt8>, document: OpaquePointer, lines: SourceLines) -> [BrokenTable] {
        guard let base = markdown.baseAddress, memchr(base, Int32(UInt8(ascii: "|")), markdown.count) != nil,
            let iterator = cmark_iter_new(document)
        else { return [] }
        defer { cmark_iter_free(iterator) }
        var found: [BrokenTable] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator), cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH else { continue }
            // A paragraph an extension made has no position: it holds no table's lines.
            let first = Int(cmark_node_get_start_line(node)), last = Int(cmark_node_get_end_line(node))
            guard first > 0, last > first else { continue }
            for line in (first + 1)...last {
                guard let written = lines.text(line: line), let aboveWritten = lines.text(line: line - 1) else { continue }
                let dashes = ContainerMarkers.content(of: written), above = ContainerMarkers.content(of: aboveWritten)
                guard isDashes(dashes), above.contains(UInt8(ascii: "|")) else { continue }
                let headers = cells(in: above), columns = cells(in: dashes)
                guard headers != columns else { continue }
                let indent = dashes.startIndex - written.startIndex + dashes.prefix { $0 == UInt8(ascii: " ") }.count
                found.append(BrokenTable(position: lines.position(line: line, byteColumn: indent + 1), headers: headers, columns: columns))
            }
        }
        return found
    }

    /// Whether `bytes` have a line of dashes whose columns are not those of the line above:
    /// a body is parsed to find its broken tables only then (most tables are sound).
    static func mayBeIn(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, memchr(base, Int32(UInt8(ascii: "|")), bytes.count) != nil else { return false }
        var above = bytes[0..<0]
        var start = 0
        while start < bytes.count {
            let end = memchr(base + start, 0x0A, bytes.count - start).map { UnsafeRawPointer(base).distance(to: UnsafeRawPointer($0)) } ?? bytes.count
            let line = ContainerMarkers.content(of: bytes[start..<end])
            if isDashes(line), above.contains(UInt8(ascii: "|")), cells(in: line) != cells(in: above) { return true }
            above = line
            start = end + 1
        }
        return false
    }

    /// A line of pipes, dashes and colons only (`| --- | :-: |`), with both a pipe and a dash.
    static func isDashes<Line: Collection<UInt8>>(_ line: Line) -> Bool {
        var pipe = false, dash = false
        for byte in line {
            switch byte {
            case UInt8(ascii: "|"): pipe = true
            case UInt8(ascii: "-"): dash = true
            case UInt8(ascii: ":"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): continue
            default: return false
            }
        }
        return pipe && dash
    }


    /// The cells of a table line: its pipes not escaped, less one at either end.
    static func cells<Line: BidirectionalCollection<UInt8>>(in line: Line) -> Int where Line.Index == Int, Line.SubSequence == Line {
        var text = line.drop(while: \.isWhitespace)
        while let end = text.last, end.isWhitespace { text = text.dropLast() }
        var pipes: [Int] = []
        var index = text.startIndex
        while index < text.endIndex {
            if text[index] == UInt8(ascii: "\\") { index += 2; continue }
            if text[index] == UInt8(ascii: "|") { pipes.append(index) }
            index += 1
        }
        var count = pipes.count + 1
        if pipes.first == text.startIndex { count -= 1 }
        if let last = pipes.last, last == text.endIndex - 1, pipes.count > 1 || last != text.startIndex { count -= 1 }
        return count
    }
}
