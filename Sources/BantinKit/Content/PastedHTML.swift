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

    private static func firstMatch<Output>(in text: String, of pattern: Regex<Output>) -> Substring? {
        text.firstMatch(of: pattern).map { text[$0.range] }
    }
}
