/// A category (*chuyên mục*) or place (*địa phương*) and its articles.
public struct TaxonomyEntry: Sendable {
    /// As most of its articles spell it (ties: as the newest does).
    public var name: String
    public var slug: Slug
    /// Indices into `SiteGraph.articles`, newest first.
    public var articles: [Int]
}

/// The groupings of articles by a field of theirs that have pages: categories (*chuyên mục*)
/// and places (*địa phương*). A grouping is one case: each property is a switch, so that the
/// compiler asks for everything a third one (authors, say) needs of its own, and every page,
/// route, feed, link (a card's `<key>_url`) and check of the groupings is made from these
/// (`TaxonomyPages`).
public enum Taxonomy: Int, CaseIterable, Sendable {
    case category
    case place

    /// The front matter's key, and the field it fills.
    var key: String {
        switch self {
        case .category: "category"
        case .place: "location"
        }
    }

    var field: WritableKeyPath<ArticleFields, String?> {
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

    /// The output folder of its pages: its index, and a folder for each entry.
    var folder: String {
        switch self {
        case .category: "chuyen-muc"
        case .place: "dia-phuong"
        }
    }

    /// What templates call its pages (`page.kind`, `page.is_<kind>`): an entry's and the
    /// index's; the index's is also the name of the link to it (`links.<index>`).
    var pageKinds: (entry: String, index: String) {
        switch self {
        case .category: ("category", "categories")
        case .place: ("place", "places")
        }
    }

    func route(_ slug: Slug, page: Int) -> Route { .taxonomy(self, slug, page: page) }
}

/// The entries of one grouping, and which one each article is in.
public struct TaxonomyGroup: Sendable {
    /// In Vietnamese alphabetical order.
    public var entries: [TaxonomyEntry]
    /// For each article (in site order), its entry's index, if it has one with a usable slug.
    public var entryOfArticle: [Int?]
    /// For each article, the path of its entry's first page (every card shows it).
    var pathOfArticle: [String?]

    init(_ taxonomy: Taxonomy, articles: [Article]) {
        let groups = NameGroup.groups(articles, by: taxonomy.field).map { TaxonomyEntry(name: $0.name, slug: $0.slug, articles: $0.articles) }
        entries = VietnameseCollation.sorted(groups, by: \.name)
        var of = [Int?](repeating: nil, count: articles.count)
        for (position, entry) in entries.enumerated() {
            for index in entry.articles { of[index] = position }
        }
        entryOfArticle = of
        let paths = entries.map { taxonomy.route($0.slug, page: 1).outputPath }
        pathOfArticle = of.map { $0.map { paths[$0] } }
    }
}

/// The groupings of the site (categories, places), and the categories of the menu.
public struct Taxonomies: Sendable {
    /// By `Taxonomy.rawValue`.
    private var groups: [TaxonomyGroup]
    /// The categories of `site.yml`'s `menu` that have articles, in its order, as indices into the categories' entries.
    public var menu: [Int]

    public subscript(taxonomy: Taxonomy) -> TaxonomyGroup { groups[taxonomy.rawValue] }

    init(articles: [Article], menu: [String]) {
        groups = Taxonomy.allCases.map { TaxonomyGroup($0, articles: articles) }
        var bySlug: [Slug: Int] = [:]
        for (index, entry) in groups[Taxonomy.category.rawValue].entries.enumerated() { bySlug[entry.slug] = index }
        var seen: Set<Int> = []
        self.menu = menu.compactMap { Slug(from: $0).flatMap { bySlug[$0] } }.filter { seen.insert($0).inserted }
    }
}
