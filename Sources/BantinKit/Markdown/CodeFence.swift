/// The fence a fenced code block opens with, as CommonMark reads it: a run of three or more
/// backticks or tildes (backticks followed by another backtick on their line are code inline, not
/// a fence); the block is closed by a line with a run of the same character at least as long and
/// nothing after it but spaces. The one reader of fences for what skips code in a body
/// (`ForeignMarkup`, `BodyScan`, `MarkdownPlainText`). Lines are given from their first character
/// past their indent and any quote or list markers (how far a fence may be indented is the
/// caller's to say: a list item's lines are indented under it).
struct CodeFence {
    let sign: UInt8
    let length: Int

    /// The fence `line` opens a code block with, if it does.
    init?<Line: Collection<UInt8>>(opening line: Line) {
        guard let sign = line.first, sign == UInt8(ascii: "`") || sign == UInt8(ascii: "~") else { return nil }
        let length = line.prefix { $0 == sign }.count
        guard length >= 3, sign == UInt8(ascii: "~") || !line.dropFirst(length).contains(UInt8(ascii: "`")) else { return nil }
        self.sign = sign
        self.length = length
    }

    /// The fence `line` opens a code block with, or a list item's first line does after its
    /// marker (`- ```` `, `1. ~~~`), with how far into the line it starts.
    static func opening<Line: Collection<UInt8>>(orInListItem line: Line) -> (fence: CodeFence, at: Int)? {
        if let fence = CodeFence(opening: line) { return (fence, 0) }
        let digits = line.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
        let marker = line.dropFirst(digits).first
        guard digits <= 9, digits == 0 ? [UInt8(ascii: "-"), UInt8(ascii: "*"), UInt8(ascii: "+")].contains(marker) : [UInt8(ascii: "."), UInt8(ascii: ")")].contains(marker)
        else { return nil }
        let afterMarker = line.dropFirst(digits + 1)
        // One to four spaces, or a tab, after the marker.
        let spaces = afterMarker.prefix { $0 == 0x20 || $0 == 0x09 }.count
        guard (1...4).contains(spaces), let fence = CodeFence(opening: afterMarker.dropFirst(spaces)) else { return nil }
        return (fence, digits + 1 + spaces)
    }

    /// How far a line is indented, in columns (a tab to the next multiple of four, as CommonMark
    /// counts, from the column `at` where the line starts: after a quote's `>`), and in bytes.
    static func indent<Line: Collection<UInt8>>(of line: Line, at start: Int = 0) -> (columns: Int, bytes: Int) {
        var column = start, bytes = 0
        for byte in line {
            if byte == 0x20 { column += 1 } else if byte == 0x09 { column += 4 - column % 4 } else { break }
            bytes += 1
        }
        return (column - start, bytes)
    }

    /// Whether `line` closes the code block this fence opened.
    func isClosed<Line: Collection<UInt8>>(by line: Line) -> Bool {
        let run = line.prefix { $0 == sign }.count
        return run >= length && line.dropFirst(run).allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}
