/// The search index: one compact record per article, written both as `search-index.json`
/// and as `search-index.js` (a script, because browsers refuse `fetch()` of local files).
public enum SearchIndex {
    /// `[[url, title, date, sapo, extra terms], …]`, newest first; urls relative to the site root.
    /// Directives are indexed with their kind (`Kết luận 01-KL/TW`), so `ket luan 01` finds them.
    public static func json(for graph: SiteGraph) -> String {
        var out = "["
        for (index, article) in graph.articles.enumerated() {
            if index > 0 { out += ",\n" }
            let directives = article.directives.map { code in
                [graph.directiveIndex[code].flatMap { graph.directives[$0].directive.kind }, code.text].compactMap { $0 }.joined(separator: " ")
            }
            let extra = ([article.category, article.location, article.author] + directives
                + article.themes.map { "chuyên đề \($0)" }).compactMap { $0 }.joined(separator: " ")
            out += "[" + [
                Route.article(article.slug).outputPath, article.title, article.date.vietnameseShort, article.summary ?? "", extra,
            ].map(Escape.jsonString).joined(separator: ",") + "]"
        }
        return out + "]\n"
    }

    public static func script(json: String) -> String {
        "window.BANTIN_SEARCH_INDEX = " + json
    }
}
