/// The search index: one compact record per article, written both as `search-index.json`
/// and as `search-index.js` (a script, because browsers refuse `fetch()` of local files).
public enum SearchIndex {
    /// `[[url, title, date, sapo, extra terms], …]`, newest first; urls relative to the site root.
    /// Directives are indexed with their kind (`Kết luận 01-KL/TW`), so `ket luan 01` finds them.
    public static func json(for graph: SiteGraph) -> String {
        // Each record is made on every core; joined in article order, so the output never varies.
        let records: [[UInt8]] = Array(graph.articles.indices).parallelMap { record(graph.articles[$0], graph: graph) }
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(records.reduce(4) { $0 + $1.count + 2 })
        for (index, record) in records.enumerated() {
            if index > 0 { out += ",\n".utf8 }
            out += record
        }
        out += "]\n".utf8
        return String(decoding: out, as: UTF8.self)
    }

    private static func record(_ article: Article, graph: SiteGraph) -> [UInt8] {
        let directives = article.directives.map { code in
            [graph.directiveIndex[code].flatMap { graph.directives[$0].directive.kind }, code.text].compactMap { $0 }.joined(separator: " ")
        }
        let extra = ([article.category, article.location, article.author] + directives
            + article.themes.map { "chuyên đề \($0)" }).compactMap { $0 }.joined(separator: " ")
        var out: [UInt8] = [UInt8(ascii: "[")]
        let fields = [Route.article(article.slug).outputPath, article.title, article.date.vietnameseShort, article.summary ?? "", extra]
        for (index, field) in fields.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            Escape.appendJSONString(field, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    public static func script(json: String) -> String {
        "window.BANTIN_SEARCH_INDEX = " + json
    }
}
