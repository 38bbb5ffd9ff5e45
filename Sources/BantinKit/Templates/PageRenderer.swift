/// Builds the view model of each page and renders it with its template. A class: every page to
/// render holds it, and sharing one costs a reference count, not a copy of the site graph.
public final class PageRenderer: Sendable {
    public let graph: SiteGraph
    public let templates: TemplateSet
    public let markdown: MarkdownRenderer
    public let baseURL: String?
    /// Each article's fields as templates see them, made once when many pages are rendered
    /// (cards show an article on many pages); otherwise made where they are shown.
    private let articleFields: [TemplateFields]?
    /// The site's settings, each directive's and each theme's fields, as templates see them (made once).
    let siteFields: TemplateFields
    let directiveFields: [TemplateFields]
    let themeFields: [TemplateFields]
    /// Bodies rendered for one page and shown by another (an article's page, its print edition).
    let bodies: SharedBodies
    /// False to render pages with every article's body, and every directive's and theme's text,
    /// left out: what the templates write alone (`TemplateLinks`).
    let showsBodies: Bool

    public convenience init(graph: SiteGraph, templates: TemplateSet, baseURL: String?, formatDatesAhead: Bool = true) {
        self.init(graph: graph, templates: templates, baseURL: baseURL, formatDatesAhead: formatDatesAhead, bodies: SharedBodies())
    }

    init(graph: SiteGraph, templates: TemplateSet, baseURL: String?, formatDatesAhead: Bool, bodies: SharedBodies, showsBodies: Bool = true) {
        self.bodies = bodies
        self.showsBodies = showsBodies
        self.graph = graph
        self.templates = templates
        self.markdown = MarkdownRenderer(allowRawHTML: graph.config.unsafeHTML)
        self.baseURL = baseURL
        articleFields = formatDatesAhead ? graph.articles.parallelMap { TemplateFields($0.fields) } : nil
        siteFields = TemplateFields(graph.config)
        directiveFields = graph.directives.map { TemplateFields($0.directive.fields) }
        themeFields = graph.themes.map { TemplateFields($0.theme.fields) }
    }

    func fields(ofArticle index: Int) -> TemplateFields {
        articleFields?[index] ?? TemplateFields(graph.articles[index].fields)
    }

    // MARK: Shared parts

    /// `feed`: the feed the page points to (`<link rel="alternate">`), by its address and title.
    func context(for route: Route, kind: PageKind, title: String, description: String?, feed: FeedLink?, crumbs: [(String, Route?)]) -> PageFrame {
        let link = LinkBuilder(from: route, baseURL: baseURL)
        let config = graph.config
        let trail: [(String, Route?)] = [("Trang chủ", Route.home(page: 1))] + crumbs
        let structuredCrumbs = StructuredData.breadcrumbs(trail.enumerated().map { index, crumb in
            (crumb.0, (index == trail.count - 1 ? route : crumb.1).flatMap(link.absoluteURL))
        })
        let menu: [(String, Route, [PageKind])] = [("Trang chủ", .home(page: 1), [.home])] + menuCategories(current: route) + [
            ("Văn bản", .directiveIndex, [.directives]),
            ("Chuyên đề", .themeIndex, [.themes]),
        ] + Taxonomy.allCases.filter(\.isInMenu).map { ($0.label, .taxonomyIndex($0), [.taxonomyIndex($0)]) } + [
            ("Lưu trữ", .archiveIndex, [.archive]),
            ("Tìm kiếm", .search, [.search]),
        ]
        // What a page shows when shared, unless it has a photo of its own (`share_image`).
        let shared = config.shareImage.flatMap(photo(at:)).flatMap { photo in link.absoluteURL(.file(photo.largest.path)).map { (url: $0, photo: photo) } }
        var page = PageView.Parts(
            kind: kind, title: title, description: description ?? config.description, canonical: link.absoluteURL(route),
            feed: feed.map { link.href(.file($0.path)) }, feedTitle: feed?.title,
            ownFeed: feed.map { $0 != .site(config) } ?? false,
            // Without the site's address, the trail's pages have none to give search engines
            // (each item but the last needs one): left out, not written invalid.
            structuredData: trail.count > 1 && baseURL != nil ? [structuredCrumbs] : [])
        page.image = shared?.url
        page.imageAlt = shared.map { _ in config.title }
        page.imageSize = shared.map { ($0.photo.largest.width, $0.photo.largest.height) }
        return PageFrame(
            lang: config.language,
            site: siteFields,
            root: link.root,
            links: LinksView(
                home: link.href(.home(page: 1)), directives: link.href(.directiveIndex), themes: link.href(.themeIndex),
                archive: link.href(.archiveIndex), search: link.href(.search), stylesheet: link.href(.file("assets/style.css")),
                feed: link.href(.file(FeedLink.site(config).path)), taxonomyIndexes: Taxonomy.allCases.map { link.href(.taxonomyIndex($0)) }),
            // An item is this page, or this page is under it: another page of it (page 2 of the
            // home page, which the item does not link to) or a page below it on the trail.
            nav: menu.map { item in
                NavItem(
                    label: item.0, url: link.href(item.1), current: item.2.contains(kind) && item.1 == route,
                    section: item.2.contains(kind) || crumbs.contains { $0.1 == item.1 })
            },
            breadcrumbs: trail.enumerated().map { index, crumb in
                Crumb(label: crumb.0, url: index == crumbs.count ? nil : crumb.1.map(link.href))
            },
            page: page)
    }

