/// A category (*chuyên mục*) or place (*địa phương*) and its articles.
public struct TaxonomyEntry: Sendable {
    /// As most of its articles spell it (ties: as the newest does).
    public var name: String
    public var slug: Slug
    /// Indices into `SiteGraph.articles`, newest first.
    public var articles: [Int]
}

/// The categories and places of the site, and which one each article is in.
public struct Taxonomies: Sendable {
    /// Categories and places, each in Vietnamese alphabetical order.
    public var categories: [TaxonomyEntry]
    public var places: [TaxonomyEntry]
    /// For each article (in site order), its category's and place's index, if it has one with a usable slug.
    public var categoryOf: [Int?]
    public var placeOf: [Int?]
    /// The categories of `site.yml`'s `menu` that have articles, in its order, as indices into `categories`.
    public var menu: [Int]
    /// For each article, the path of its category's and place's first page (every card shows them).
    var categoryPaths: [String?]
    var placePaths: [String?]

    init(articles: [Article], menu: [String]) {
        (categories, categoryOf) = Self.group(articles, by: \.category)
        (places, placeOf) = Self.group(articles, by: \.location)
        let categoryPath = categories.map { Route.category($0.slug, page: 1).outputPath }
        let placePath = places.map { Route.place($0.slug, page: 1).outputPath }
        categoryPaths = categoryOf.map { $0.map { categoryPath[$0] } }
        placePaths = placeOf.map { $0.map { placePath[$0] } }
        var bySlug: [Slug: Int] = [:]
        for (index, entry) in categories.enumerated() { bySlug[entry.slug] = index }
        var seen: Set<Int> = []
        self.menu = menu.compactMap { Slug(from: $0).flatMap { bySlug[$0] } }.filter { seen.insert($0).inserted }
    }

    /// Articles grouped by the slug of a field; every group named as most of its articles spell it.
    private static func group(_ articles: [Article], by field: KeyPath<ArticleFields, String?>) -> ([TaxonomyEntry], [Int?]) {
        let entries = NameGroup.groups(articles, by: field).map { TaxonomyEntry(name: $0.name, slug: $0.slug, articles: $0.articles) }
        let sorted = VietnameseCollation.sorted(entries, by: \.name)
        var of = [Int?](repeating: nil, count: articles.count)
        for (position, entry) in sorted.enumerated() {
            for index in entry.articles { of[index] = position }
        }
        return (sorted, of)
    }
}
