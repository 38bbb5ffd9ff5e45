import Foundation

/// Markdown whose page would be far larger than its text: a table whose rows Markdown fills
/// out to its header's number of columns (a header of 1,000 cells over 8,000 short rows makes
/// 8 million cells from 36 KB), or a long link address written out at every use of its
/// reference (`[a]` 10,000 times). cmark-gfm 0.29.0.gfm.6 limits neither, and would take
/// gigabytes to parse such a body: it is found on the text alone, before any parse, and refused
/// at its line, as a photo of too many pixels is.
/// Nor does it limit two slow parses, found the same way: lists or quotes open thousands deep
/// (each line after them is checked against every one: 40 KB took 30 s), and web addresses
/// `www.` run together with `_` (its search for links goes over the rest of the run from each
/// one: 240 KB took 100 s).
enum MarkdownBlowUp {
    /// The empty cells Markdown may add to a body's tables: more than any article's table needs.
    static let maximumFilledCells = 100_000
    /// The bytes a body's link references may write out: far more than any article holds.
    static let maximumReferenceBytes = 8_000_000
    /// The lists and quotes open at each line, added up over a body: what Markdown checks each
    /// line against (about a second's work; 1,000 open over 10,000 lines is a tenth of it).
    static let maximumNestingWork = 10_000_000
    /// The `www.` of a run of letters, digits, `.`, `-` and `_` times the run's length, over a
    /// body: what the search for links goes over (about a second's work).
    static let maximumLinkSearch = 100_000_000

    struct Problem: Equatable {
        /// Line and column in the body (from 1).
        var line: Int
        var column: Int
        var message: String
    }

    /// The first blow-up of `body`, if any. Reads the text a line at a time, only when it has a
    /// table's `|` or a link definition's `]:` (most bodies have neither).
    static func problem(in body: String) -> Problem? {
        var body = body
        return body.withUTF8 { bytes -> Problem? in
            guard let base = bytes.baseAddress else { return nil }
            if let deep = deepNesting(in: bytes) { return deep }
            if bytes.firstOffset(of: Self.www, from: 0) != nil, let run = wwwRun(in: bytes) { return run }
            if memchr(base, Int32(UInt8(ascii: "|")), bytes.count) != nil, let table = filledTable(in: bytes) { return table }
            if bytes.firstOffset(of: Array("]:".utf8), from: 0) != nil { return repeatedReference(in: bytes) }
            return nil
        }
    }

