import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@testable import BantinKit

/// Category (*chuyên mục*) and place (*địa phương*) pages, their indexes, the menu, and the
/// links that lead to them, on whole builds of the fixture bulletin.
@Suite struct TaxonomyTests {
    static let tienGiang = "bai-viet/hoc-va-lam-theo-bac-tien-giang-nhan-rong-dien-hinh-tien-tien/index.html"

    /// The labels of an index page's items, in order.
    static func labels(in page: String) -> [String] {
        page.components(separatedBy: "<span class=\"term-label\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    @Test func categoryAndPlacePagesListTheirArticlesWithCountsAndFeeds() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let category = try site.read("public/chuyen-muc/hoc-va-lam-theo-bac/index.html")
        #expect(category.contains("<h1>Học và làm theo Bác</h1>"))
        #expect(category.contains("<dt>Số bài viết</dt><dd>2</dd>"))
        #expect(category.contains("Đảng bộ Đồng Tháp học tập chuyên đề năm 2023"))
        #expect(category.contains("Nghệ An: chi bộ làm theo Bác từ việc nhỏ"))
        #expect(!category.contains("Tiền Giang nhân rộng"), "an article of another category")
        #expect(category.contains("href=\"../../chuyen-muc/hoc-va-lam-theo-bac/feed.xml\""))
        let feed = try XMLDocument(data: try Data(contentsOf: site.output.appendingPathComponent("chuyen-muc/hoc-va-lam-theo-bac/feed.xml")))
        let entries = try #require(feed.rootElement()).elements(forName: "entry")
        #expect(entries.compactMap { $0.elements(forName: "title").first?.stringValue }
            == ["Đảng bộ Đồng Tháp học tập chuyên đề năm 2023", "Nghệ An: chi bộ làm theo Bác từ việc nhỏ"])

        let place = try site.read("public/dia-phuong/tien-giang/index.html")
        #expect(place.contains("<h1>Tiền Giang</h1>") && place.contains("<dt>Số bài viết</dt><dd>1</dd>"))
        #expect(place.contains("Tiền Giang nhân rộng điển hình tiên tiến"))
        #expect(Self.labels(in: try site.read("public/chuyen-muc/index.html")) == ["Học và làm theo Bác", "Xây dựng Đảng"])
        #expect(try site.read("public/chuyen-muc/index.html").contains("<span class=\"term-count\">2 bài viết</span>"))
    }

