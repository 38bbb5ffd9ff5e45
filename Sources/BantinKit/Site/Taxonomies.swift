/// A category (*chuyên mục*) or place (*địa phương*) and its articles.
public struct TaxonomyEntry: Sendable {
    /// As most of its articles spell it (ties: as the newest does).
    public var name: String
    public var slug: Slug
    /// Indices into `SiteGraph.articles`, newest first.
    public var articles: [Int]
}

/// The groupings of articles by a field of theirs that have pages: categories (*chuyên mục*)
/// and places (*địa phương*). Each property is a switch, so that a third grouping is listed by
/// the compiler wherever it needs something of its own (its pages' words: `TaxonomyPages`).
public enum Taxonomy: CaseIterable, Sendable {
    case category
    case place

    /// The front matter's key, and the field it fills.
    var key: String {
        switch self {
        case .category: "category"
        case .place: "location"
        }
    }

    var field: KeyPath<ArticleFields, String?> {
        switch self {
        case .category: \.category
        case .place: \.location
        }
    }

    /// What messages call one.
    var noun: String {
        switch self {
        case .category: "category"
        case .place: "place"
        }
    }

    var entries: KeyPath<Taxonomies, [TaxonomyEntry]> {
        switch self {
        case .category: \.categories
        case .place: \.places
        }
    }

    /// Each article's entry (by its index in site order), if it has one.
    var entryOfArticle: KeyPath<Taxonomies, [Int?]> {
        switch self {
        case .category: \.categoryOf
        case .place: \.placeOf
        }
    }

    func route(_ slug: Slug, page: Int) -> Route {
        switch self {
        case .category: .category(slug, page: page)
        case .place: .place(slug, page: page)
        }
    }
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
        (categories, categoryOf) = Self.group(articles, by: Taxonomy.category.field)
        (places, placeOf) = Self.group(articles, by: Taxonomy.place.field)
        let categoryPath = categories.map { Taxonomy.category.route($0.slug, page: 1).outputPath }
        let placePath = places.map { Taxonomy.place.route($0.slug, page: 1).outputPath }
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