    /// The line from which the lists and quotes open at each line, added up, pass
    /// `maximumNestingWork`: the deepest line so far. How deep a line may be is bounded by its
    /// indent (a list inside a list is written two columns further in, a tab four) and the
    /// markers on it (`ContainerMarkers.depth`); a line after it without them may still be
    /// inside them all, so the deepest line's bound counts for every line after it.
    private static func deepNesting(in bytes: UnsafeBufferPointer<UInt8>) -> Problem? {
        let base = bytes.baseAddress!
        var start = 0, line = 1
        var deepest = 0, deepestLine = 1, work = 0
        while start < bytes.count {
            let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start)
            let newline = found.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? bytes.count
            // A line of n bytes is at most 2n deep (a tab: four columns, two lists).
            if 2 * (newline - start) > deepest {
                let depth = ContainerMarkers.depthBound(of: bytes[start..<newline])
                if depth > deepest { (deepest, deepestLine) = (depth, line) }
            }
            work += deepest
            if work > maximumNestingWork {
                return Problem(
                    line: deepestLine, column: 1,
                    message: "this line is \(deepest) lists or quotes deep, and Markdown would check each of the lines after it against every one of them, for minutes; nest fewer (a line of `- ` or `> ` marks, or an indent of hundreds of spaces or tabs, is read as lists or quotes inside each other)")
            }
            start = newline + 1
            line += 1
        }
        return nil
    }

    private static let www = Array("www.".utf8)

    /// Where the `www.` of runs of letters, digits, `.`, `-` and `_` (what a web address's
    /// domain is made of) times the runs' lengths, added up, passes `maximumLinkSearch`.
    private static func wwwRun(in bytes: UnsafeBufferPointer<UInt8>) -> Problem? {
        func inDomain(_ byte: UInt8) -> Bool {
            byte >= 0x80 || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        var total = 0, from = 0
        var run = 0..<0, count = 0
        while let at = bytes.firstOffset(of: www, from: from) {
            if at >= run.upperBound {
                total += count * run.count
                var lower = at, upper = at
                while lower > 0, inDomain(bytes[lower - 1]) { lower -= 1 }
                while upper < bytes.count, inDomain(bytes[upper]) { upper += 1 }
                run = lower..<upper
                count = 0
            }
            count += 1
            if total + count * run.count > maximumLinkSearch {
                // All of the run's, for the message.
                var next = at + www.count
                while let more = bytes.firstOffset(of: www, from: next), more < run.upperBound {
                    count += 1
                    next = more + www.count
                }
                let line = 1 + bytes[..<run.lowerBound].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
                let column = run.lowerBound - (bytes[..<run.lowerBound].lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
                return Problem(
                    line: line, column: column,
                    message: "this text has \(count) web addresses `www.…` run together in \(run.count) characters without a space: Markdown's search for links would go over the rest of them from each one, for minutes; put spaces between the addresses")
            }
            from = at + www.count
        }
        return nil
    }

    /// The table (a line with a `|`, then a line of dashes with as many cells) at which the
    /// cells its rows lack (up to a blank line, a heading or a fence), with those of the tables
    /// before it, pass `maximumFilledCells`.
    private static func filledTable(in bytes: UnsafeBufferPointer<UInt8>) -> Problem? {
        let lines = bytes.lineRanges().map { bytes[$0] }
        // The body's tables together: many tables each under the limit add up.
        var total = 0
        var k = 1
        while k < lines.count {
            let dashes = ContainerMarkers.content(of: lines[k]), header = ContainerMarkers.content(of: lines[k - 1])
            guard BrokenTable.isDashes(dashes), header.contains(UInt8(ascii: "|")), BrokenTable.cells(in: dashes) == BrokenTable.cells(in: header) else {
                k += 1
                continue
            }
            let columns = BrokenTable.cells(in: dashes)
            var filled = 0, rows = 0
            var row = k + 1
            while row < lines.count, !endsTable(ContainerMarkers.content(of: lines[row])) {
                filled += max(0, columns - BrokenTable.cells(in: ContainerMarkers.content(of: lines[row])))
                rows += 1
                row += 1
            }
            total += filled
            if total > maximumFilledCells {
                let above = total > filled ? " (with the tables above it, \(total))" : ""
                return Problem(
                    line: k + 1, column: 1,
                    message: "this table has \(columns) columns and \(rows) rows whose missing cells Markdown would fill in: \(filled) empty cells\(above), more than the \(maximumFilledCells) bantin makes in a text; give the header only the columns the rows use")
            }
            k = row + 1
        }
        return nil
    }

    /// Whether a line ends a table: blank (but for the quote or list marks the table's lines
    /// have too), a heading or a fence. A quote or list after a table is counted with its rows:
    /// never enough to matter.
    private static func endsTable(_ content: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        guard let first = content.first(where: { !$0.isWhitespace }) else { return true }
        return first == UInt8(ascii: "#") || content.starts(with: "```".utf8) || content.starts(with: "~~~".utf8)
    }

    /// A link definition (`[a]: address "title"` at a line's start) whose address and title,
    /// written out at every use of `[a]`, would come to more than `maximumReferenceBytes`.
    /// Labels are compared as Markdown does: in any case, with runs of spaces as one.
    /// A footnote's note (`[^1]: …`) is shown once, wherever it is referred to: no blow-up.
    private static func repeatedReference(in bytes: UnsafeBufferPointer<UInt8>) -> Problem? {
        let lines = bytes.lineRanges().map { bytes[$0] }
        // The bytes of the lines after each one, up to a blank line: all a title may go on over.
        var after = [Int](repeating: 0, count: lines.count)
        for index in lines.indices.dropLast().reversed() {
            let next = ContainerMarkers.content(of: lines[index + 1])
            after[index] = next.allSatisfy(\.isWhitespace) ? 0 : lines[index + 1].count + after[index + 1]
        }
        var uses: [String: Int]? = nil
        // The bytes every definition writes out, added up: many just under the limit pass it together.
        var total = 0
        for (index, line) in lines.enumerated() {
            let content = ContainerMarkers.content(of: line)
            guard let close = definitionLabelEnd(content), content[content.startIndex + 1] != UInt8(ascii: "^") else { continue }
            let label = normalized(String(decoding: content[(content.startIndex + 1)..<close], as: UTF8.self))
            guard !label.isEmpty else { continue }
            // The address and title: only a long one can blow up.
            let rest = content[(close + 2)...].drop(while: \.isWhitespace)
            var length: Int
            if rest.isEmpty {
                // The address on the next line, and maybe a title after it.
                guard index + 1 < lines.count else { continue }
                let destination = ContainerMarkers.content(of: lines[index + 1]).drop(while: \.isWhitespace)
                length = destination.count + (titleGoesOn(after: destination, next: index + 2 < lines.count ? lines[index + 2] : nil) ? after[index + 1] : 0)
            } else {
                length = rest.count + (titleGoesOn(after: rest, next: index + 1 < lines.count ? lines[index + 1] : nil) ? after[index] : 0)
            }
            guard length > 256 else { continue }
            if uses == nil { uses = bracketed(in: normalized(String(decoding: bytes, as: UTF8.self))) }
            // Every `[label]` of the text, less the definition's own.
            let count = (uses?[label] ?? 0) - 1
            guard count > 0 else { continue }
            total += count * length
            guard total > maximumReferenceBytes else { continue }
            let above = total > count * length ? " (with the links above it, \(total / 1_000_000) MB)" : ""
            return Problem(
                line: index + 1, column: content.startIndex - line.startIndex + 1,
                message: "the link `[\(label)]` has a \(length)-byte address (and title) and is used \(count) times: Markdown would write the address out at each use (\(count * length / 1_000_000) MB\(above)), more than the \(maximumReferenceBytes / 1_000_000) MB bantin writes; shorten the address, or link it once")
        }
        return nil
    }

    /// Whether the title of a definition whose address starts `text` (the rest of its line) goes
    /// on to the lines after it: it opens there (`"`, `'` or `(`) and does not close, or the
    /// line after (`next`) opens one. Then every line up to a blank one is counted with it (a
    /// line of a title may look like another definition); otherwise the definition is its line.
    private static func titleGoesOn(after text: Slice<UnsafeBufferPointer<UInt8>>, next: Slice<UnsafeBufferPointer<UInt8>>?) -> Bool {
        let tail = text.drop { !$0.isWhitespace }.drop(while: \.isWhitespace)
        if let opener = tail.first, let closer = closers[opener] {
            // Closed by a closer no `\` escapes.
            var escaped = false
            for byte in tail.dropFirst() {
                if byte == closer, !escaped { return false }
                escaped = byte == UInt8(ascii: "\\") && !escaped
            }
            return true
        }
        guard tail.isEmpty, let next else { return false }
        return ContainerMarkers.content(of: next).drop(while: \.isWhitespace).first.map { closers[$0] != nil } ?? false
    }

    /// What closes a title that each opener opens.
    private static let closers: [UInt8: UInt8] = [UInt8(ascii: "\""): UInt8(ascii: "\""), UInt8(ascii: "'"): UInt8(ascii: "'"), UInt8(ascii: "("): UInt8(ascii: ")")]

    /// Where the label of the definition `content` starts with (`[a]:`) ends, at its `]`; `nil`
    /// for a line that starts no definition.
    private static func definitionLabelEnd(_ content: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        guard content.first == UInt8(ascii: "["), let close = content.firstIndex(of: UInt8(ascii: "]")), close + 1 < content.endIndex,
            content[close + 1] == UInt8(ascii: ":")
        else { return nil }
        return close
    }

    /// How many times each text between `[` and the next `]` (with no `[` between) is in `text`.
    private static func bracketed(in text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        var open: String.Index? = nil
        for index in text.indices {
            switch text[index] {
            case "[": open = text.index(after: index)
            case "]":
                if let start = open { counts[String(text[start..<index]), default: 0] += 1 }
                open = nil
            default: break
            }
        }
        return counts
    }

    /// A label as Markdown compares labels: case folded (`ẞ` and `ß` as `ss`), runs of spaces as one.
    private static func normalized(_ text: String) -> String {
        text.folding(options: .caseInsensitive, locale: nil).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }
}
