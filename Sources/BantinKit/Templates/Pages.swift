/// One page to write: its route and what it shows.
public enum PagePlan: Sendable {
    case home(PageSlice)
    case article(Int)
    case directiveIndex
    case directive(Int, PageSlice)
    case themeIndex
    case theme(Int, PageSlice)
    case archiveIndex
    case month(Int)
    /// A month's print edition (index into `SiteGraph.months`).
    case printEdition(Int)
    case search
    case notFound
    /// The index of a grouping's entries (categories, places).
    case taxonomyIndex(Taxonomy)
    /// An entry of a grouping (an index into `graph.taxonomies[taxonomy].entries`) and a page of its articles.
    case taxonomy(Taxonomy, Int, PageSlice)

    /// Every page of the site, in a fixed order. Articles come in site order, each month's
    /// print edition right after the month's articles, so that it is rendered soon after them
    /// and takes their rendered bodies (`SharedBodies`) while those are still at hand.
    public static func all(for graph: SiteGraph) -> [PagePlan] {
        let perPage = graph.config.perPage
        var plans: [PagePlan] = PageSlice.paginate(count: graph.articles.count, perPage: perPage).map { .home($0) }
        plans.reserveCapacity(plans.count + graph.articles.count + graph.months.count * 2 + 8)
        // A month's articles are a run of the site order (newest first), and so are the months.
        for (index, month) in graph.months.enumerated() {
            plans += month.articles.map { .article($0) }
            plans.append(.printEdition(index))
        }
        plans.append(.directiveIndex)
        for (index, entry) in graph.directives.enumerated() {
            plans += PageSlice.paginate(count: entry.articles.count, perPage: perPage).map { .directive(index, $0) }
        }
        plans.append(.themeIndex)
        for (index, entry) in graph.themes.enumerated() {
            plans += PageSlice.paginate(count: entry.articles.count, perPage: perPage).map { .theme(index, $0) }
        }
        plans.append(.archiveIndex)
        plans += graph.months.indices.map { .month($0) }
        plans += taxonomyPlans(for: graph)
        plans += [.search, .notFound]
        return plans
    }
}

extension PagePlan {
    /// What the page is, as its templates see it; pages of one kind share their template.
    var kind: PageKind {
        switch self {
        case .home: .home
        case .article: .article
        case .directiveIndex: .directives
        case .directive: .directive
        case .themeIndex: .themes
        case .theme: .theme
        case .archiveIndex: .archive
        case .month: .month
        case .printEdition: .print
        case .search: .search
        case .notFound: .notFound
        case .taxonomyIndex(let taxonomy): .taxonomyIndex(taxonomy)
        case .taxonomy(let taxonomy, _, _): .taxonomy(taxonomy)
        }
    }
}

extension SiteGraph {
    /// Where a page is.
    public func route(of plan: PagePlan) -> Route {
        switch plan {
        case .home(let slice): .home(page: slice.number)
        case .article(let i): .article(articles[i].slug)
        case .directiveIndex: .directiveIndex
        case .directive(let i, let slice): .directive(directives[i].directive.code.slug, page: slice.number)
        case .themeIndex: .themeIndex
        case .theme(let i, let slice): .theme(year: themes[i].theme.year, page: slice.number)
        case .archiveIndex: .archiveIndex
        case .month(let i): .month(year: months[i].year, month: months[i].month)
        case .printEdition(let i): .printEdition(year: months[i].year, month: months[i].month)
        case .search: .search
        case .notFound: .notFound
        case .taxonomyIndex(let taxonomy): .taxonomyIndex(taxonomy)
        case .taxonomy(let taxonomy, let i, let slice): taxonomy.route(taxonomies[taxonomy].entries[i].slug, page: slice.number)
        }
    }
}

