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
}
