import Foundation

/// What the pages of categories and places say, and where they lead.
extension Taxonomy {
    var indexRoute: Route {
        switch self {
        case .category: .categoryIndex
        case .place: .placeIndex
        }
    }

    /// The page `kind` of the index and of one entry (templates see `page.kind`, `page.is_<kind>`).
    var kinds: (index: PageKind, entry: PageKind) {
        switch self {
        case .category: (.categories, .category)
        case .place: (.places, .place)
        }
    }

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

    /// Categories have a feed each; places have none.
    func feed(_ entry: TaxonomyEntry, _ config: SiteConfig) -> FeedLink? {
        switch self {
        case .category: .category(entry, config)
        case .place: nil
        }
    }
}

extension PagePlan {
    /// The index and the pages of every category, then of every place.
    static func taxonomyPlans(for graph: SiteGraph) -> [PagePlan] {
        var plans: [PagePlan] = [.categoryIndex]
        for (index, entry) in graph.taxonomies.categories.enumerated() {
            plans += PageSlice.paginate(count: entry.articles.count, perPage: graph.config.perPage).map { .category(index, $0) }
        }
        plans.append(.placeIndex)
        for (index, entry) in graph.taxonomies.places.enumerated() {
            plans += PageSlice.paginate(count: entry.articles.count, perPage: graph.config.perPage).map { .place(index, $0) }
        }
        return plans
    }

    /// The taxonomy of a category or place page, its entry's index and its slice (`nil` for an index page).
    var taxonomyEntry: (taxonomy: Taxonomy, index: Int, slice: PageSlice)? {
        switch self {
        case .category(let index, let slice): (.category, index, slice)
        case .place(let index, let slice): (.place, index, slice)
        // Listed, not `default`: a new page kind is then one the compiler asks about here.
        case .home, .article, .directiveIndex, .directive, .themeIndex, .theme, .archiveIndex, .month, .printEdition, .search, .notFound,
             .categoryIndex, .placeIndex: nil
        }
    }

    /// The taxonomy of a category or place index page.
    var taxonomyOfIndex: Taxonomy? {
        switch self {
        case .categoryIndex: .category
        case .placeIndex: .place
        case .home, .article, .directiveIndex, .directive, .themeIndex, .theme, .archiveIndex, .month, .printEdition, .search, .notFound,
             .category, .place: nil
        }
    }
}

extension SiteGraph {
    func taxonomyRoute(of plan: PagePlan) -> Route {
        if let (taxonomy, index, slice) = plan.taxonomyEntry {
            return taxonomy.route(taxonomies[keyPath: taxonomy.entries][index].slug, page: slice.number)
        }
        guard let taxonomy = plan.taxonomyOfIndex else { preconditionFailure("\(plan) is no category or place page") }
        return taxonomy.indexRoute
    }

    /// The first page of the category or place of the article at `index`, if it has one.
    func taxonomyRoute(_ taxonomy: Taxonomy, ofArticle index: Int) -> Route? {
        taxonomies[keyPath: taxonomy.entryOfArticle][index].map { taxonomy.route(taxonomies[keyPath: taxonomy.entries][$0].slug, page: 1) }
    }
}

extension PageRenderer {
    func taxonomyPage(_ plan: PagePlan, route: Route, link: LinkBuilder) -> [UInt8] {
        if let (taxonomy, index, slice) = plan.taxonomyEntry {
            return taxonomyEntryPage(taxonomy, graph.taxonomies[keyPath: taxonomy.entries][index], slice: slice, route: route, link: link)
        }
        guard let taxonomy = plan.taxonomyOfIndex else { preconditionFailure("\(plan) is no category or place page") }
        return taxonomyIndexPage(taxonomy, route: route, link: link)
    }

    private func taxonomyIndexPage(_ taxonomy: Taxonomy, route: Route, link: LinkBuilder) -> [UInt8] {
        let ctx = context(for: route, kind: taxonomy.kinds.index, title: taxonomy.label, description: taxonomy.intro, feed: .site(graph.config),
                          crumbs: [(taxonomy.label, nil)])
        let items = graph.taxonomies[keyPath: taxonomy.entries].map { entry in
            (heading: taxonomy.groupsByInitial ? Self.initial(of: entry.name) : "",
             item: TermItemView(label: entry.name, sublabel: nil, meta: nil, url: link.href(taxonomy.route(entry.slug, page: 1)), count: entry.articles.count))
        }
        return render(ctx, .terms(TermsView(heading: taxonomy.label, intro: taxonomy.intro, groups: TermGroupView.grouped(items))), template: .terms)
    }

    private func taxonomyEntryPage(_ taxonomy: Taxonomy, _ entry: TaxonomyEntry, slice: PageSlice, route: Route, link: LinkBuilder) -> [UInt8] {
        var crumbs: [(String, Route?)] = [(taxonomy.label, taxonomy.indexRoute)]
        if slice.number > 1 {
            crumbs += [(entry.name, taxonomy.route(entry.slug, page: 1)), ("Trang \(slice.number)", nil)]
        } else {
            crumbs.append((entry.name, nil))
        }
        let title = entry.name + slice.nameSuffix
        let description = "\(taxonomy.label) \(entry.name): \(entry.articles.count.vietnamese) bài viết"
        let ctx = context(for: route, kind: taxonomy.kinds.entry, title: title, description: description, feed: taxonomy.feed(entry, graph.config), crumbs: crumbs)
        return render(ctx, .listing(ListingView(
            kicker: taxonomy.label, heading: title, subtitle: nil, facts: [.articleCount(entry.articles.count)],
            description: nil, lead: nil, articles: entry.articles[slice.range].map { card($0, link: link) },
            pagination: pagination(slice, route: { taxonomy.route(entry.slug, page: $0) }, link: link))), template: .list)
    }

    /// The heading of the names that begin with a number.
    static let numbersHeading = "0–9"

    /// The letter a name is filed under: its first, without tone (`Đắk Lắk` → `Đ`, `Ấp` → `Â`;
    /// its look-alikes `Ð` and `Ɖ` are filed as `Đ`, as it is sorted); marks before it are passed
    /// over (`(Hà Nội)` and `“Quê hương”` under `H` and `Q`), as sorting passes over them.
    static func initial(of name: String) -> String {
        let name = LookAlikes.plain(name)
        guard var first = name.first(where: { $0.isLetter || $0.isNumber }) ?? name.first else { return "" }
        // Numbers sort by their value, before the letters (`1 Tháng 5`, `9 Tháng 9`, `10 Tháng 3`): one heading.
        if first.isASCII, first.isNumber { return Self.numbersHeading }
        if let letter = first.unicodeScalars.first, first.unicodeScalars.count == 1, LookAlikes.đ.contains(letter) { first = "Đ" }
        let tones: Set<UInt32> = [0x0300, 0x0301, 0x0303, 0x0309, 0x0323]
        let kept = String(first).decomposedStringWithCanonicalMapping.unicodeScalars.filter { !tones.contains($0.value) }
        return String(String.UnicodeScalarView(kept)).precomposedStringWithCanonicalMapping.uppercased()
    }
}