extension PageRenderer {
    /// The HTML of one page.
    public func html(for plan: PagePlan) -> [UInt8] {
        let route = graph.route(of: plan)
        let link = LinkBuilder(from: route, baseURL: baseURL)
        switch plan {
        case .home(let slice):
            let ctx = context(for: route, kind: .home, title: slice.number == 1 ? "" : "Trang \(slice.number)",
                              description: nil, feed: .site(graph.config), crumbs: slice.number == 1 ? [] : [("Trang \(slice.number)", nil)])
            var indices = Array(slice.range)
            var lead: CardView? = nil
            if slice.number == 1, let first = indices.first {
                lead = card(first, link: link)
                indices.removeFirst()
            }
            return render(ctx, .listing(ListingView(
                kicker: nil, heading: slice.number == 1 ? "Tin mới nhất" : "Tin bài" + slice.nameSuffix, subtitle: nil, facts: [],
                description: nil, lead: lead, articles: indices.map { card($0, link: link) },
                pagination: pagination(slice, route: { .home(page: $0) }, link: link))), template: .list)

        case .article(let index):
            return articlePage(index, route: route, link: link)

        case .directiveIndex:
            let ctx = context(for: route, kind: .directives, title: "Văn bản", description: "Các văn bản của Trung ương được bản tin theo dõi",
                              feed: .site(graph.config), crumbs: [("Văn bản", nil)])
            return render(ctx, .terms(TermsView(heading: "Văn bản", intro: "Nghị quyết, chỉ thị, kết luận, quy định của Trung ương và các bài viết về việc thực hiện.",
                                  groups: directiveGroups(link: link))), template: .terms)

        case .directive(let index, let slice):
            return directivePage(index, slice: slice, route: route, link: link)

        case .themeIndex:
            let ctx = context(for: route, kind: .themes, title: "Chuyên đề năm", description: "Chuyên đề học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh theo từng năm",
                              feed: .site(graph.config), crumbs: [("Chuyên đề", nil)])
            let items = graph.themes.map { entry in
                TermItemView(label: "Năm \(entry.theme.year)", sublabel: entry.theme.title, meta: nil,
                             url: link.href(.theme(year: entry.theme.year, page: 1)), count: entry.articles.count)
            }
            return render(ctx, .terms(TermsView(heading: "Chuyên đề năm", intro: "Chuyên đề học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
                                  groups: items.isEmpty ? [] : [TermGroupView(heading: "Các năm", items: items)])), template: .terms)

        case .theme(let index, let slice):
            return themePage(index, slice: slice, route: route, link: link)

        case .archiveIndex:
            let ctx = context(for: route, kind: .archive, title: "Lưu trữ", description: "Tất cả tin bài theo tháng",
                              feed: .site(graph.config), crumbs: [("Lưu trữ", nil)])
            let groups = TermGroupView.grouped(graph.months.enumerated().map { index, month in
                ("Năm \(month.year)", TermItemView(label: VietnameseDate.monthName(year: month.year, month: month.month), sublabel: nil, meta: nil,
                                                  url: link.href(.month(year: month.year, month: month.month)), count: month.articles.count,
                                                  printEdition: printEditionLink(index, link: link)))
            })
            return render(ctx, .terms(TermsView(heading: "Lưu trữ", intro: "Tin bài theo từng tháng; mỗi tháng có một bản in để in cho sinh hoạt chi bộ.", groups: groups)), template: .terms)

        case .month(let index):
            let month = graph.months[index]
            let name = VietnameseDate.monthName(year: month.year, month: month.month)
            let ctx = context(for: route, kind: .month, title: name, description: "Tin bài \(VietnameseDate.monthInText(year: month.year, month: month.month))",
                              feed: .site(graph.config), crumbs: [("Lưu trữ", .archiveIndex), (name, nil)])
            return render(ctx, .listing(ListingView(
                kicker: "Lưu trữ", heading: name, subtitle: nil, facts: [.articleCount(month.articles.count)],
                description: nil, lead: nil, articles: month.articles.map { card($0, link: link) }, pagination: nil,
                printEdition: printEditionLink(index, link: link))), template: .list)

        case .printEdition(let index):
            return printEditionPage(index, route: route, link: link)

        case .search:
            let ctx = context(for: route, kind: .search, title: "Tìm kiếm", description: "Tìm tin bài, không cần gõ dấu",
                              feed: nil, crumbs: [("Tìm kiếm", nil)])
            return render(ctx, template: .search)

        case .notFound:
            let ctx = context(for: route, kind: .notFound, title: "Không tìm thấy trang", description: nil, feed: nil,
                              crumbs: [("Không tìm thấy trang", nil)])
            return render(ctx, template: .notFound)

        case .taxonomyIndex(let taxonomy):
            return taxonomyIndexPage(taxonomy, route: route, link: link)

        case .taxonomy(let taxonomy, let index, let slice):
            return taxonomyEntryPage(taxonomy, graph.taxonomies[taxonomy].entries[index], slice: slice, route: route, link: link)
        }
    }

