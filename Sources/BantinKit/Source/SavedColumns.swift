import Foundation

/// Columns counted as the editor's file counts them. bantin reads a file composed (NFC,
/// `SourceDecoder`) and counts a problem's column there; in a file saved decomposed (NFD: a
/// letter, then its marks, as macOS and Unikey's "Unicode tổ hợp" write it) the same place is
/// further along the line by the marks before it.
enum SavedColumns {
    /// `diagnostics`, each column in a file of `content` (or of another folder: the templates;
    /// named under `displayRoot`) that is saved decomposed counted in the file as saved. Only
    /// files with a diagnostic are read again.
    static func inSavedFiles(_ diagnostics: [Diagnostic], content: URL, displayRoot: String) -> [Diagnostic] {
        // Files are named under the content folder as given (`content`, `content/` alike), or
        // from it when it is the working folder (`.`).
        let root = displayRoot.hasSuffix("/") ? String(displayRoot.reversed().drop { $0 == "/" }.reversed()) : displayRoot
        let prefix = root == "." || root.isEmpty ? "" : root + "/"
        var lines: [String: [Substring]?] = [:]
        return diagnostics.map { diagnostic in
            guard diagnostic.line > 0, diagnostic.column > 1, diagnostic.file.hasPrefix(prefix) else { return diagnostic }
            let saved = lines[diagnostic.file] ?? {
                let found = decomposedLines(at: content.path + "/" + diagnostic.file.dropFirst(prefix.count))
                lines[diagnostic.file] = found
                return found
            }()
            guard let saved, diagnostic.line <= saved.count else { return diagnostic }
            var mapped = diagnostic
            mapped.column = savedColumn(diagnostic.column, in: saved[diagnostic.line - 1])
            return mapped
        }
    }

    /// The lines of the file at `path` as saved, when composing it changes it; `nil` otherwise.
    static func decomposedLines(at path: String) -> [Substring]? {
        guard let bytes = Directory.contents(of: path), var text = String(validating: bytes, as: UTF8.self) else { return nil }
        // Its byte-order mark and line breaks as `SourceDecoder` reads them; the other changes keep columns.
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        // (Strings that differ only so are equal to Swift: their scalars are compared.)
        guard !SourceDecoder.isKnownNFC(lines), !lines.unicodeScalars.elementsEqual(lines.precomposedStringWithCanonicalMapping.unicodeScalars) else { return nil }
        return lines.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The column in `line` as saved of what is at `column` (1-based, in characters) of the line
    /// composed. Composing works within a letter and its marks, never across two letters.
    static func savedColumn(_ column: Int, in line: Substring) -> Int {
        var composed = 0, saved = 0
        for letter in line {
            guard composed < column - 1 else { break }
            composed += String(letter).precomposedStringWithCanonicalMapping.unicodeScalars.count
            saved += letter.unicodeScalars.count
        }
        return saved + 1 + max(column - 1 - composed, 0)
    }
}