    /// Every page's kind is one templates may ask of (`page.is_<kind>` is no unknown name), each
    /// kind's name is its own, and the pages of each grouping lie in its own folder: the groupings'
    /// pages, routes and names are all made from `Taxonomy`.
    @Test func everyPageKindIsKnownByItsOwnNameAndEachGroupingKeepsToItsFolder() throws {
        let site = try TestSite(content: "bulletin")
        let (catalog, _) = CatalogLoader.load(content: site.content, displayRoot: "content", includeDrafts: false)
        let graph = SiteGraph(catalog: try #require(catalog))
        let plans = PagePlan.all(for: graph)
        let kinds = PageKind.allCases
        #expect(Set(kinds.map(\.name)).count == kinds.count, "\(kinds.map(\.name))")
        #expect(Set(plans.map(\.kind)).subtracting(kinds).isEmpty)
        #expect(Set(plans.map(\.kind)) == Set(kinds), "the fixture has a page of every kind")
        let known = TemplateNames.known(site: graph.config)
        for kind in kinds { #expect(known.contains("is_" + kind.name), "\(kind.name)") }
        for taxonomy in Taxonomy.allCases {
            #expect(known.contains(taxonomy.pageKinds.index), "links.\(taxonomy.pageKinds.index)")
            let paths = plans.filter { $0.kind == .taxonomy(taxonomy) || $0.kind == .taxonomyIndex(taxonomy) }.map { graph.route(of: $0).outputPath }
            #expect(paths.count == 1 + graph.taxonomies[taxonomy].entries.count, "one page each in the fixture")
            #expect(paths.allSatisfy { $0.hasPrefix(taxonomy.folder + "/") }, "\(paths)")
        }
    }

    @Test func aLongCategoryIsPaginated() throws {
        let site = try TestSite(content: "bulletin")
        for day in 1...3 {
            try site.write("content/articles/2024/bai-\(day).md", article(title: "Bài số \(day) của chuyên mục", date: "2024-01-0\(day)", extra: "category: Xây dựng Đảng\n"))
        }
        try site.build()
        #expect(try site.read("public/chuyen-muc/xay-dung-dang/index.html").contains("<dd>4</dd>"))
        let second = try site.read("public/chuyen-muc/xay-dung-dang/trang/2/index.html")
        #expect(second.contains("Trang 2/2") && second.contains("Tiền Giang nhân rộng"))
        // A reader who jumps to the heading hears which page it is, as the title says.
        #expect(second.contains("<h1>Xây dựng Đảng · trang 2</h1>") && second.contains("<title>Xây dựng Đảng · trang 2"))
        #expect(try site.read("public/chuyen-muc/xay-dung-dang/index.html").contains("<h1>Xây dựng Đảng</h1>"))
        #expect(try site.read("public/chuyen-de/2023/trang/2/index.html").contains("<h1>Năm 2023 · trang 2</h1>"))
        #expect(LinkChecker.check(folder: site.output).broken == [])
    }

    @Test func thePlaceIndexIsInVietnameseAlphabeticalOrder() throws {
        let site = try TestSite(content: "bulletin")
        let places = ["Điện Biên", "Cà Mau", "Bến Tre", "Dầu Tiếng", "Bắc Ninh", "Cần Thơ", "Đà Nẵng", "An Giang", "Hà Nội", "Hà Giang"]
        for (index, place) in places.enumerated() {
            try site.write("content/articles/2024/dia-phuong-\(index).md", article(title: "Tin từ \(place)", date: "2024-02-0\(index % 9 + 1)", extra: "location: \(place)\n"))
        }
        try site.build()
        let index = try site.read("public/dia-phuong/index.html")
        #expect(Self.labels(in: index) == [
            "An Giang", "Bắc Ninh", "Bến Tre", "Cà Mau", "Cần Thơ", "Dầu Tiếng", "Đà Nẵng", "Điện Biên", "Đồng Tháp", "Hà Giang", "Hà Nội",
            "Nghệ An", "Tiền Giang",
        ])
        #expect(index.contains("<h2 class=\"section-title\">Đ</h2>"), "places are filed under their first letter, Đ after D")
        #expect(site.exists("public/dia-phuong/ca-mau/index.html") && site.exists("public/dia-phuong/dien-bien/index.html"))
    }