    /// Shows an article's photo when the page is shared (Open Graph; the article's JSON-LD takes
    /// the address returned): the widest JPEG, said of with the photo's own `alt` and size. The
    /// site's share image stays when the article has none.
    func share(photoOf article: Article, on page: inout PageView.Parts, link: LinkBuilder) -> String? {
        guard let image = article.image else { return nil }
        let published = photo(at: image.path)
        guard let url = link.absoluteURL(.file(published?.largest.path ?? image.path)) else { return nil }
        page.image = url
        page.imageAlt = image.alt
        page.imageSize = published.map { ($0.largest.width, $0.largest.height) }
        return url
    }

    func articlePage(_ index: Int, route: Route, link: LinkBuilder) -> [UInt8] {
        let article = graph.articles[index]
        var crumbs: [(String, Route?)] = []
        if let category = graph.taxonomyRoute(.category, ofArticle: index), let name = article.category {
            crumbs.append((name, category))
        } else if let code = article.directives.first, let d = graph.directiveIndex[code] {
            crumbs.append((graph.directives[d].directive.code.text, .directive(code.slug, page: 1)))
        }
        crumbs.append((article.title, nil))
        var ctx = context(for: route, kind: .article, title: article.title, description: article.summary, feed: .site(graph.config), crumbs: crumbs)
        // Its own photo, else the site's share image (`context`).
        let imageURL = share(photoOf: article, on: &ctx.page, link: link)
        let keywords = article.directives.map(\.text) + article.themes.map(Theme.name)
        ctx.page.published = article.date.iso8601
        ctx.page.modified = (article.updated ?? article.date).iso8601
        ctx.page.section = article.category
        ctx.page.tags = keywords
        ctx.page.structuredData.insert(
            StructuredData.newsArticle(
                article, url: link.absoluteURL(route), imageURL: imageURL, publisher: graph.config.publisher,
                authorIsOrganization: article.author.map(graph.organizationAuthors.contains) ?? false, keywords: keywords, language: graph.config.language),
            at: 0)
        let view = ArticleView(
            card: card(index, link: link, first: true), body: articleBody(index),
            directives: directiveLinks(of: article, link: link), themes: themeLinks(of: article, link: link),
            related: graph.related[index].map { card($0, link: link) })
        return render(ctx, .article(view), template: .article)
    }

    /// An article's body as its own page shows it (links resolved from that page), rendered once
    /// for the page and its print edition (`SharedBodies`), whichever asks first.
    func articleBody(_ index: Int) -> [UInt8] {
        guard showsBodies else { return [] }
        let article = graph.articles[index]
        return bodies.body(of: index) {
            let links = bodyLinks(article.file, link: LinkBuilder(from: .article(article.slug), baseURL: baseURL), leadsPage: article.image == nil)
            // Marked where a link shows its own address, so that print does not write it twice.
            return AddressLinks.marked(markdown.render(article.bodyText, links: links).utf8)
        }
    }

    /// The directives an article cites, each with its fields and page.
    func directiveLinks(of article: Article, link: LinkBuilder) -> [TermLinkView] {
        article.directives.compactMap { code -> TermLinkView? in
            guard let d = graph.directiveIndex[code] else { return nil }
            return TermLinkView(fields: directiveFields[d], url: link.href(.directive(code.slug, page: 1)))
        }
    }

    /// The annual themes an article belongs to, each with its fields and page.
    func themeLinks(of article: Article, link: LinkBuilder) -> [TermLinkView] {
        article.themes.compactMap { year -> TermLinkView? in
            guard let t = graph.themeIndex[year] else { return nil }
            return TermLinkView(fields: themeFields[t], url: link.href(.theme(year: year, page: 1)))
        }
    }

