import Yams

/// Front matter in the plain shape editors write (`key: value` lines; values that are
/// plain, single- or double-quoted scalars, `[a, "b"]` lists or `- item` lists), read
/// straight into the fields Yams would give, positions included. Anything else, or anything
/// doubtful, gives `nil` and is left to Yams. Reading YAML through libyaml and Yams was a
/// tenth of a 10,000-article build; this reader works on UTF-8 bytes (every character of
/// YAML's syntax is ASCII), and a test checks it against Yams field by field.
enum PlainFrontMatter {
    /// One constructor for every tag made here: Yams's `Constructor.default` builds a new one,
    /// with its tables, each time it is asked for (a few percent of a full build). It is never changed.
    nonisolated(unsafe) static let sharedConstructor = Constructor.default

    typealias Entry = (key: String, keyPosition: SourcePosition, value: FieldValue)

    /// The fields of `yaml`, whose first line is line `1 + lineOffset` of its file.
    static func read(_ yaml: String, lineOffset: Int) -> [Entry]? {
        var yaml = yaml
        return yaml.withUTF8 { bytes in
            var reader = Reader(bytes: bytes, lineOffset: lineOffset)
            return reader.entries()
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        let lineOffset: Int
        /// Byte ranges of the lines, without their `\n`.
        var lines: [Range<Int>] = []
        /// The last column counted, and where: the items of a list on one line are counted on from
        /// the one before (from the line's start each, 40,000 of them took seconds).
        private let lastColumn = LastColumn()
        private final class LastColumn {
            var offset = 0, column = 1
        }

        init(bytes: UnsafeBufferPointer<UInt8>, lineOffset: Int) {
            self.bytes = bytes
            self.lineOffset = lineOffset
            var start = 0
            for i in 0..<bytes.count where bytes[i] == 0x0A {
                lines.append(start..<i)
                start = i + 1
            }
            lines.append(start..<bytes.count)
        }

        mutating func entries() -> [Entry]? {
            guard isPrintable() else { return nil }
            var result: [Entry] = []
            var keys: Set<String> = []
            var index = 0
            while index < lines.count {
                let line = lines[index]
                let lineNumber = index + 1 + lineOffset
                index += 1
                if isBlankOrComment(line) {
                    // A hashtag on a line of its own may be meant as text (YAMLMistakes.hashtagComments).
                    if isHashtag(line) { return nil }
                    continue
                }
                // `key:` at the start of the line.
                guard isKeyStart(bytes[line.lowerBound]) else { return nil }
                var colon = line.lowerBound
                while colon < line.upperBound, isKeyByte(bytes[colon]) { colon += 1 }
                guard colon < line.upperBound, bytes[colon] == 0x3A else { return nil }
                let key = string(line.lowerBound..<colon)
                guard keys.insert(key).inserted else { return nil }
                let keyPosition = SourcePosition(line: lineNumber, column: 1)
                let afterColon = colon + 1
                let valueStart = skipSpaces(from: afterColon, to: line.upperBound)
                let value: FieldValue
                if valueStart == line.upperBound {
                    // A block list on the following lines; an empty value is left to Yams.
                    var items: [FieldValue] = []
                    var listPosition: SourcePosition? = nil
                    while index < lines.count {
                        let item = lines[index]
                        if isBlankOrComment(item), !items.isEmpty {
                            if isHashtag(item) { return nil }
                            index += 1
                            continue
                        }
                        let dash = skipSpaces(from: item.lowerBound, to: item.upperBound)
                        guard dash + 1 < item.upperBound, bytes[dash] == 0x2D, bytes[dash + 1] == 0x20 else { break }
                        let column = dash - item.lowerBound + 1
                        // Every item at the indentation of the first.
                        if let listPosition, listPosition.column != column { return nil }
                        let textStart = skipSpaces(from: dash + 2, to: item.upperBound)
                        guard let scalar = scalar(textStart..<item.upperBound, line: index + 1 + lineOffset, inFlow: false) else { return nil }
                        if listPosition == nil { listPosition = SourcePosition(line: index + 1 + lineOffset, column: column) }
                        items.append(scalar)
                        index += 1
                    }
                    guard let listPosition, !items.isEmpty else { return nil }
                    value = FieldValue(shape: .list(items), position: listPosition)
                } else {
                    guard bytes[afterColon] == 0x20 else { return nil }
                    let rest = valueStart..<line.upperBound
                    if bytes[valueStart] == 0x5B {  // [
                        guard let list = flowList(rest, line: lineNumber) else { return nil }
                        value = list
                    } else {
                        guard let scalar = scalar(rest, line: lineNumber, inFlow: false) else { return nil }
                        value = scalar
                    }
                }
                result.append((key, keyPosition, value))
            }
            return result.isEmpty ? nil : result
        }

        /// `[a, "b", 'c']` on one line: scalars only, nothing after the bracket.
        func flowList(_ range: Range<Int>, line: Int) -> FieldValue? {
            let end = trimTrailingSpaces(range)
            guard end - range.lowerBound >= 2, bytes[end - 1] == 0x5D else { return nil }  // ]
            let position = SourcePosition(line: line, column: column(of: range.lowerBound))
            let inner = (range.lowerBound + 1)..<(end - 1)
            if skipSpaces(from: inner.lowerBound, to: inner.upperBound) == inner.upperBound {
                return FieldValue(shape: .list([]), position: position)
            }
            var items: [FieldValue] = []
            var start = inner.lowerBound
            while true {
                start = skipSpaces(from: start, to: inner.upperBound)
                // An item ends at the first comma outside quotes.
                var i = start
                var quote: UInt8? = nil
                while i < inner.upperBound {
                    let c = bytes[i]
                    if let q = quote {
                        if c == 0x5C && q == 0x22 {
                            i += 1
                            guard i < inner.upperBound else { return nil }
                        } else if c == q {
                            quote = nil
                        }
                    } else if c == 0x22 || c == 0x27 {
                        guard i == start else { return nil }
                        quote = c
                    } else if c == 0x2C {
                        break
                    }
                    i += 1
                }
                guard quote == nil, let item = scalar(start..<i, line: line, inFlow: true) else { return nil }
                items.append(item)
                guard i < inner.upperBound else { break }
                start = i + 1
            }
            return FieldValue(shape: .list(items), position: position)
        }

        /// One scalar filling `range` (trailing spaces aside), or `nil` when in doubt.
        func scalar(_ range: Range<Int>, line: Int, inFlow: Bool) -> FieldValue? {
            let end = trimTrailingSpaces(range)
            let start = range.lowerBound
            guard start < end else { return nil }
            let position = SourcePosition(line: line, column: column(of: start))
            let first = bytes[start]
            if first == 0x22 {  // "
                guard end - start >= 2, bytes[end - 1] == 0x22 else { return nil }
                var value: [UInt8] = []
                var i = start + 1
                while i < end - 1 {
                    var c = bytes[i]
                    if c == 0x5C {  // only \" and \\ are read here
                        i += 1
                        guard i < end - 1 else { return nil }
                        c = bytes[i]
                        guard c == 0x22 || c == 0x5C else { return nil }
                    } else if c == 0x22 {
                        return nil
                    }
                    value.append(c)
                    i += 1
                }
                return FieldValue(shape: .scalar(Node.Scalar(String(decoding: value, as: UTF8.self), Tag(.str, .default, sharedConstructor), .doubleQuoted)), position: position)
            }
            if first == 0x27 {  // '
                guard end - start >= 2, bytes[end - 1] == 0x27 else { return nil }
                // Inside, a quote is written twice; a lone one would end the scalar early.
                var value: [UInt8] = []
                var i = start + 1
                while i < end - 1 {
                    if bytes[i] == 0x27 {
                        guard i + 1 < end - 1, bytes[i + 1] == 0x27 else { return nil }
                        i += 1
                    }
                    value.append(bytes[i])
                    i += 1
                }
                return FieldValue(shape: .scalar(Node.Scalar(String(decoding: value, as: UTF8.self), Tag(.str, .default, sharedConstructor), .singleQuoted)), position: position)
            }
            // Plain: no indicator first, no `: ` or ` #` inside, no `:` at the end, no flow characters in a flow list.
            guard !Self.indicators.contains(first), bytes[end - 1] != 0x3A else { return nil }
            for i in start..<end {
                let c = bytes[i]
                if c == 0x09 { return nil }
                if c == 0x3A, i + 1 < end, bytes[i + 1] == 0x20 { return nil }
                if c == 0x20, i + 1 < end, bytes[i + 1] == 0x23 { return nil }
                if inFlow, c == 0x2C || c == 0x5B || c == 0x5D || c == 0x7B || c == 0x7D || c == 0x3A { return nil }
            }
            return FieldValue(shape: .scalar(Node.Scalar(string(start..<end), Tag(.implicit, .default, sharedConstructor), .plain)), position: position)
        }

        /// `- ? : , [ ] { } # & * ! | > ' " % @` and backquote.
        static let indicators: Set<UInt8> = Set("-?:,[]{}#&*!|>'\"%@`".utf8)

        func string(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }

        /// 1-based, in characters (Unicode scalars), as libyaml counts.
        func column(of offset: Int) -> Int {
            var start = offset
            var column = 1
            while start > 0, bytes[start - 1] != 0x0A {
                // On the line of the last one counted, after it: counted on from there.
                if start == lastColumn.offset {
                    column = lastColumn.column
                    break
                }
                start -= 1
            }
            for i in start..<offset where bytes[i] & 0xC0 != 0x80 { column += 1 }
            (lastColumn.offset, lastColumn.column) = (offset, column)
            return column
        }

        func skipSpaces(from start: Int, to end: Int) -> Int {
            var i = start
            while i < end, bytes[i] == 0x20 { i += 1 }
            return i
        }

        func trimTrailingSpaces(_ range: Range<Int>) -> Int {
            var end = range.upperBound
            while end > range.lowerBound, bytes[end - 1] == 0x20 { end -= 1 }
            return end
        }

        func isBlankOrComment(_ line: Range<Int>) -> Bool {
            let first = skipSpaces(from: line.lowerBound, to: line.upperBound)
            return first == line.upperBound || bytes[first] == 0x23
        }

        /// A comment line whose `#` is followed by more than a space, as a hashtag is.
        func isHashtag(_ line: Range<Int>) -> Bool {
            let first = skipSpaces(from: line.lowerBound, to: line.upperBound)
            return first + 1 < line.upperBound && bytes[first] == 0x23 && bytes[first + 1] != 0x20 && bytes[first + 1] != 0x09
        }

        func isKeyStart(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
        }

        func isKeyByte(_ byte: UInt8) -> Bool {
            isKeyStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x5F || byte == 0x2D
        }

        /// YAML's printable set, without carriage returns and tabs (which this reader leaves to Yams).
        /// The text is valid UTF-8 (a Swift string), so only the sequences to refuse are looked for.
        func isPrintable() -> Bool {
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 {
                    if b < 0x20 && b != 0x0A || b == 0x7F { return false }
                    i += 1
                } else if b == 0xC2 {
                    // U+0080–U+009F (C1 controls, NEL included) are left to Yams.
                    if i + 1 < bytes.count, bytes[i + 1] < 0xA0 { return false }
                    i += 2
                } else if b == 0xED {
                    i += 3  // surrogates cannot occur in a Swift string
                } else if b == 0xEF {
                    // U+FEFF, U+FFFE, U+FFFF
                    if i + 2 < bytes.count, (bytes[i + 1] == 0xBB && bytes[i + 2] == 0xBF) || (bytes[i + 1] == 0xBF && bytes[i + 2] >= 0xBE) {
                        return false
                    }
                    i += 3
                } else {
                    i += b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                }
            }
            return true
        }
    }
}
