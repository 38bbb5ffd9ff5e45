import Foundation

/// What the pages of categories and places say, and where they lead.
extension Taxonomy {
    var label: String {
        switch self {
        case .category: "Chuyên mục"
        case .place: "Địa phương"
        }
    }

    var intro: String {
        switch self {
        case .category: "Tin bài theo chuyên mục của bản tin."
        case .place: "Tin bài theo tỉnh, thành phố, bộ, ngành, xếp theo thứ tự chữ cái."
        }
    }

    /// Whether its index groups entries under their initial letter (places, listed A to Z).
    var groupsByInitial: Bool {
        switch self {
        case .category: false
        case .place: true
        }
    }

    /// Whether its index is an item of the navigation (places are; the categories of
    /// `site.yml`'s `menu` are items each).
    var isInMenu: Bool {
        switch self {
        case .category: false
        case .place: true
        }
    }

    /// Categories have a feed each; places have none.
    var hasFeeds: Bool {
        switch self {
        case .category: true
        case .place: false
        }
    }

    func feed(_ entry: TaxonomyEntry, _ config: SiteConfig) -> FeedLink? {
        hasFeeds ? .taxonomy(self, entry, config) : nil
    }
}

extension PagePlan {
    /// The index and the pages of every entry, of each grouping in turn.
    static func taxonomyPlans(for graph: SiteGraph) -> [PagePlan] {
        Taxonomy.allCases.flatMap { taxonomy in
            [.taxonomyIndex(taxonomy)] + graph.taxonomies[taxonomy].entries.indices.flatMap { index in
                PageSlice.paginate(count: graph.taxonomies[taxonomy].entries[index].articles.count, perPage: graph.config.perPage)
                    .map { PagePlan.taxonomy(taxonomy, index, $0) }
            }
        }
    }
}

extension SiteGraph {
    /// The first page of the entry of `taxonomy` the article at `index` is in, if it has one.
    func taxonomyRoute(_ taxonomy: Taxonomy, ofArticle index: Int) -> Route? {
        taxonomies[taxonomy].entryOfArticle[index].map { taxonomy.route(taxonomies[taxonomy].entries[$0].slug, page: 1) }
    }
}

extension PageRenderer {
    func taxonomyIndexPage(_ taxonomy: Taxonomy, route: Route, link: LinkBuilder) -> [UInt8] {
        let ctx = context(for: route, kind: .taxonomyIndex(taxonomy), title: taxonomy.label, description: taxonomy.intro, feed: .site(graph.config),
                          crumbs: [(taxonomy.label, nil)])
        let items = graph.taxonomies[taxonomy].entries.map { entry in
            (heading: taxonomy.groupsByInitial ? Self.initial(of: entry.name) : "",
             item: TermItemView(label: entry.name, sublabel: nil, meta: nil, url: link.href(taxonomy.route(entry.slug, page: 1)), count: entry.articles.count))
        }
        return render(ctx, .terms(TermsView(heading: taxonomy.label, intro: taxonomy.intro, groups: TermGroupView.grouped(items))), template: .terms)
    }

    func taxonomyEntryPage(_ taxonomy: Taxonomy, _ entry: TaxonomyEntry, slice: PageSlice, route: Route, link: LinkBuilder) -> [UInt8] {
        var crumbs: [(String, Route?)] = [(taxonomy.label, .taxonomyIndex(taxonomy))]
        if slice.number > 1 {
            crumbs += [(entry.name, taxonomy.route(entry.slug, page: 1)), ("Trang \(slice.number)", nil)]
        } else {
            crumbs.append((entry.name, nil))
        }
        let title = entry.name + slice.nameSuffix
        let description = "\(taxonomy.label) \(entry.name): \(entry.articles.count.vietnamese) bài viết"
        let ctx = context(for: route, kind: .taxonomy(taxonomy), title: title, description: description, feed: taxonomy.feed(entry, graph.config), crumbs: crumbs)
        return render(ctx, .listing(ListingView(
            kicker: taxonomy.label, heading: title, subtitle: nil, facts: [.articleCount(entry.articles.count)],
            description: nil, lead: nil, articles: entry.articles[slice.range].map { card($0, link: link) },
            pagination: pagination(slice, route: { taxonomy.route(entry.slug, page: $0) }, link: link))), template: .list)
    }

    /// The heading of the names that begin with a number.
    static let numbersHeading = "0–9"

    /// The letter a name is filed under: its first, without tone (`Đắk Lắk` → `Đ`, `Ấp` → `Â`;
    /// its look-alikes `Ð` and `Ɖ` are filed as `Đ`, as it is sorted; a letter sorted as its base
    /// letters, as its first: `Ƀuôn Kơ` under `B`, `Łódź` under `L`); marks before it are passed
    /// over (`(Hà Nội)` and `“Quê hương”` under `H` and `Q`), as sorting passes over them.
    static func initial(of name: String) -> String {
        let name = LookAlikes.plain(name)
        guard var first = name.first(where: { $0.isLetter || $0.isNumber }) ?? name.first else { return "" }
        // Numbers sort by their value, before the letters (`1 Tháng 5`, `9 Tháng 9`, `10 Tháng 3`): one heading.
        if first.isASCII, first.isNumber { return Self.numbersHeading }
        if let letter = first.unicodeScalars.first, first.unicodeScalars.count == 1, LookAlikes.đ.contains(letter) { first = "Đ" }
        if let letter = String(first).decomposedStringWithCanonicalMapping.lowercased().unicodeScalars.first,
           let base = VietnameseFolding.baseLetters[letter]?.first {
            first = base
        }
        let tones: Set<UInt32> = [0x0300, 0x0301, 0x0303, 0x0309, 0x0323]
        let kept = String(first).decomposedStringWithCanonicalMapping.unicodeScalars.filter { !tones.contains($0.value) }
        return String(String.UnicodeScalarView(kept)).precomposedStringWithCanonicalMapping.uppercased()
    }
}