    /// The directives by kind; those of no known kind last, as "Văn bản khác" after other kinds,
    /// and under no heading of their own when there is no other (the page's is "Văn bản").
    func directiveGroups(link: LinkBuilder) -> [TermGroupView] {
        let others = graph.directives.contains { $0.directive.kind != nil } ? "Văn bản khác" : ""
        return TermGroupView.grouped(graph.directives.map { entry in
            let d = entry.directive
            let meta = [d.issuer, d.issued?.vietnameseShort].compactMap { $0 }.joined(separator: " · ")
            return (d.kind ?? others, TermItemView(label: d.code.text, sublabel: d.title, meta: meta, url: link.href(.directive(d.code.slug, page: 1)),
                                                         count: entry.articles.count))
        })
    }

    func directivePage(_ index: Int, slice: PageSlice, route: Route, link: LinkBuilder) -> [UInt8] {
        let entry = graph.directives[index]
        let d = entry.directive
        let name = d.name
        var crumbs: [(String, Route?)] = [("Văn bản", .directiveIndex)]
        if slice.number > 1 {
            crumbs += [(d.code.text, .directive(d.code.slug, page: 1)), ("Trang \(slice.number)", nil)]
        } else {
            crumbs.append((d.code.text, nil))
        }
        let ctx = context(for: route, kind: .directive, title: name + slice.nameSuffix,
                          description: d.title ?? "Tin bài về việc thực hiện \(name)",
                          feed: .directive(d, graph.config), crumbs: crumbs)
        var facts: [FactView] = []
        if let issuer = d.issuer { facts.append(FactView(label: "Cơ quan ban hành", value: issuer)) }
        if let issued = d.issued { facts.append(FactView(label: "Ngày ban hành", value: issued.vietnameseShort)) }
        facts.append(.articleCount(entry.articles.count))
        if !entry.mentions.isEmpty { facts.append(FactView(label: "Bài có nhắc đến", value: entry.mentions.count.vietnamese)) }
        let description = slice.number == 1 && showsBodies ? markdown.render(d.body, links: bodyLinks(d.file, link: link, leadsPage: true, directive: d.code)) : nil
        return render(ctx, .listing(ListingView(
            kicker: d.kind ?? "Văn bản", heading: d.code.text + slice.nameSuffix, subtitle: d.title, facts: facts, description: description, lead: nil,
            articles: entry.articles[slice.range].map { card($0, link: link) },
            pagination: pagination(slice, route: { .directive(d.code.slug, page: $0) }, link: link),
            mentions: slice.number == 1 ? entry.mentions.map { card($0, link: link) } : [])), template: .list)
    }

    func themePage(_ index: Int, slice: PageSlice, route: Route, link: LinkBuilder) -> [UInt8] {
        let entry = graph.themes[index]
        let year = entry.theme.year
        var crumbs: [(String, Route?)] = [("Chuyên đề", .themeIndex)]
        if slice.number > 1 {
            crumbs += [("Năm \(year)", .theme(year: year, page: 1)), ("Trang \(slice.number)", nil)]
        } else {
            crumbs.append(("Năm \(year)", nil))
        }
        let ctx = context(for: route, kind: .theme, title: Theme.name(year) + slice.nameSuffix,
                          description: entry.theme.title, feed: .theme(year, graph.config), crumbs: crumbs)
        let description = slice.number == 1 && showsBodies ? markdown.render(entry.theme.body, links: bodyLinks(entry.theme.file, link: link, leadsPage: true)) : nil
        return render(ctx, .listing(ListingView(
            kicker: "Chuyên đề năm", heading: "Năm \(year)" + slice.nameSuffix, subtitle: entry.theme.title,
            facts: [.articleCount(entry.articles.count)], description: description, lead: nil,
            articles: entry.articles[slice.range].map { card($0, link: link) },
            pagination: pagination(slice, route: { .theme(year: year, page: $0) }, link: link))), template: .list)
    }
}
