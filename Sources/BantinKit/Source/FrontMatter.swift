/// A content file split into its YAML front matter and its Markdown body.
///
/// Line numbers are kept so that a problem found in the YAML or the body can be
/// reported at its line in the original file.
public struct SplitSource: Sendable, Equatable {
    /// The YAML between the `---` fences, without them.
    public var yaml: String
    /// The 1-based line in the file where `yaml` starts.
    public var yamlLine: Int
    /// The Markdown after the closing fence, exactly as written.
    public var body: String
    /// The 1-based line in the file where `body` starts.
    public var bodyLine: Int
}

/// Splits `---`-fenced front matter from the body.
public enum FrontMatterSplitter {
    public static func split(_ text: String, path: String) -> Result<SplitSource, Diagnostic> {
        if text.allSatisfy(\.isWhitespace) {
            return .failure(.error(path, line: 1, column: 1, "file is empty; it needs front matter: a line `---`, its fields (an article's `title:` and `date:`, a directive's `code:`, a theme's `year:`), then `---`"))
        }
        // Walk the lines (ending at LF only: a CR that remains belongs to its line) until the
        // closing fence; the body after it is taken as one slice, untouched.
        let bytes = text.utf8
        var lineStart = bytes.startIndex
        var lineNumber = 1
        var yamlStart: String.Index? = nil
        // The quote a value of the front matter is open in, up to this line.
        var quote: UInt8? = nil
        while lineStart < bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.endIndex
            let line = Substring(text.unicodeScalars[lineStart..<lineEnd])
            if lineNumber == 1 {
                guard isFence(line, opening: true) else {
                    if GitLFSPointer.isPointer(fileStart: line.utf8) { return .failure(.error(path, line: 1, column: 1, GitLFSPointer.told)) }
                    // `---` after a character that shows as nothing (pasted in, or a second byte-order mark).
                    let unseen = line.unicodeScalars.prefix { LookAlikes.zeroWidth[$0.value] != nil }
                    let why = !unseen.isEmpty && isFence(Substring(line.unicodeScalars.dropFirst(unseen.count)), opening: true)
                        ? "the first line is `---` after \(String(String.UnicodeScalarView(unseen)).namingLookAlikes), a character that shows as nothing: delete it"
                        : looksLikeFence(line, opening: true)
                        ? lookAlike(line)
                        : line.trimmingCharacters(in: .whitespacesAndNewlines) == "+++"
                        ? "it is written in TOML between `+++` lines (Hugo's), and bantin reads YAML between `---` lines: write `---` in place of each `+++`, and each `key = value` as `key: value`"
                        : "the file must start with a line `---`, then YAML fields such as `title:` and `date:`, then a closing `---`"
                    return .failure(.error(path, line: 1, column: 1, "no front matter: " + why))
                }
                yamlStart = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : lineEnd
            } else if looksLikeFence(line, opening: false), quote == nil || !line.unicodeScalars.contains(where: { LookAlikes.dashes[$0.value] != nil }) {
                // Meant as the closing `---`: YAML would read it, and the text below, as fields. A
                // dash alone (`—`) on a line of a quoted value is the value's.
                return .failure(.error(path, line: lineNumber, column: 1, "front matter is not closed: " + lookAlike(line)))
            } else if isFence(line, opening: false), let yamlStart {
                let yamlEnd = lineStart > yamlStart ? bytes.index(before: lineStart) : yamlStart
                let yaml = String(text.unicodeScalars[yamlStart..<yamlEnd])
                let bodyStart = lineEnd < bytes.endIndex ? bytes.index(after: lineEnd) : lineEnd
                let body = String(text.unicodeScalars[bodyStart...])
                return .success(SplitSource(yaml: yaml, yamlLine: 2, body: body, bodyLine: lineNumber + 1))
            }
            // Only a line with a quote in it opens or closes one (most have none).
            if lineNumber > 1, line.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }) {
                quote = YAMLMistakes.openQuote(after: Array(line.utf8), before: quote)
            }
            if lineEnd == bytes.endIndex { break }
            lineStart = bytes.index(after: lineEnd)
            lineNumber += 1
        }
        return .failure(.error(path, line: 1, column: 1, "front matter is not closed: add a line `---` after the last YAML field"))
    }

    /// As `split(_:path:)`, adding the problem to `diagnostics`.
    public static func split(_ text: String, path: String, into diagnostics: inout [Diagnostic]) -> SplitSource? {
        switch split(text, path: path) {
        case .success(let source): return source
        case .failure(let problem):
            diagnostics.append(problem)
            return nil
        }
    }

    /// A line meant as a fence that is none: `---` with a no-break or zero-width space, or a
    /// word processor's dashes for its hyphens (Word makes `—` of `---`, `–-` of `---`); in the
    /// front matter, only one that starts at the line's start (an indented `---` is a block's text).
    private static func looksLikeFence(_ line: Substring, opening: Bool) -> Bool {
        // Asked of every line of every front matter: a short line that starts with a dash, or a
        // character beyond ASCII (or a space, for the first), else none, before any work.
        guard line.utf8.count <= 24, let first = line.unicodeScalars.first,
              first == "-" || first.value >= 0x80 || (opening && (first == " " || first == "\t")), !isFence(line, opening: opening)
        else { return false }
        let typed = LookAlikes.typed(String(line)).trimmingCharacters(in: .whitespaces)
        let dashed = line.unicodeScalars.contains { LookAlikes.dashes[$0.value] != nil }
        return typed == "---" || (dashed && (typed == "-" || typed == "--"))
    }

    /// What to say of a line `looksLikeFence`.
    private static func lookAlike(_ line: Substring) -> String {
        "the line `\(String(line).namingLookAlikes)` is meant as `---` but is not (a word processor's dashes or spaces, or a character that shows as nothing): write three hyphens `---` alone on the line"
    }

    private static func isFence(_ line: Substring, opening: Bool) -> Bool {
        var content = line
        while content.last == " " || content.last == "\t" { content = content.dropLast() }
        return content == "---" || (!opening && content == "...")
    }
}
