/// The usual causes of malformed front matter, found where the editor made them rather than
/// where YAML gave up: a space or colon pasted from a word processor, a quote left open (YAML
/// reads on to the next quote, lines later) or closed too early (by a quote inside the value),
/// a list left open, a tab, and a field indented under another (YAML reads it as the rest of
/// that field's value).
enum YAMLMistakes {
    /// Where the mistake behind a YAML error at `errorLine` (1-based, in `yaml`) was made, and
    /// what it is; `nil` when it is none of the usual ones.
    static func cause(in yaml: String, errorLine: Int, problem: String) -> (line: Int, column: Int, message: String)? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
        guard errorLine >= 1 else { return nil }
        let upToError = lines.prefix(errorLine)
        // A line indented with no-break or ideographic spaces (pasted from Word): YAML reads them as
        // text. (After ordinary spaces, in a block of lines, they are its text; inside a quoted
        // value, going on from a line above, they are the value's.)
        var quote: UInt8? = nil
        for (index, line) in upToError.enumerated() {
            let inside = quote != nil
            quote = openQuote(after: line, before: quote)
            if inside { continue }
            let text = String(decoding: line, as: UTF8.self)
            if let first = text.unicodeScalars.first, LookAlikes.spaces[first.value] != nil,
               text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) {
                return (index + 1, 1,
                    "this line is indented with \(String(first).namingLookAlikes) (pasted from a word processor?), which YAML does not take for indentation: indent with ordinary spaces")
            }
        }
        // A no-break space after `key:` (indented too), or a full-width colon: YAML sees no field there.
        for (index, line) in upToError.enumerated() {
            let indent = line.prefix { $0 == UInt8(ascii: " ") }.count
            var k = indent
            while k < line.count, isKeyByte(line[k]) { k += 1 }
            guard k > indent else { continue }
            let key = String(decoding: line[indent..<k], as: UTF8.self)
            if line[k...].starts(with: [0x3A, 0xC2, 0xA0]) {
                return (index + 1, k + 2, "the space after `\(key):` is a no-break space (pasted from a word processor?), which YAML does not read as one: type an ordinary space")
            }
            if line[k...].starts(with: [0xEF, 0xBC, 0x9A]) {
                return (index + 1, k + 1, "`\(key)` is followed by a full-width colon `：`: type `:` (and a space)")
            }
        }
        // A character that shows as nothing before a field (a byte-order mark or a zero-width
        // space pasted in), on the line YAML stops at: read as the start of a value, not of a field.
        if errorLine <= lines.count {
            let text = String(decoding: lines[errorLine - 1], as: UTF8.self)
            if let first = text.unicodeScalars.first(where: { $0 != " " }), LookAlikes.zeroWidth[first.value] != nil {
                return (errorLine, text.unicodeScalars.prefix { $0 == " " }.count + 1,
                    "this line starts with \(String(first).namingLookAlikes), a character that shows as nothing (pasted from Word or a web page), which YAML reads as text: delete it")
            }
        }
        if errorLine <= lines.count {
            let line = lines[errorLine - 1]
            if line.first == UInt8(ascii: "\t") {
                return (errorLine, 1, "this line starts with a tab, which YAML does not take for indentation: indent with spaces (a field starts at the beginning of its line)")
            }
            // A quote inside a quoted value closes it: what follows is not YAML.
            if let open = openingQuote(in: line), let close = closing(line[open], in: line, from: open + 1),
                let rest = line[(close + 1)...].first(where: { $0 != UInt8(ascii: " ") }), rest != UInt8(ascii: "#")
            {
                let quote = line[open] == UInt8(ascii: "\"") ? "\"" : "'"
                let other = quote == "\"" ? "'" : "\""
                return (errorLine, column(ofByte: close, in: line), "the quote \(quote) here closes the value the quote at column \(open + 1) opened, before its end: write a quote inside the value as “ ”, or quote the value with \(other) instead")
            }
        }
        // A list (`[…]`) opened and not closed on its line.
        if problem.contains("expected ',' or ']'") {
            for index in stride(from: min(errorLine, lines.count) - 1, through: 0, by: -1) {
                let line = lines[index]
                if let colon = valueColon(in: line, from: 0), let open = line[(colon + 1)...].firstIndex(where: { $0 != UInt8(ascii: " ") }),
                    line[open] == UInt8(ascii: "["), !line.contains(UInt8(ascii: "]"))
                {
                    return (index + 1, open + 1, "the list opened with [ here is not closed with ] on its line: close it, as in `directives: [\"01-KL/TW\", \"05-CT/TW\"]`")
                }
            }
        }
        // A quote opened up to the error's line, not closed on its line, that runs on to the error.
        var index = 0
        while index < min(errorLine, lines.count) {
            guard let column = openQuote(in: lines[index]) else {
                index += 1
                continue
            }
            let closed = closingLine(of: lines, quoteAt: index, column: column)
            if let closed, closed < errorLine - 1 {
                index = closed + 1
                continue
            }
            let quote = lines[index][column - 1] == UInt8(ascii: "\"") ? "\"" : "'"
            return (index + 1, column, "the quote \(quote) opened here is not closed on its line, so YAML reads on into the lines below; close it at the end of the value")
        }
        if problem.contains("mapping values are not allowed") || problem.contains("did not find expected key"), errorLine <= lines.count, errorLine >= 2 {
            let line = lines[errorLine - 1]
            let indent = line.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
            let above = lines[..<(errorLine - 1)].last { !$0.allSatisfy { $0 == UInt8(ascii: " ") } }
            if indent > 0, let above, let key = topLevelKey(above), looksLikeField(line[indent...]) {
                return (errorLine, 1, "this line is indented, so YAML reads it as more of `\(key)`'s value on the line above; start it at the beginning of the line")
            }
        }
        // Lists nested deeper than YAML reads are no slip of these.
        if problem.contains("nesting level") { return nil }
        // The error's line and the one before it (YAML may find a slip out a line later).
        let nearError = stride(from: min(errorLine, lines.count) - 1, through: max(0, errorLine - 2), by: -1)
        // A value that starts with a character YAML reads as something else.
        for index in nearError {
            if let told = markedValue(lines[index], onErrorLine: index == errorLine - 1) { return (index + 1, told.column, told.message) }
        }
        // A later line with no colon (`author Ban biên tập`): YAML stops on the line below it.
        if problem.contains("could not find expected ':'") {
            for index in nearError {
                if let slip = fieldSlip(lines[index], at: index) { return slip }
            }
        }
        return lineWithoutField(Array(lines.prefix(errorLine)))
    }

    /// The fields whose value is a list (of an article, and `site.yml`'s `menu`).
    static let listKeys = FieldKinds.lists

    /// What YAML makes of a value's first character, for those it does not read as text.
    private static let valueStarts: [UInt8: String] = [
        UInt8(ascii: "["): "the start of a list", UInt8(ascii: "{"): "the start of a mapping",
        UInt8(ascii: "*"): "a reference to another value (an alias)", UInt8(ascii: "&"): "a name given to the value (an anchor)",
        UInt8(ascii: "!"): "the value's type (a tag)", UInt8(ascii: "@"): "a character no value may start with",
        UInt8(ascii: "`"): "a character no value may start with", UInt8(ascii: "%"): "a character no value may start with",
        UInt8(ascii: "|"): "the start of a block of lines", UInt8(ascii: ">"): "the start of a block of lines",
    ]

    /// A field whose value starts with a character YAML does not read as text (`title: [Video]
    /// Hội nghị`, `title: @Thanh niên`, `title: - Tin`), or with Word's curly quotes (which YAML
    /// takes for text, so a `: ` inside breaks it): where the value starts, and what to write.
    /// `onErrorLine`: whether YAML stopped at this line (curly quotes are valid YAML: they are
    /// the cause only of a stop on their own line, at a `: ` inside them).
    private static func markedValue(_ line: [UInt8], onErrorLine: Bool) -> (column: Int, message: String)? {
        guard let colon = valueColon(in: line, from: 0) else { return nil }
        let key = String(decoding: line[..<colon], as: UTF8.self)
        guard let start = line[(colon + 1)...].firstIndex(where: { $0 != UInt8(ascii: " ") }) else { return nil }
        let value = line[start...]
        let text = String(decoding: value, as: UTF8.self).trimmingWhitespace
        let last = text.utf8.last
        let what: String
        if value.starts(with: "“".utf8) || value.starts(with: "‘".utf8) {
            guard onErrorLine, text.contains(": ") else { return nil }
            // Word's quotes around the whole value (and none inside it): straight ones in their place.
            let inside = text.dropFirst().dropLast()
            let inner = (text.hasSuffix("”") || text.hasSuffix("’")) && !inside.contains(where: { "“”‘’".contains($0) }) ? String(inside) : text
            let shown = inner.count > 50 ? String(inner.prefix(50)) + "…" : inner
            return (column(ofByte: start, in: line),
                "`\(key)`'s value starts with \(text.first!), a curly quote (typed by Word), which YAML reads as text, so a `: ` inside breaks it: quote the value with straight quotes instead, e.g. `\(key): \(quoted(shown))`")
        } else if value.count >= 2, value.first == UInt8(ascii: "-"), value[start + 1] == UInt8(ascii: " ") {
            // A list's item typed on its key's line: the item goes below, or the list in brackets.
            if listKeys.contains(key) {
                // The items as written (`- 01-KL/TW, - 05-CT/TW`), without a comment after them.
                let written = text.range(of: " #").map { String(text[..<$0.lowerBound]) } ?? text
                // Items part at each comma, but a menu's, at a comma before another `-` only: a
                // category's name may hold one (`Kinh tế, xã hội`); no code, year or address does.
                let parts = key == "menu" ? written.dropFirst(2).components(separatedBy: ", -") : written.dropFirst(2).components(separatedBy: ",")
                let items = parts.map { $0.trimmingCharacters(in: .whitespaces) }.map { $0.hasPrefix("- ") ? String($0.dropFirst(2)).trimmingCharacters(in: .whitespaces) : $0 }
                    .filter { !$0.isEmpty }
                // In brackets, an item with a comma or a colon is quoted.
                let bracketed = items.map { $0.contains(where: { ",:[]{}#".contains($0) }) ? quoted($0) : $0 }
                return (column(ofByte: start, in: line),
                    "`\(key)`'s item is on its key's line, where YAML reads `- ` as nothing it can take: put each item on a line of its own below, `  - \(items.first ?? "")`, or write the list in brackets, `\(key): [\(bracketed.joined(separator: ", "))]`")
            }
            what = "starts with `- `, which YAML reads as a list's item"
        } else if let first = value.first, let meaning = valueStarts[first] {
            // A list or mapping written whole, or a block whose lines come below, is meant so.
            if first == UInt8(ascii: "["), last == UInt8(ascii: "]") { return nil }
            if first == UInt8(ascii: "{"), last == UInt8(ascii: "}") { return nil }
            if first == UInt8(ascii: "|") || first == UInt8(ascii: ">"),
                text.utf8.dropFirst().allSatisfy({ [UInt8(ascii: "-"), UInt8(ascii: "+")].contains($0) || (48...57).contains($0) }) { return nil }
            let character = first == UInt8(ascii: "`") ? "a backquote" : "`\(String(decoding: [first], as: UTF8.self))`"
            what = "starts with \(character), which YAML reads as \(meaning)"
        } else {
            return nil
        }
        let shown = text.count > 50 ? String(text.prefix(50)) + "…" : text
        return (column(ofByte: start, in: line), "`\(key)`'s value \(what): put the whole value in straight quotes, e.g. `\(key): \(quoted(shown))`")
    }

    /// `text` in double quotes, or in single quotes when it holds a double one.
    private static func quoted(_ text: String) -> String {
        text.contains("\"") ? "'\(text.replacingOccurrences(of: "'", with: "''"))'" : "\"\(text)\""
    }

    /// The first line that is not a field where one must be: `title:Hội nghị` (no space after the
    /// colon), `title Hội nghị` (no colon), or a first field indented when those below are not.
    /// YAML finds each out on a line below, where its message is of no help.
    private static func lineWithoutField(_ lines: [[UInt8]]) -> (line: Int, column: Int, message: String)? {
        let fields = lines.indices.filter { !lines[$0].allSatisfy { $0 == UInt8(ascii: " ") } && lines[$0].first != UInt8(ascii: "#") }
        guard let index = fields.first else { return nil }
        let line = lines[index]
        if line.first == UInt8(ascii: " ") {
            guard fields.dropFirst().contains(where: { valueColon(in: lines[$0], from: 0) != nil }), looksLikeField(line.drop { $0 == UInt8(ascii: " ") }) else { return nil }
            return (index + 1, 1, "this field starts with a space, and the fields below it do not: start each field at the beginning of its line")
        }
        // Only the first field: a slip of a later one YAML tells at its own line.
        return fieldSlip(line, at: index)
    }

    /// What is wrong with `line` (index `index`), written where a field must be: no space after
    /// the key's colon, no colon, or no key at all; `nil` for anything YAML may read as a field
    /// (a quoted key, a tab after the colon, a list's item).
    private static func fieldSlip(_ line: [UInt8], at index: Int) -> (line: Int, column: Int, message: String)? {
        guard let byte = line.first, ![UInt8(ascii: "\t"), UInt8(ascii: " "), UInt8(ascii: "#"), UInt8(ascii: "-"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: "?")].contains(byte),
            valueColon(in: line, from: 0) == nil else { return nil }
        var k = 0
        while k < line.count, isKeyByte(line[k]) { k += 1 }
        let key = String(decoding: line[..<k], as: UTF8.self)
        let colon = line[k...].drop { $0 == UInt8(ascii: " ") }.first == UInt8(ascii: ":") ? line[k...].firstIndex(of: UInt8(ascii: ":")) : nil
        if k > 0, let colon {
            // `title :` and `title:<tab>` are fields as YAML reads them.
            if colon > k || colon + 1 == line.count || line[colon + 1] == UInt8(ascii: "\t") { return nil }
            return (index + 1, k + 2, "there is no space after `\(key):`, so YAML does not read this line as a field: type a space after the colon")
        }
        if k > 0, k < line.count, line[k] == UInt8(ascii: " ") {
            return (index + 1, k + 1, "there is no colon after `\(key)`, so YAML does not read this line as a field: write `\(key): …`")
        }
        return (index + 1, 1, "this line is not a field (`field: value`); the article's text goes after the closing `---`")
    }

    /// Hashtags that YAML reads as comments: in a value not in quotes, a `#` at its start or after
    /// a space starts a comment, and the rest of the line is dropped without a word
    /// (`summary: … chiến dịch #ChungTay vì cộng đồng` is published as `… chiến dịch`), on the
    /// value's first line or on a line it goes on to. Told when the `#` is followed by a letter or
    /// digit, as a hashtag is; `date: …  # giờ Hà Nội` is a comment meant as one. Each with its
    /// 1-based line in `yaml` and column.
    static func hashtagComments(in yaml: String) -> [(line: Int, column: Int, message: String)] {
        var found: [(line: Int, column: Int, message: String)] = []
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
        // Lines deeper than this belong to a block value (`|`, `>`), where `#` is text.
        var blockIndent: Int?
        // The field whose plain value may go on to the next lines (deeper than its indent).
        var plain: (key: String?, indent: Int)?
        // The field of the lines below (a list's items are its).
        var field: String?
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let number = index + 1
            index += 1
            let indent = line.prefix { $0 == UInt8(ascii: " ") }.count
            if let block = blockIndent {
                if indent == line.count || indent > block { continue }
                blockIndent = nil
            }
            // A quote opened here and closed lines below: what is between is text.
            if let column = openQuote(in: line) {
                plain = nil
                index = (closingLine(of: lines, quoteAt: index - 1, column: column) ?? lines.count - 1) + 1
                continue
            }
            var start = indent
            var key: String?
            if line.count > start + 1, line[start] == UInt8(ascii: "-"), line[start + 1] == UInt8(ascii: " ") {
                start += 2
            } else if let colon = valueColon(in: line, from: indent) {
                key = String(decoding: line[indent..<colon], as: UTF8.self)
                if indent == 0 { field = key }
                start = colon + 1
            } else if let field = plain, indent > field.indent, indent < line.count {
                // A value in quotes that starts on the line after its key: text up to its closing quote.
                if line[indent] == UInt8(ascii: "\"") || line[indent] == UInt8(ascii: "'") {
                    plain = nil
                    if closing(line[indent], in: line, from: indent + 1) == nil {
                        index = (lines.indices.dropFirst(index).first { closing(line[indent], in: lines[$0], from: 0) != nil } ?? lines.count - 1) + 1
                    }
                    continue
                }
                // A line the value above goes on to.
                if let told = hashtag(in: line, from: indent, key: field.key, line: number, continued: true) { found.append(told) }
                continue
            } else {
                if indent < line.count { plain = nil }
                continue
            }
            plain = nil
            // A field that holds no `#` (a date, a code, an address: its list's items too), whose
            // `#…` is told to be a note rather than quoted in.
            let holdsNoHash = (key ?? field).map(FieldReader.notText.contains) == true
            while start < line.count, line[start] == UInt8(ascii: " ") || line[start] == UInt8(ascii: "\t") { start += 1 }
            guard start < line.count else {
                // An empty value may start on the next line.
                plain = (key, indent)
                continue
            }
            if line[start] == UInt8(ascii: "|") || line[start] == UInt8(ascii: ">") {
                blockIndent = indent
                continue
            }
            // In a list in brackets, a `#` after a space, `[` or `,` outside quotes starts a comment too.
            if line[start] == UInt8(ascii: "[") {
                if let told = hashtagInList(line, from: start, key: key, line: number, holdsNoHash: holdsNoHash) { found.append(told) }
                continue
            }
            // Quoted values keep their `#`; one glued to the closing quote (`"Hội nghị"#TinMoi`)
            // YAML reads as a comment all the same.
            if line[start] == UInt8(ascii: "\"") || line[start] == UInt8(ascii: "'") {
                // After it, glued or after spaces: `#TinMoi`, not a comment meant as one (`# ghi chú`).
                if let end = closing(line[start], in: line, from: start + 1),
                   let hash = line[(end + 1)...].firstIndex(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }),
                   line[hash] == UInt8(ascii: "#"), hash + 1 < line.count, line[hash + 1] != UInt8(ascii: " "), line[hash + 1] != UInt8(ascii: "\t") {
                    let lost = String(decoding: line[hash...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
                    let inside = String(decoding: line[(start + 1)..<end], as: UTF8.self)
                    let quote = String(decoding: [line[start]], as: UTF8.self)
                    let keep = holdsNoHash
                        ? notAHashtag(lost)
                        : "put it inside the quotes to keep it, e.g. `\(key.map { "\($0): " } ?? "- ")\(quote)\(inside) \(lost)\(quote)`"
                    found.append((number, column(ofByte: hash, in: line),
                        "YAML reads `\(lost)` after the closing quote as a comment, so \(key.map { "`\($0)`" } ?? "this item") ends at the quote and `\(lost)` is dropped: \(keep)"))
                }
                continue
            }
            if line[start] == UInt8(ascii: "{") { continue }
            if let told = hashtag(in: line, from: start, key: key, line: number, holdsNoHash: holdsNoHash) {
                found.append(told)
            } else {
                plain = (key, indent)
            }
        }
        return found
    }

    /// The hashtag YAML reads as a comment (or cannot read) in the list in brackets that starts
    /// at `start` of `line`: `menu: [Xây dựng Đảng, #Thời sự]`.
    private static func hashtagInList(_ line: [UInt8], from start: Int, key: String?, line number: Int, holdsNoHash: Bool) -> (line: Int, column: Int, message: String)? {
        var quote: UInt8?
        for k in (start + 1)..<line.count {
            let byte = line[k]
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
                continue
            }
            let before = line[k - 1]
            guard byte == UInt8(ascii: "#"), [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "["), UInt8(ascii: ",")].contains(before),
                k + 1 < line.count, line[k + 1] != UInt8(ascii: " "), line[k + 1] != UInt8(ascii: "\t") else { continue }
            let item = line[k...].prefix { $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "]") }
            let name = String(decoding: item, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            return (number, column(ofByte: k, in: line),
                "YAML reads `#…` in a list in brackets as a comment (a # after a space, `[` or `,` starts one), so \(key.map { "`\($0)`" } ?? "this list") loses `\(name)` and what follows on the line: \(holdsNoHash ? notAHashtag(name) : "put the item in quotes to keep it, e.g. `\"\(name)\"`")")
        }
        return nil
    }

    /// The hashtag YAML reads as a comment in the plain value that starts at `start` of `line`
    /// (number `number`), if any: where it is and what to say.
    /// `continued`: the line is one the value goes on to from the lines above.
    private static func hashtag(
        in line: [UInt8], from start: Int, key: String?, line number: Int, continued: Bool = false, holdsNoHash: Bool? = nil
    ) -> (line: Int, column: Int, message: String)? {
        guard let hash = (start..<line.count).first(where: { k in
            line[k] == UInt8(ascii: "#") && (k == start || line[k - 1] == UInt8(ascii: " ") || line[k - 1] == UInt8(ascii: "\t"))
        }), hash + 1 < line.count, line[hash + 1] != UInt8(ascii: " "), line[hash + 1] != UInt8(ascii: "\t") else { return nil }
        let lost = String(decoding: line[hash...], as: UTF8.self)
        let kept = String(decoding: line[start..<hash], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        let shown = lost.count > 40 ? lost.prefix(40) + "…" : lost
        let field = key.map { "`\($0)`" } ?? "this item"
        let what = kept.isEmpty ? (continued ? "\(field) ends on the line above" : "\(field) is left empty") : "\(field) ends at `\(kept.count > 40 ? "…" + kept.suffix(40) : kept)`"
        // Written as a double-quoted YAML value: its backslashes and quotes escaped.
        let value = String(decoding: line[start...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        let quoted = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let example = key.map { "\($0): " } ?? "- "
        let keep = holdsNoHash ?? (key.map(FieldReader.notText.contains) == true)
            ? notAHashtag(String(lost))
            : continued
            ? "put the whole value, from its first line, in double quotes to keep it"
            : "put the whole value in quotes to keep it, e.g. `\(example)\"\(quoted.count > 60 ? quoted.prefix(60) + "…" : quoted)\"`"
        return (number, column(ofByte: hash, in: line),
            "YAML reads `\(shown)` as a comment (a # at the start of a value or after a space starts one), so \(what) and the rest is dropped: \(keep)")
    }

    /// What to do with a `#…` a field that holds no `#` (a date, a code, a name) loses: it was a
    /// note, or is none of the value's.
    private static func notAHashtag(_ lost: String) -> String {
        "this field holds no `#`: to keep it as a note, write a space after its `#` (`# \(lost.dropFirst().prefix(30))`), which YAML's comments take; else delete it"
    }

    /// The 1-based column of a quote that opens a value (after `key: ` or `- `) and is not closed
    /// on the line (`closing`).
    /// The quote a value is open in after `line`, given the one it was open in before (`nil`: none).
    static func openQuote(after line: [UInt8], before open: UInt8?) -> UInt8? {
        if let open { return closing(open, in: line, from: 0) == nil ? open : nil }
        return openQuote(in: line).map { line[$0 - 1] }
    }

    static func openQuote(in line: [UInt8]) -> Int? {
        guard let start = openingQuote(in: line) else { return nil }
        return closing(line[start], in: line, from: start + 1) == nil ? start + 1 : nil
    }

    /// Where a quote that opens a value (after `key: ` or `- `) is.
    private static func openingQuote(in line: [UInt8]) -> Int? {
        var start = line.prefix { $0 == UInt8(ascii: " ") }.count
        if line.count > start + 1, line[start] == UInt8(ascii: "-"), line[start + 1] == UInt8(ascii: " ") {
            start += 2
        } else {
            guard let colon = valueColon(in: line, from: start) else { return nil }
            start = colon + 1
        }
        while start < line.count, line[start] == UInt8(ascii: " ") { start += 1 }
        guard start < line.count, line[start] == UInt8(ascii: "\"") || line[start] == UInt8(ascii: "'") else { return nil }
        return start
    }

    /// The 1-based column, in characters, of the byte at `offset` of `line`.
    private static func column(ofByte offset: Int, in line: [UInt8]) -> Int {
        line[..<offset].count { $0 & 0xC0 != 0x80 } + 1
    }

    /// The index of the line below where the quote left open at `column` (1-based) of line
    /// `index` closes; `nil` when it never does.
    private static func closingLine(of lines: [[UInt8]], quoteAt index: Int, column: Int) -> Int? {
        let quote = lines[index][column - 1]
        return lines.indices.dropFirst(index + 1).first { closing(quote, in: lines[$0], from: 0) != nil }
    }

    /// Where `quote` closes in `line`, from `start`: `"…"` at an unescaped `"`, `'…'` at a `'` not doubled.
    private static func closing(_ quote: UInt8, in line: [UInt8], from start: Int) -> Int? {
        var k = start
        while k < line.count {
            if quote == UInt8(ascii: "\""), line[k] == UInt8(ascii: "\\") {
                k += 2
                continue
            }
            if line[k] == quote {
                if quote == UInt8(ascii: "'"), k + 1 < line.count, line[k + 1] == quote {
                    k += 2
                    continue
                }
                return k
            }
            k += 1
        }
        return nil
    }

    /// Where the `: ` after a plain key (letters, digits, `_`, `-`) is, from `start`.
    private static func valueColon(in line: [UInt8], from start: Int) -> Int? {
        var k = start
        while k < line.count, isKeyByte(line[k]) { k += 1 }
        guard k > start, k < line.count, line[k] == UInt8(ascii: ":"), k + 1 == line.count || line[k + 1] == UInt8(ascii: " ") else { return nil }
        return k
    }

    /// The key of a field written at the start of its line with a value after it (`date: 2024-…`).
    private static func topLevelKey(_ line: [UInt8]) -> String? {
        guard let colon = valueColon(in: line, from: 0), line[(colon + 1)...].contains(where: { $0 != UInt8(ascii: " ") }) else { return nil }
        return String(decoding: line[..<colon], as: UTF8.self)
    }

    private static func looksLikeField(_ text: ArraySlice<UInt8>) -> Bool {
        valueColon(in: Array(text), from: 0) != nil
    }

    private static func isKeyByte(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }
}
