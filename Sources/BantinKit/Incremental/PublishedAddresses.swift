import Foundation

/// The addresses each article file was published at, kept beside the output: the last first,
/// then those before it (a few). A build told of an article whose address changed since (its
/// title or `slug:` edited) warns while the old page is still in the output: links to it stop
/// working, and feed readers take the article for a new one. Keyed by the file's path in the
/// content folder, kept whatever bantin executable builds and wherever the project is.
struct PublishedAddresses {
    /// Each file's addresses (slugs), the last first.
    private(set) var addresses: [String: [String]] = [:]
    /// The addresses of a file kept: enough to know an address given back.
    static let kept = 8

    init(addresses: [String: [String]] = [:]) { self.addresses = addresses }

    /// What `save` wrote; nothing when the file is missing or unreadable.
    init(url: URL) {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return }
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "\t")
            guard parts.count == 2 else { continue }
            addresses[String(parts[0])] = parts[1].split(separator: " ").map(String.init)
        }
    }

    /// A warning for each of `articles` (by its path in the content folder) whose address is no
    /// longer the one it was last published at, while that page is in the output (`published`),
    /// unless it goes back to one it had; drafts are previews, never told.
    func moves(of articles: [(path: String, article: Article)], published: (Slug) -> Bool, strict: Bool) -> [Diagnostic] {
        articles.compactMap { path, article in
            guard !article.fields.draft, let known = addresses[path], let last = known.first.flatMap { Slug.isValid($0) ? Slug(checked: $0) : nil },
                last != article.slug, !known.contains(article.slug.value), published(last)
            else { return nil }
            return Self.warning(article, from: last, strict: strict)
        }
    }

    /// These addresses after a build that published `articles`: each one's address first.
    func adding(_ articles: [(path: String, article: Article)]) -> PublishedAddresses {
        var next: [String: [String]] = [:]
        for (path, article) in articles where !article.fields.draft {
            let slug = article.slug.value
            next[path] = Array(([slug] + (addresses[path] ?? []).filter { $0 != slug }).prefix(Self.kept))
        }
        return PublishedAddresses(addresses: next)
    }

    @discardableResult
    func save(to url: URL) -> Bool {
        let text = addresses.keys.sorted().map { $0 + "\t" + addresses[$0]!.joined(separator: " ") + "\n" }.joined()
        return OutputFolder.replaceFile(parts: [Array(text.utf8)], at: url.path)
    }

    /// The warning at the field the address is made from (`slug:`, else the title).
    static func warning(_ article: Article, from published: Slug, strict: Bool) -> Diagnostic {
        let key = article.fields.slug == nil ? "title" : "slug"
        let at = article.positions.of(key) ?? SourcePosition(line: 1, column: 1)
        let folder = { (slug: Slug) in Route.article(slug).outputPath.dropLast("index.html".count) }
        return at.diagnostic(.warning, article.file,
            "the article's address changes with its `\(key)`, from \(folder(published)) to \(folder(article.slug)): links to the published address (shared, bookmarked, in search engines) stop working, and feed readers show the article again as new; to keep it, \(key == "title" ? "add" : "write again") `slug: \(published.value)`"
                + (strict ? " (to move it, build once without `--strict`)" : ""))
    }
}
