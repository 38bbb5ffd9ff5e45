/// What puts a line of Markdown inside a quote or a list item (`> `, `- `, `1. `).
enum ContainerMarkers {
    /// A line less its indent, its quote markers and a list item's marker, with the spaces after
    /// them: the text of the block inside (a table's cells, a footnote's note).
    static func content<Line: BidirectionalCollection<UInt8>>(of line: Line) -> Line where Line.Index == Int, Line.SubSequence == Line {
        var text = line.drop(while: \.isWhitespace)
        while text.first == UInt8(ascii: ">") { text = text.dropFirst().drop(while: \.isWhitespace) }
        let digits = text.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
        let marker = digits > 0 ? text.dropFirst(digits).prefix(1) : text.prefix(1)
        if let mark = marker.first, digits > 0 ? (mark == UInt8(ascii: ".") || mark == UInt8(ascii: ")")) : [UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+")].contains(mark) {
            let after = text.dropFirst(digits + 1)
            if let next = after.first, next.isWhitespace { text = after.drop(while: \.isWhitespace) }
        }
        return text
    }

    /// How many lists and quotes a line can be inside, at most: those its indent can go on with
    /// (a list inside a list is written two columns further in; a tab is four columns), and the
    /// quote markers, list items' markers and footnotes' labels it opens (`> - 1. [^a]: x`: 4).
    /// A line of nothing but one of `-`, `*` (with spaces) is a rule, no list; a blank line opens
    /// and goes on with nothing.
    static func depthBound(of line: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        var columns = 0, at = line.startIndex
        let end = line.endIndex
        while at < end, line[at] == UInt8(ascii: " ") || line[at] == UInt8(ascii: "\t") {
            columns += line[at] == UInt8(ascii: "\t") ? 4 : 1
            at += 1
        }
        guard at < end, line[at] != UInt8(ascii: "\r") else { return 0 }
        var depth = columns / 2
        func isSpace(_ k: Int) -> Bool { k < end && (line[k] == UInt8(ascii: " ") || line[k] == UInt8(ascii: "\t")) }
        while true {
            while isSpace(at) { at += 1 }
            guard at < end else { break }
            let byte = line[at]
            if byte == UInt8(ascii: ">") {
                depth += 1
                at += 1
            } else if byte == UInt8(ascii: "-") || byte == UInt8(ascii: "*") || byte == UInt8(ascii: "+"), isSpace(at + 1) {
                depth += 1
                at += 2
            } else if byte == UInt8(ascii: "["), at + 1 < end, line[at + 1] == UInt8(ascii: "^"),
                let close = line[(at + 2)..<min(end, at + 1002)].firstIndex(of: UInt8(ascii: "]")), close + 1 < end, line[close + 1] == UInt8(ascii: ":")
            {
                // A footnote's note (`[^1]: …`) holds blocks, as a list item does.
                depth += 1
                at = close + 2
            } else {
                var digits = at
                while digits < end, digits - at < 9, line[digits] >= UInt8(ascii: "0"), line[digits] <= UInt8(ascii: "9") { digits += 1 }
                guard digits > at, digits < end, line[digits] == UInt8(ascii: ".") || line[digits] == UInt8(ascii: ")"), isSpace(digits + 1) else { break }
                depth += 1
                at = digits + 2
            }
        }
        // A thematic break (`- - - -`, `* * *`): one mark repeated, nothing else.
        if at == end, let mark = line.first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }), mark == UInt8(ascii: "-") || mark == UInt8(ascii: "*"),
            line.allSatisfy({ $0 == mark || $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
        {
            return columns / 2
        }
        return depth
    }
}
