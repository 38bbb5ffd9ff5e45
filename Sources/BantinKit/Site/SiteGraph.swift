/// A directive and the articles that cite it.
public struct DirectiveEntry: Sendable {
    public var directive: Directive
    /// Indices into `SiteGraph.articles`, newest first.
    public var articles: [Int]
    /// Articles that mention it in their text without listing it, newest first.
    public var mentions: [Int] = []
}

/// A theme year and its articles.
public struct ThemeEntry: Sendable {
    public var theme: Theme
    public var articles: [Int]
}

/// A month of the archive.
public struct MonthEntry: Sendable, Equatable {
    public var year: Int
    public var month: Int
    public var articles: [Int]
}

/// The site as pages see it: articles in order, taxonomies, archive, related articles.
public struct SiteGraph: Sendable {
    public var config: SiteConfig
    /// Newest first; ties broken by slug so the order never depends on file order.
    public var articles: [Article]
    /// In Vietnamese alphabetical order of kind, then by code.
    public var directives: [DirectiveEntry]
    /// Newest year first.
    public var themes: [ThemeEntry]
    /// Newest month first.
    public var months: [MonthEntry]
    /// For each article, indices of its "Xem thêm" articles.
    public var related: [[Int]]
    public var staticFiles: [TreeEntry]
    public var articleIndex: [Slug: Int]
    public var directiveIndex: [DirectiveCode: Int]
    public var themeIndex: [Int: Int]
    /// Categories and places.
    public var taxonomies: Taxonomies
    /// Where the links of each body lead.
    public var links: BodyLinkMap
    /// The photos of `content/` as published (sizes, variants), by their path there.
    public var photos = PhotoSet()
    /// The authors (`author:`) that name a body, not a person (`StructuredData.isOrganization`):
    /// told once a name, not once a page.
    public var organizationAuthors: Set<String>

    /// `rankRelated` gives the "Xem thêm" articles of the articles in site order (by default,
    /// `RelatedArticles.compute`; a build passes one that reuses the last ranking when it can).
    public init(catalog: Catalog) {
        self.init(catalog: catalog, rankRelated: { RelatedArticles.compute($0) })
    }

    /// `articles`: the catalog's articles as the graph has them (`articles(of:)`), when they were
    /// made already (the search index is made from them while the rest of the graph is).
    init(catalog: Catalog, articles: [Article]? = nil, rankRelated: ([Article]) -> [[Int]]) {
        config = catalog.config
        self.articles = articles ?? Self.articles(of: catalog)
        let articles = self.articles
        staticFiles = catalog.staticFiles
        articleIndex = Dictionary(articles.enumerated().map { ($0.element.slug, $0.offset) }, uniquingKeysWith: { a, _ in a })

        var byDirective: [DirectiveCode: [Int]] = [:]
        var byTheme: [Int: [Int]] = [:]
        var byMonth: [Int: [Int]] = [:]
        for (index, article) in articles.enumerated() {
            for code in article.directives { byDirective[code, default: []].append(index) }
            for year in article.themes { byTheme[year, default: []].append(index) }
            let f = article.date.fields
            byMonth[f.year * 100 + f.month, default: []].append(index)
        }
        // By kind (directives of no known kind last), then by number.
        let sortedDirectives = catalog.directives.sorted { a, b in
            if (a.kind == nil) != (b.kind == nil) { return b.kind == nil }
            let ka = VietnameseCollation.key(a.kind ?? ""), kb = VietnameseCollation.key(b.kind ?? "")
            if ka != kb { return ka < kb }
            return a.code.slug.value.compare(b.code.slug.value, options: .numeric) == .orderedAscending
        }
        directives = sortedDirectives.map { DirectiveEntry(directive: $0, articles: byDirective[$0.code] ?? []) }
        themes = catalog.themes.sorted { $0.year > $1.year }.map { ThemeEntry(theme: $0, articles: byTheme[$0.year] ?? []) }
        months = byMonth.keys.sorted(by: >).map { MonthEntry(year: $0 / 100, month: $0 % 100, articles: byMonth[$0]!) }
        directiveIndex = Dictionary(directives.enumerated().map { ($0.element.directive.code, $0.offset) }, uniquingKeysWith: { a, _ in a })
        themeIndex = Dictionary(themes.enumerated().map { ($0.element.theme.year, $0.offset) }, uniquingKeysWith: { a, _ in a })
        for (index, article) in articles.enumerated() where !article.references.mentions.isEmpty {
            for code in Set(article.references.mentions.map(\.code)).sorted() {
                if let d = directiveIndex[code] { directives[d].mentions.append(index) }
            }
        }
        taxonomies = Taxonomies(articles: articles, menu: config.menu)
        organizationAuthors = Set(articles.compactMap(\.author)).filter { [config] in StructuredData.isOrganization($0, publisher: config.publisher) }
        links = catalog.links
        related = rankRelated(articles)
    }

    /// The catalog's articles in site order, each showing a directive's code as its file spells
    /// it, however the article wrote it.
    static func articles(of catalog: Catalog) -> [Article] {
        let canonical = Dictionary(catalog.directives.map { ($0.code, $0.code) }, uniquingKeysWith: { a, _ in a })
        let source = catalog.articles
        let order = source.indices.sorted { Article.inSiteOrder(source[$0], source[$1]) }
        return order.map { index in
            // Changed only where the spelling differs: changing an article copies its fields.
            let codes = source[index].directives
            guard codes.contains(where: { code in canonical[code].map { $0.text != code.text } ?? false }) else { return source[index] }
            return source[index].with(directives: codes.map { canonical[$0] ?? $0 })
        }
    }
}

import Foundation