    /// The categories of `site.yml`'s `menu`, each current on its own pages.
    private func menuCategories(current route: Route) -> [(String, Route, [PageKind])] {
        graph.taxonomies.menu.map { index in
            let entry = graph.taxonomies[.category].entries[index]
            let isCurrent = if case .taxonomy(.category, let slug, _) = route { slug == entry.slug } else { false }
            return (entry.name, Taxonomy.category.route(entry.slug, page: 1), isCurrent ? [.taxonomy(.category)] : [])
        }
    }

    /// Article `index`'s card; `first`: its photo is the first image of the page.
    func card(_ index: Int, link: LinkBuilder, first: Bool = false) -> CardView {
        let article = graph.articles[index]
        return CardView(
            fields: fields(ofArticle: index), url: link.href(.article(article.slug)),
            image: article.image.map { image(of: $0, link: link, first: first) },
            entryURLs: Taxonomy.allCases.map { graph.taxonomies[$0].pathOfArticle[index].map { link.root + $0 } })
    }

    /// An article's photo as the page at `link` shows it.
    func image(of image: ArticleImage, link: LinkBuilder, first: Bool) -> ImageView {
        let address = { (path: String) in link.href(.file(path)) }
        let published = photo(at: image.path)
        return ImageView(image, url: address(image.path), picture: published.map { PictureSources($0, address: address) }, first: first)
    }

    /// The published photo at `path` under `content/` (as an article's `image` writes it).
    func photo(at path: String) -> Photo? { graph.photos.photo(at: path) }

    func pagination(_ slice: PageSlice, route: (Int) -> Route, link: LinkBuilder) -> PaginationView? {
        guard slice.pageCount > 1 else { return nil }
        return PaginationView(
            label: Self.pageLabel(slice.number, of: slice.pageCount),
            prev: slice.number > 1 ? link.href(route(slice.number - 1)) : nil,
            next: slice.number < slice.pageCount ? link.href(route(slice.number + 1)) : nil,
            pages: Self.shownPageNumbers(current: slice.number, count: slice.pageCount).map { number in
                number == 0
                    ? PageNumberView(number: 0, url: "", current: false, gap: true)
                    : PageNumberView(number: number, url: link.href(route(number)), current: number == slice.number)
            })
    }

    /// `Trang 7/1.000`: the page as the pager numbers it, the total as counts are written.
    static func pageLabel(_ number: Int, of count: Int) -> String { "Trang \(number)/\(count.vietnamese)" }

    /// The page numbers a pager shows: first, last, and two either side of the current one;
    /// `0` marks a gap. A list of 500 pages still shows at most 9 entries.
    static func shownPageNumbers(current: Int, count: Int) -> [Int] {
        let wanted = Set([1, count] + Array(max(1, current - 2)...min(count, current + 2)))
        var result: [Int] = []
        for number in wanted.sorted() {
            if let last = result.last, number > last + 1 { result.append(number == last + 2 ? last + 1 : 0) }
            result.append(number)
        }
        return result
    }

    func render(_ frame: PageFrame, _ content: PageContent = .none, template: TemplateSet.Page) -> [UInt8] {
        templates.render(PageContext(frame: frame, page: PageView(frame.page), content: content), page: template)
    }
}
