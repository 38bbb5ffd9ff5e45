/// HTML in a front-matter text, as a web page or a migrated site's export writes it
/// (`&#8220;Học và làm theo Bác&#8221;`, `<strong>Nóng</strong>`): front matter is plain text,
/// so a page would show it as written, and an address made from it would hold its digits.
enum PastedHTML {
    /// Why `text`, the value of `key`, reads as HTML, with what to write instead; `nil` when it does not.
    static func problem(in text: String, key: String) -> String? {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") }) else { return nil }
        if let reference = firstMatch(in: text, of: references) {
            let meant = HTMLReference.decode(text, reading: .htmlText)
            let shown = meant.count > 80 ? meant.prefix(80) + "…" : meant[...]
            return "`\(key)` holds `\(reference)`, an HTML character reference as web pages write them, which is shown as written: write the characters themselves (`\(shown)`)"
        }
        if let tag = firstMatch(in: text, of: tags) {
            return "`\(key)` holds the HTML tag `\(tag)`, which is shown as written: take the tags out (front matter is plain text)"
        }
        return nil
    }

    /// `&#8220;`, `&#x201C;`, `&ldquo;`.
    private static var references: Regex<(Substring, Substring)> { #/&(#[0-9]{2,7}|#[xX][0-9a-fA-F]{2,6}|[a-zA-Z]{2,8});/# }
    /// The tags an export leaves in titles and sapos.
    private static var tags: Regex<(Substring, Substring, Substring?)> { #/</?(strong|b|em|i|u|span|br|p|a|div|sup|sub|font|h[1-6])(\s[^>]*)?/?>/#.ignoresCase() }

    /// Why `text`, the value of the prose field `key` (a title, a sapo, a caption), reads as
    /// Markdown (`**đổi mới**`, `[Kết luận 01](https://…)`, as Hugo renders a front-matter
    /// summary), with what to write instead; `nil` when it does not, or for another field (a
    /// path's `__` is no markup).
    static func markdownProblem(in text: String, key: String) -> String? {
        guard proseKeys.contains(key), text.utf8.contains(where: { $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "[") }) else { return nil }
        if let link = text.firstMatch(of: markdownLink) {
            return "`\(key)` holds the Markdown link `\(text[link.range])`, which is shown as written (front matter is plain text): write its words alone (`\(link.1)`), and the link in the body"
        }
        if let strong = text.firstMatch(of: markdownEmphasis) {
            return "`\(key)` holds Markdown emphasis, `\(strong.2)\(strong.3)\(strong.2)`, which is shown with its marks (front matter is plain text): write the words alone (`\(strong.3)`)"
        }
        return nil
    }

    /// The fields readers read as prose, where Markdown's marks are no one's words.
    static let proseKeys = FieldKinds.prose
    /// `[words](address)`.
    private static var markdownLink: Regex<(Substring, Substring)> { #/\[([^\]\n]+)\]\([^()\s]+\)/# }
    /// `**words**`, `__words__` or `*words*`: marks outside a word, around words that start and end
    /// with a letter or digit (not `5 * 3 * 2`, `a*b*c`, a footnote's `(*) … (*)`, a name's `_2024_`).
    private static var markdownEmphasis: Regex<(Substring, Substring, Substring, Substring)> {
        #/(^|[^\p{L}\p{N}*_])(\*\*|__|\*)([\p{L}\p{N}](?:[^*_]*[\p{L}\p{N}])?)\2(?![\p{L}\p{N}*_])/#
    }

    private static func firstMatch<Output>(in text: String, of pattern: Regex<Output>) -> Substring? {
        text.firstMatch(of: pattern).map { text[$0.range] }
    }
}
