import Foundation

/// An article's old addresses (`aliases:`, on the site it was migrated from: Hugo's `aliases`,
/// Jekyll's `redirect_from`, a WordPress post's permalink), each kept as a small page that sends
/// the reader on to the article, so that a link to it from elsewhere (a search engine, a shared
/// post, a bookmark, another site) still leads to the article.
enum OldAddresses {
    /// Where the page of the old address `alias` is written (`/2023/05/01/dong-thap/` →
    /// `2023/05/01/dong-thap/index.html`; `https://cu.example.vn/tin/12.html` → `tin/12.html`),
    /// or why no page can stand there. A full address on one of the site's own base URLs `bases`
    /// (`BaseURL.ofOldAddresses`: `https://example.org/bt/2020/05/x.html` for
    /// `https://example.org/bt/`) is its path under it (`2020/05/x.html`); one on a base URL's
    /// host but outside its path, none this site holds.
    static func outputPath(of alias: String, bases: [String]) -> Result<String, Refused> {
        var address = Substring(alias.trimmingCharacters(in: .whitespaces))
        // A full address: its path (the old site's host is the one the bulletin moves to, or not: the path is what can be kept).
        let lowered = address.lowercased()
        if lowered.hasPrefix("http") || address.hasPrefix("//") {
            switch place(String(address), bases: bases) {
            case .under(let path): address = "/" + path.drop { $0 == "/" }
            case .outside(let base):
                return .failure(Refused("is on this bulletin's own host but outside its base URL `\(base)`, where the site is served: no page it writes can stand there; leave this address out (the host itself can send it on)"))
            case .elsewhere: break
            }
        }
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://"), !address.hasPrefix("/") {
            address = address[address.range(of: "://")!.upperBound...].drop { $0 != "/" }
        } else if address.hasPrefix("//") {
            address = address.dropFirst(2).drop { $0 != "/" }
        } else if !address.hasPrefix("/") {
            return .failure(Refused("is no address of the site the article came from: write its path from that site's root, starting with `/` (`/2023/05/01/ten-bai/`), or its full address (`https://…`)"))
        }
        // Its anchor goes, and a space before it (`/tin-cu/ #cu`: none of the path).
        if let fragment = address.firstIndex(of: "#") { address = Substring(address[..<fragment].trimmingCharacters(in: .whitespaces)) }
        if address.contains("?") {
            return .failure(Refused("has a query (`?…`), which a static site cannot keep: its host reads the path alone, not the query, so no page can stand there; leave this address out"))
        }
        guard !address.contains("\\"), let decoded = address.removingPercentEncoding, !decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            return .failure(Refused("is not an address: write its path, as `/2023/05/01/ten-bai/`"))
        }
        let parts = decoded.split(separator: "/")
        guard !parts.isEmpty else { return .failure(Refused("is the site's home page, which bantin makes itself; leave this address out")) }
        if parts.contains(where: { $0 == "." || $0 == ".." }) {
            return .failure(Refused("has `.` or `..` parts; write its path from the site's root, as `/2023/05/01/ten-bai/`"))
        }
        // Hosts hide or refuse hidden names (`.well-known/`, `.htaccess`), and bantin keeps its own there.
        if let hidden = parts.first(where: { $0.hasPrefix(".") }) {
            return .failure(Refused("has a hidden name (`\(hidden)`), which hosts do not serve as a page; leave this address out"))
        }
        let path = parts.joined(separator: "/")
        let last = parts.last!.lowercased()
        if !decoded.hasSuffix("/"), let dot = last.lastIndex(of: ".") {
            let kind = last[last.index(after: dot)...]
            guard kind == "html" || kind == "htm" else {
                return .failure(Refused("names a `.\(kind)` file, which a static host would send as it is (or as a download), not as a page: only an address of a folder (`/tin/12/`) or of an `.html` page can be kept"))
            }
            return .success(path)
        }
        return .success(path + "/index.html")
    }

    /// Where a full address is for the site with base URLs `bases`: under one (its path there),
    /// on one's host outside its path, or on another site. The host or the base without its last
    /// slash (`https://example.org`, `https://example.org/bt`) is the folder it names.
    private enum Place { case under(Substring), outside(String), elsewhere }

    private static func place(_ address: String, bases: [String]) -> Place {
        let asFolder = address.hasSuffix("/") ? address : address + "/"
        var outside: String? = nil
        for base in bases {
            if let path = LinkChecker.pathUnder(base, of: address) { return .under(path) }
            if LinkChecker.pathUnder(base, of: asFolder) == "" { return .under("") }
            guard outside == nil, let root = BaseURL.root(of: base) else { continue }
            if root != base, LinkChecker.pathUnder(root, of: asFolder) != nil { outside = base }
        }
        return outside.map(Place.outside) ?? .elsewhere
    }

    /// Why an old address cannot be kept.
    struct Refused: Error, Equatable {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// One old address to keep: where its page is written, for which article, which of its
    /// `aliases`.
    struct Kept {
        let path: String
        let article: Int
        let alias: Int
    }

    /// The old addresses of `articles` to keep, and the problems of the others, each an error at
    /// its place: an address no page can stand at; one another article already keeps. One that is
    /// the article's own address is a warning (nothing is made for it).
    static func kept(_ articles: [Article], bases: [String]) -> (kept: [Kept], diagnostics: [Diagnostic]) {
        var kept: [Kept] = [], diagnostics: [Diagnostic] = [], keeper: [String: Int] = [:]
        for (index, article) in articles.enumerated() {
            for (number, alias) in article.fields.aliases.enumerated() {
                // Looked up only for a message: one article may have thousands of old addresses.
                let at = { article.position(ofAlias: number) }
                switch outputPath(of: alias, bases: bases) {
                case .failure(let refused):
                    diagnostics.append(at().diagnostic(.error, article.file, "old address `\(alias)` \(refused.reason)"))
                case .success(let path) where path == Route.article(article.slug).outputPath:
                    diagnostics.append(at().diagnostic(.warning, article.file, "old address `\(alias)` is this article's own address: nothing is made for it; delete it"))
                case .success(let path):
                    if let other = keeper[path] {
                        let whose = other == index ? "is given twice" : "is also an old address of \(articles[other].file)"
                        diagnostics.append(at().diagnostic(.error, article.file, "old address `\(alias)` \(whose): one address leads to one article; keep it where it belongs"))
                        continue
                    }
                    keeper[path] = index
                    kept.append(Kept(path: path, article: index, alias: number))
                }
            }
        }
        return (kept, diagnostics)
    }

    /// The page kept at an old address: it sends the reader to the article at once (a browser's
    /// refresh, relative, so that it works from disk too), links to it for a reader whose browser
    /// does not follow, and tells search engines the article's own address and not to list it,
    /// and a program making a preview of a shared link (Facebook, Zalo) where to make it from;
    /// its text is a main landmark with a heading (a `role`, not `<main>`: a page with `<main>`
    /// that refreshes is one `check` tells).
    static func page(at path: String, for article: Article, language: String, baseURL: String?) -> [UInt8] {
        let links = LinkBuilder(from: .file(path), baseURL: nil)
        let target = links.href(.article(article.slug))
        let title = Escape.xml(article.title)
        let canonical = baseURL.map { base in
            let address = Escape.xml(LinkBuilder.absolute(.article(article.slug), baseURL: base))
            return "<link rel=\"canonical\" href=\"\(address)\">\n<meta property=\"og:url\" content=\"\(address)\">\n"
        } ?? ""
        return Array("""
            <!DOCTYPE html>
            <html lang="\(Escape.xml(language))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title)</title>
            <meta name="robots" content="noindex">
            \(canonical)<meta http-equiv="refresh" content="0; url=\(Escape.xml(target))">
            </head>
            <body>
            <div role="main">
            <h1>\(title)</h1>
            <p>Bài viết đã chuyển đến địa chỉ mới: <a href="\(Escape.xml(target))">\(title)</a>.</p>
            </div>
            </body>
            </html>

            """.utf8)
    }
    /// A link in a text by a full address (`https://cu.example.vn/2023/05/01/ten-bai/`) whose path
    /// is an old address an article keeps: a warning at it, naming the file to link to instead
    /// (the link leads to the old site, which the bulletin is leaving; by its file it leads to the
    /// article wherever the site is published). `contentRoot`: how files are named under `content/`.
    static func linksToOld(in texts: [(file: String, references: BodyReferences)], articles: [Article], contentRoot: String, bases: [String]) -> [Diagnostic] {
        var keeper: [String: String] = [:]
        for article in articles {
            for alias in article.fields.aliases {
                if case .success(let path) = outputPath(of: alias, bases: bases), keeper[path] == nil { keeper[path] = article.file }
            }
        }
        guard !keeper.isEmpty else { return [] }
        return texts.flatMap { file, references in
            references.remote.filter { !$0.isImage }.compactMap { link -> Diagnostic? in
                guard case .success(let path) = outputPath(of: link.destination, bases: bases), let source = keeper[path], source != file else { return nil }
                let written = ContentPath.relative(ContentIndex.path(of: source, under: contentRoot), from: ContentIndex.path(of: file, under: contentRoot)) ?? source
                return link.position.diagnostic(.warning, file,
                    "`\(link.destination)` is an old address of \(source) (its `aliases`), on the site the texts came from: link to that file instead (`\(written)`), which leads to the article here wherever the site is published")
            }
        }
    }
}
