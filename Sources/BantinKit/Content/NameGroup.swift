/// Articles whose category (or place) names make one address (`Hà Tĩnh`, `Hà Tịnh`, `hà tĩnh`),
/// with the ways the name is written among them. Shared by the catalog's check (a warning for
/// each less used spelling) and the category and place pages (named as most articles write it).
struct NameGroup {
    struct Spelling {
        var name: String
        /// How many articles write it, and the first of them in site order (newest first; an index
        /// into the articles given).
        var count: Int
        var first: Int
    }

    var slug: Slug
    /// Most written first (those without a pasted invisible character or odd space before any
    /// with one); among equals, the newest's (whatever order the articles are given in).
    var spellings: [Spelling]
    /// Indices of its articles, in the order given.
    var articles: [Int] = []

    /// As most of its articles write it (among equals, as the newest does).
    var name: String { spellings[0].name }

    /// The groups of `articles` by the names of `field` that make an address, in the order first met.
    static func groups(_ articles: [Article], by field: KeyPath<ArticleFields, String?>) -> [NameGroup] {
        var slugs: [String: Slug?] = [:]  // a few dozen names among thousands of articles
        var position: [Slug: Int] = [:]
        var groups: [NameGroup] = []
        for (index, article) in articles.enumerated() {
            guard let name = article.fields[keyPath: field] else { continue }
            let known = slugs[name] ?? { slugs[name] = Slug(from: name); return slugs[name]! }()
            guard let slug = known else { continue }
            let at = position[slug] ?? {
                groups.append(NameGroup(slug: slug, spellings: []))
                position[slug] = groups.count - 1
                return groups.count - 1
            }()
            groups[at].articles.append(index)
            if let spelling = groups[at].spellings.firstIndex(where: { $0.name == name }) {
                groups[at].spellings[spelling].count += 1
                if Article.inSiteOrder(article, articles[groups[at].spellings[spelling].first]) { groups[at].spellings[spelling].first = index }
            } else {
                groups[at].spellings.append(Spelling(name: name, count: 1, first: index))
            }
        }
        // A spelling with a character that shows as nothing or as a space (pasted from Word) is
        // never the name while one without is written, however many write it.
        let pasted = { (name: String) in name.unicodeScalars.contains(where: LookAlikes.showsAsNothingOrSpace) }
        for at in groups.indices where groups[at].spellings.count > 1 {
            groups[at].spellings.sort {
                let (a, b) = (pasted($0.name), pasted($1.name))
                if a != b { return !a }
                return $0.count != $1.count ? $0.count > $1.count : Article.inSiteOrder(articles[$0.first], articles[$1.first])
            }
        }
        return groups
    }
}