    /// A name that starts with a mark (`(Hà Nội)`, `“Quê hương”`) is filed under its first letter,
    /// where it is sorted, not under a heading of the mark out of order.
    @Test func aPlaceStartingWithAMarkIsFiledUnderItsFirstLetter() throws {
        let site = try TestSite()
        for (index, place) in ["(Hà Nội)", "“Quê hương”", "Ea Kar", "Tây Ninh"].enumerated() {
            try site.write("content/articles/dia-phuong-\(index).md", article(title: "Tin số \(index)", extra: "location: \"\(place.replacingOccurrences(of: "\"", with: "\\\""))\"\n"))
        }
        try site.build()
        let index = try site.read("public/dia-phuong/index.html")
        let headings = index.components(separatedBy: "<h2 class=\"section-title\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
        #expect(headings == ["E", "H", "Q", "T"], "\(headings)")
    }

    /// Names that begin with a number are filed under one heading, before the letters, in the
    /// order of their numbers (`1 Tháng 5`, `9 Tháng 9`, `10 Tháng 3`); one pasted in full-width
    /// letters (`Ｈà Ｇiang`) is filed and sorted as the letters it shows.
    @Test func numberedAndFullWidthPlacesAreFiledWhereTheyAreSorted() throws {
        let site = try TestSite()
        for (index, place) in ["10 Tháng 3", "Yên Bái", "9 Tháng 9", "Ｈà Ｇiang", "1 Tháng 5", "Ấp 3A", "Ấp 12", "Ấp 3"].enumerated() {
            try site.write("content/articles/dia-phuong-\(index).md", article(title: "Tin số \(index)", extra: "location: \"\(place)\"\n"))
        }
        try site.build()
        let index = try site.read("public/dia-phuong/index.html")
        let headings = index.components(separatedBy: "<h2 class=\"section-title\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
        #expect(headings == ["0–9", "Â", "H", "Y"], "\(headings)")
        #expect(Self.labels(in: index) == ["1 Tháng 5", "9 Tháng 9", "10 Tháng 3", "Ấp 3", "Ấp 3A", "Ấp 12", "Ｈà Ｇiang", "Yên Bái"], "\(Self.labels(in: index))")
    }

    /// A name whose first letter Unicode does not decompose (`Ƀuôn Kơ` of Ê Đê, `Łódź`) has an
    /// address of all its letters, and is sorted and filed as its base letters, among the `B`s and
    /// `L`s, not dropped from the address nor sorted after `Y`.
    @Test func aPlaceStartingWithALetterWithAStrokeIsFiledUnderItsBaseLetter() throws {
        let site = try TestSite()
        for (index, place) in ["Yên Bái", "Ƀuôn Kơ", "Łódź", "Buôn Đôn", "Buôn Ma Thuột", "Lào Cai"].enumerated() {
            try site.write("content/articles/dia-phuong-\(index).md", article(title: "Tin số \(index)", extra: "location: \"\(place)\"\n"))
        }
        try site.build()
        let index = try site.read("public/dia-phuong/index.html")
        let headings = index.components(separatedBy: "<h2 class=\"section-title\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
        #expect(headings == ["B", "L", "Y"], "\(headings)")
        #expect(Self.labels(in: index) == ["Buôn Đôn", "Ƀuôn Kơ", "Buôn Ma Thuột", "Lào Cai", "Łódź", "Yên Bái"], "\(Self.labels(in: index))")
        #expect(site.exists("public/dia-phuong/buon-ko/index.html") && site.exists("public/dia-phuong/lodz/index.html"))
    }

    @Test func everyKickerAndBylinePlaceLinksToItsPage() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let page = try site.read("public/" + Self.tienGiang)
        #expect(page.contains("<p class=\"kicker\"><a href=\"../../chuyen-muc/xay-dung-dang/index.html\">Xây dựng Đảng</a></p>"))
        #expect(page.contains("<span class=\"location\"><a href=\"../../dia-phuong/tien-giang/index.html\">Tiền Giang</a></span>"))
        let home = try site.read("public/index.html")
        #expect(home.contains("<p class=\"kicker\"><a href=\"chuyen-muc/hoc-va-lam-theo-bac/index.html\">Học và làm theo Bác</a></p>"))
        #expect(home.contains("<span class=\"place\"><a href=\"dia-phuong/nghe-an/index.html\">Nghệ An</a></span>"))
        let related = try site.read("public/bai-viet/quang-ninh-tu-phe-binh-theo-ket-luan-21-kl-tw/index.html")
        #expect(related.contains("href=\"../../dia-phuong/tien-giang/index.html\""), "cards in Xem thêm link too")
    }

    /// The menu holds the categories and the site's own sections (Văn bản, Lưu trữ, Tìm kiếm…):
    /// a screen reader names it the main navigation, not "Chuyên mục chính" (the site's word for
    /// its categories).
    @Test func theMenuListsItsCategoriesInOrderAndWarnsOfAnUnusedOne() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/site.yml", "title: \"Bản tin\"\nmenu:\n  - Xây dựng Đảng\n  - Kinh tế số\n  - học và làm theo bác\n")
        let report = try site.build()
        let warning = try #require(report.diagnostics.first { $0.message.contains("Kinh tế số") })
        #expect(warning.severity == .warning && warning.file == "content/site.yml" && warning.line == 4 && warning.column == 5)
        let nav = try site.read("public/chuyen-muc/xay-dung-dang/index.html").components(separatedBy: "class=\"site-nav\"")[1]
            .components(separatedBy: "</nav>")[0]
        #expect(nav.hasPrefix(" aria-label=\"Điều hướng chính\">"))
        let labels = nav.components(separatedBy: "</a>").dropLast().map { String($0.split(separator: ">").last ?? "") }
        #expect(Array(labels.prefix(3)) == ["Trang chủ", "Xây dựng Đảng", "Học và làm theo Bác"])
        #expect(nav.contains("<a href=\"../../chuyen-muc/xay-dung-dang/index.html\" aria-current=\"page\">Xây dựng Đảng</a>"))
        #expect(!nav.contains("Kinh tế số"))
    }

    /// A menu item is the current page only on the page it links to: page 2 of the home page
    /// or of a category is under the item (`aria-current="true"`), not the page a screen reader
    /// would say the link opens.
    @Test func onItsSecondPageTheMenuItemIsTheSectionNotThePage() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/site.yml", "title: \"Bản tin\"\nper_page: 1\nmenu: [Học và làm theo Bác]\n")
        try site.build()
        func marked(_ path: String) throws -> [String] {
            let nav = try site.read(path).components(separatedBy: "class=\"site-nav\"")[1].components(separatedBy: "</nav>")[0]
            return nav.components(separatedBy: "<a ").dropFirst().compactMap { link in
                link.range(of: "aria-current=\"").map { String(link[$0.upperBound...].prefix { $0 != "\"" }) + " " + String(link.split(separator: ">")[1].prefix { $0 != "<" }) }
            }
        }
        #expect(try marked("public/index.html") == ["page Trang chủ"])
        #expect(try marked("public/trang/2/index.html") == ["true Trang chủ"])
        #expect(try marked("public/chuyen-muc/hoc-va-lam-theo-bac/index.html") == ["page Học và làm theo Bác"])
        #expect(try marked("public/chuyen-muc/hoc-va-lam-theo-bac/trang/2/index.html") == ["true Học và làm theo Bác"])
    }

    @Test func breadcrumbsSitemapAndSearchIncludeThem() throws {
        let site = try TestSite(content: "bulletin")
        try site.build(baseURL: DiscoveryTests.base)
        let category = try site.read("public/chuyen-muc/xay-dung-dang/index.html")
        let graph = try #require(DiscoveryTests.jsonLD(in: category)?["@graph"] as? [[String: Any]])
        let crumbs = try #require(graph.first { $0["@type"] as? String == "BreadcrumbList" }?["itemListElement"] as? [[String: Any]])
        #expect(crumbs.compactMap { $0["name"] as? String } == ["Trang chủ", "Chuyên mục", "Xây dựng Đảng"])
        #expect(crumbs[1]["item"] as? String == DiscoveryTests.base + "chuyen-muc/")
        let article = try #require(DiscoveryTests.jsonLD(in: try site.read("public/" + Self.tienGiang)))
        let articleCrumbs = (article["@graph"] as? [[String: Any]])?.first { $0["@type"] as? String == "BreadcrumbList" }
        #expect((articleCrumbs?["itemListElement"] as? [[String: Any]])?[1]["item"] as? String == DiscoveryTests.base + "chuyen-muc/xay-dung-dang/")
        let sitemap = try site.read("public/sitemap.xml")
        for path in ["chuyen-muc/", "chuyen-muc/xay-dung-dang/", "dia-phuong/", "dia-phuong/nghe-an/"] {
            #expect(sitemap.contains("<loc>\(DiscoveryTests.base)\(path)</loc>"), "sitemap lacks \(path)")
        }
        // Search finds an article by its category and place.
        let index = try BuiltSearchIndex(site: site.output)
        let tienGiang = try #require(index.records.first { $0.value[1].hasPrefix("Học và làm theo Bác: Tiền Giang") }?.key)
        for word in ["xay", "dung", "dang", "tien", "giang"] { #expect(index.articles(word).contains(tienGiang), "\(word)") }
    }

    @Test func spellingsOfOneCategoryShareItsPageUnderTheCommonestSpelling() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/articles/2024/mot.md", article(title: "Một", date: "2024-01-01", extra: "category: Xây Dựng Đảng\n"))
        try site.write("content/articles/2024/hai.md", article(title: "Hai", date: "2024-01-02", extra: "category: Xây dựng Đảng\n"))
        try site.build()
        let page = try site.read("public/chuyen-muc/xay-dung-dang/index.html")
        #expect(page.contains("<h1>Xây dựng Đảng</h1>") && page.contains("<dd>3</dd>"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.output.appendingPathComponent("chuyen-muc").path).sorted()
            == ["hoc-va-lam-theo-bac", "index.html", "xay-dung-dang"])
    }

    /// Spaces typed twice between a name's words make no other spelling: two `Hà  Nội` are not a
    /// majority against one `Hà Nội`, and the page is named with single spaces.
    @Test func aNameWithSpacesTypedTwiceIsTheSameSpelling() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/articles/2024/mot.md", article(title: "Một", date: "2024-01-01", extra: "location: \"Hà  Nội\"\n"))
        try site.write("content/articles/2024/hai.md", article(title: "Hai", date: "2024-01-02", extra: "location: \"Hà\\t Nội\"\n"))
        try site.write("content/articles/2024/ba.md", article(title: "Ba", date: "2024-01-03", extra: "location: HÀ NỘI\n"))
        let report = try site.build()
        #expect(!report.diagnostics.contains { $0.message.contains("Hà  Nội") })
        let page = try site.read("public/dia-phuong/ha-noi/index.html")
        #expect(page.contains("<h1>Hà Nội</h1>"), "\(page.components(separatedBy: "<h1>").dropFirst().first?.prefix(40) ?? "")")
    }

    /// The card of an article in an entry of any grouping links to the entry's page
    /// (`<key>_url`: `category_url`, `location_url`), a name templates may ask for; the card of
    /// one in none has it absent. Cards make these from `Taxonomy`, so a third grouping has them.
    @Test func aCardLinksToItsEntrysPageInEveryGrouping() throws {
        let site = try TestSite(content: "bulletin")
        let (catalog, _) = CatalogLoader.load(content: site.content, displayRoot: "content", includeDrafts: false)
        let graph = SiteGraph(catalog: try #require(catalog))
        let renderer = PageRenderer(graph: graph, templates: try #require(TemplateSet.load(folder: site.templates, displayRoot: "templates").0), baseURL: nil)
        let link = LinkBuilder(from: .home(page: 1), baseURL: nil)
        let known = TemplateNames.known(site: graph.config)
        for taxonomy in Taxonomy.allCases {
            let name = taxonomy.key + "_url"
            #expect(known.contains(name), "\(name) is a name templates may ask for")
            let group = graph.taxonomies[taxonomy]
            let index = try #require(group.entryOfArticle.firstIndex { $0 != nil }, "an article of the fixture has a \(taxonomy.noun)")
            let entry = group.entries[group.entryOfArticle[index]!]
            for card in [renderer.card(index, link: link), renderer.card(index, link: link).withFirstImage()] {
                guard case .text(let url) = card.value(named: name) else {
                    Issue.record("the card of \(graph.articles[index].slug.value) has no \(name)")
                    continue
                }
                #expect(url == link.href(taxonomy.route(entry.slug, page: 1)))
            }
            if let without = group.entryOfArticle.firstIndex(where: { $0 == nil }), case .text = renderer.card(without, link: link).value(named: name) {
                Issue.record("the card of \(graph.articles[without].slug.value), in no \(taxonomy.noun), has \(name)")
            }
        }
    }

    /// Spaces typed twice in the name of any grouping's entry are one space.
    @Test func spacesTypedTwiceAreJoinedInEveryGroupingsField() throws {
        for taxonomy in Taxonomy.allCases {
            let text = "---\ntitle: Một\ndate: 2024-01-01\n\(taxonomy.key): \"Hà  Nội\"\n---\nNội dung.\n"
            let article = try #require(ArticleReader.read(text: text, file: "content/articles/mot.md", zone: .vietnam).article)
            #expect(article.fields[keyPath: taxonomy.field] == "Hà Nội", "\(taxonomy.key)")
        }
    }
}
