/// The search index: one compact record per article, written both as `search-index.json`
/// and as `search-index.js` (a script, because browsers refuse `fetch()` of local files).
public enum SearchIndex {
    /// `[[url, title, date, sapo, extra terms], …]`, newest first; urls relative to the site root.
    /// Directives are indexed with their kind (`Kết luận 01-KL/TW`), so `ket luan 01` finds them.
    public static func json(for graph: SiteGraph) -> String {
        String(decoding: jsonBytes(for: graph), as: UTF8.self)
    }

    /// `json(for:)` as UTF-8, as it is written. Each record is made on every core, joined in
    /// article order, so the output never varies.
    static func jsonBytes(for graph: SiteGraph) -> [UInt8] {
        let records: [[UInt8]] = Array(graph.articles.indices).parallelMap(recordMaker(for: graph))
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(records.reduce(4) { $0 + $1.count + 2 })
        for (index, record) in records.enumerated() {
            if index > 0 { out += ",\n".utf8 }
            out += record
        }
        out += "]\n".utf8
        return out
    }

    /// Makes the record of the article at an index of `graph`.
    static func recordMaker(for graph: SiteGraph) -> @Sendable (Int) -> [UInt8] {
        let kinds = graph.directives.map { $0.directive.kind }
        return { record(graph.articles[$0], graph: graph, kinds: kinds) }
    }

    private static func record(_ article: Article, graph: SiteGraph, kinds: [String?]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        out.reserveCapacity(256 + article.title.utf8.count + (article.summary?.utf8.count ?? 0))
        for field in [Route.article(article.slug).outputPath, article.title, article.date.vietnameseShort, article.summary ?? ""] {
            Escape.appendJSONString(field, to: &out)
            out.append(UInt8(ascii: ","))
        }
        // The extra terms, one string: each part escaped on its own, separated by spaces.
        out.append(UInt8(ascii: "\""))
        var first = true
        func part(_ text: String) {
            if !first { out.append(UInt8(ascii: " ")) }
            first = false
            Escape.appendJSONContent(text, to: &out)
        }
        for field in [article.category, article.location, article.author] { if let field { part(field) } }
        for code in article.directives {
            if let kind = graph.directiveIndex[code].flatMap({ kinds[$0] }) { part(kind) }
            part(code.text)
        }
        for year in article.themes { part("chuyên đề \(year)") }
        out += "\"]".utf8
        return out
    }

    /// What `search-index.js` has before the index.
    static let scriptPrefix = Array("window.BANTIN_SEARCH_INDEX = ".utf8)
}
