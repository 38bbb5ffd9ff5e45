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
            return .failure(.error(path, line: 1, column: 1, "file is empty; an article needs front matter with at least `title` and `date`"))
        }
        // Lines end at LF only (decoded text has no CR left; a CR that remains belongs to its line).
        var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map(Substring.init)[...]
        guard let first = lines.first, isFence(first, opening: true) else {
            return .failure(
                .error(
                    path, line: 1, column: 1,
                    "no front matter: the file must start with a line `---`, then YAML fields such as `title:` and `date:`, then a closing `---`"
                ))
        }
        lines = lines.dropFirst()
        guard let closing = lines.firstIndex(where: { isFence($0, opening: false) }) else {
            return .failure(
                .error(path, line: 1, column: 1, "front matter is not closed: add a line `---` after the last YAML field"))
        }
        let yaml = lines[lines.startIndex..<closing].joined(separator: "\n")
        let bodyLines = lines[(closing + 1)...]
        let body = bodyLines.joined(separator: "\n")
        // `closing` is a 0-based index into the original lines.
        return .success(SplitSource(yaml: yaml, yamlLine: 2, body: body, bodyLine: closing + 2))
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

    private static func isFence(_ line: Substring, opening: Bool) -> Bool {
        var content = line
        while content.last == " " || content.last == "\t" { content = content.dropLast() }
        return content == "---" || (!opening && content == "...")
    }
}
