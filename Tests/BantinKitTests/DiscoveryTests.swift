import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@testable import BantinKit

/// Feeds, sitemap, sharing metadata and the search index, checked by real parsers.
@Suite struct DiscoveryTests {
    static let base = "https://example.org/bantin/"

    func builtSite(baseURL: String? = DiscoveryTests.base) throws -> TestSite {
        let site = try TestSite(content: "bulletin")
        try site.build(baseURL: baseURL)
        return site
    }

    @Test(arguments: ["feed.xml", "van-ban/01-kl-tw/feed.xml", "chuyen-de/2023/feed.xml", "chuyen-muc/hoc-va-lam-theo-bac/feed.xml"])
    func feedsAreAtomWithStableIDsAndContentDates(path: String) throws {
        let site = try builtSite()
        let document = try XMLDocument(data: try Data(contentsOf: site.output.appendingPathComponent(path)))
        let feed = try #require(document.rootElement())
        #expect(feed.name == "feed")
        #expect(feed.uri == "http://www.w3.org/2005/Atom")
        for required in ["title", "id", "updated", "author"] {
            #expect(!feed.elements(forName: required).isEmpty, "feed lacks \(required)")
        }
        let entries = feed.elements(forName: "entry")
        #expect(!entries.isEmpty)
        var ids: Set<String> = []
        for entry in entries {
            let id = try #require(entry.elements(forName: "id").first?.stringValue)
            #expect(id.hasPrefix(Self.base + "bai-viet/"))
            #expect(ids.insert(id).inserted, "ids are unique")
            let updated = try #require(entry.elements(forName: "updated").first?.stringValue)
            #expect(updated.hasSuffix("+07:00"))
            #expect(Self.attribute("type", of: entry.elements(forName: "content").first) == "html")
            let link = try #require(Self.attribute("href", of: entry.elements(forName: "link").first))
            #expect(link.hasPrefix(Self.base))
        }
        // `updated` of the feed is the newest entry's, never the clock.
        let newest = entries.compactMap { $0.elements(forName: "updated").first?.stringValue }.max()
        #expect(feed.elements(forName: "updated").first?.stringValue == newest)
    }

    /// A feed with no entry (a directive or theme no article cites yet) says a date of the
    /// content, never 1970: the directive's date of issue, else the site's newest article's. A new
    /// article renews it, and the rebuild equals a clean build.
    @Test func aFeedWithNoEntrySaysADateOfTheContent() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/directives/88-ct-tw.md", "---\ncode: 88-CT/TW\nkind: Chỉ thị\nissued: 2021-02-03\n---\nChưa bài nào.\n")
        try site.write("content/directives/89-ct-tw.md", "---\ncode: 89-CT/TW\nkind: Chỉ thị\n---\nChưa bài nào.\n")
        try site.write("content/themes/2024.md", "---\nyear: 2024\ntitle: \"Chuyên đề chưa có bài\"\n---\nChưa bài nào.\n")
        try site.build()
        func updated(_ feed: String) throws -> String {
            let xml = try site.read("public/" + feed)
            return String(xml.components(separatedBy: "<updated>")[1].prefix { $0 != "<" })
        }
        let newest = try updated("feed.xml")
        #expect(try updated("van-ban/88-ct-tw/feed.xml") == "2021-02-03T00:00:00+07:00")
        #expect(try updated("van-ban/89-ct-tw/feed.xml") == newest)
        #expect(try updated("chuyen-de/2024/feed.xml") == newest)
        try site.write("content/articles/2026/moi.md", article(title: "Bài mới nhất", date: "2026-01-02T08:00:00+07:00"))
        try site.build()
        #expect(try updated("chuyen-de/2024/feed.xml") == "2026-01-02T08:00:00+07:00")
        #expect(try site.differencesFromACleanBuild() == [])
    }

    @Test func theSitemapValidatesAgainstTheSitemapsSchema() throws {
        let site = try builtSite()
        let schema = Repo.fixtures.appendingPathComponent("schemas/sitemap.xsd")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xmllint", "--noout", "--schema", schema.path, site.output.appendingPathComponent("sitemap.xml").path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(message)")
        #expect(message.contains("validates"))
        let sitemap = try site.read("public/sitemap.xml")
        let pages = try FileManager.default.subpathsOfDirectory(atPath: site.output.path).filter { $0.hasSuffix("index.html") }
        #expect(sitemap.components(separatedBy: "<url>").count - 1 == pages.count, "every page but 404 is listed")
    }

    /// A site with more pages than one sitemap may list (50,000; 2 here) gets `sitemap.xml` as
    /// an index of files that list them all, each page once, in order, with each file's newest date.
    @Test func aSitemapOfTooManyPagesIsSplitUnderAnIndex() throws {
        let date = try #require(DateParser.parse("2023-05-09", in: .vietnam))
        let routes: [Route] = [.home(page: 1), .notFound, .home(page: 2), .home(page: 3), .search, .home(page: 4)]
        let pages = routes.enumerated().map { (route: $1, lastmod: Optional(LocalDateTime(instant: date.instant + Int64($0) * 86_400, offset: date.offset))) }
        let paths = CrawlFiles.sitemapPaths(pages: pages.count, perFile: 2)
        #expect(paths == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"])
        #expect(CrawlFiles.sitemapPaths(pages: 3, perFile: 2) == ["sitemap.xml"], "two pages and the 404 fit in one")
        let index = CrawlFiles.sitemap("sitemap.xml", pages: pages, baseURL: Self.base, perFile: 2)
        #expect(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
        #expect(index.components(separatedBy: "<sitemap><loc>").dropFirst().map { String($0.prefix { $0 != "<" }) } == paths.dropFirst().map { Self.base + $0 })
        #expect(index.contains("<loc>\(Self.base)sitemap-3.xml</loc><lastmod>2023-05-14T00:00:00+07:00</lastmod>"))
        let listed = paths.dropFirst().flatMap { path in
            CrawlFiles.sitemap(path, pages: pages, baseURL: Self.base, perFile: 2).components(separatedBy: "<loc>").dropFirst().map { String($0.prefix { $0 != "<" }) }
        }
        #expect(listed == routes.filter { $0 != .notFound }.map { LinkBuilder.absolute($0, baseURL: Self.base) })
    }

    /// `share_image` is a path from `content/` as an article's `image` is: written with a leading
    /// `/`, it is the same photo, shared by every page that has none of its own (`./media/logo.png`
    /// is told the plain path, as an article's `image` is).
    @Test(arguments: ["/media/logo.png", "media/logo.png"])
    func theShareImageIsWrittenFromContentAsAnArticlesPhotoIs(written: String) throws {
        let site = try TestSite()
        try PhotoTests.photo(site, "content/media/logo.png", width: 200, height: 100)
        try site.write("content/site.yml", "title: Bản tin\nshare_image: \"\(written)\"\n")
        try site.write("content/articles/a.md", article(title: "Bài viết"))
        try site.build(baseURL: Self.base)
        #expect(try site.read("public/index.html").contains("<meta property=\"og:image\" content=\"\(Self.base)media/logo-200.jpg\">"))
        try site.write("content/site.yml", "title: Bản tin\nshare_image: ./media/logo.png\n")
        let told = site.failingBuild(baseURL: Self.base).filter { $0.file == "content/site.yml" }.map(\.message)
        #expect(told == ["`share_image` `./media/logo.png` must be a path inside content/, like `media/logo.jpg`: write it without `.` or `..` parts, `media/logo.png`"], "\(told)")
    }

    @Test func everyArticleCarriesParseableSharingMetadata() throws {
        let site = try builtSite()
        let slug = "hoc-va-lam-theo-bac-tien-giang-nhan-rong-dien-hinh-tien-tien"
        let page = try site.read("public/bai-viet/\(slug)/index.html")
        let url = Self.base + "bai-viet/\(slug)/"
        for tag in [
            "<link rel=\"canonical\" href=\"\(url)\">", "<meta property=\"og:type\" content=\"article\">",
            "<meta property=\"og:url\" content=\"\(url)\">", "<meta property=\"og:image\" content=\"\(Self.base)media/hoi-nghi-64.jpg\">",
            "<meta property=\"og:image:width\" content=\"64\">", "<meta property=\"og:image:height\" content=\"36\">",
            "<meta property=\"article:published_time\" content=\"2023-05-09T17:00:00+07:00\">", "<meta name=\"twitter:card\" content=\"summary_large_image\">",
        ] {
            #expect(page.contains(tag), "missing \(tag)")
        }
        let json = try #require(Self.jsonLD(in: page))
        let graph = try #require(json["@graph"] as? [[String: Any]])
        let article = try #require(graph.first { $0["@type"] as? String == "NewsArticle" })
        #expect(article["headline"] as? String == "Học và làm theo Bác: Tiền Giang nhân rộng điển hình tiên tiến")
        #expect(article["datePublished"] as? String == "2023-05-09T17:00:00+07:00")
        #expect((article["author"] as? [[String: Any]])?.first?["name"] as? String == "Minh Trí")
        #expect((article["keywords"] as? [String]) == ["01-KL/TW", "05-CT/TW", "Chuyên đề năm 2023"])
        #expect((article["image"] as? [String]) == [Self.base + "media/hoi-nghi-64.jpg"], "a JPEG: Open Graph's readers may not take a PNG")
        let crumbs = try #require(graph.first { $0["@type"] as? String == "BreadcrumbList" })
        let items = try #require(crumbs["itemListElement"] as? [[String: Any]])
        #expect(items.first?["item"] as? String == Self.base)
        #expect(items.last?["item"] as? String == url)
    }

    /// Without the site's address, a page claims none (canonical, Open Graph, JSON-LD's `url`), and
    /// gives no breadcrumb list, whose items search engines read only with their addresses.
    @Test func withoutABaseURLNoPageGivesAddressesItDoesNotKnow() throws {
        let site = try builtSite(baseURL: nil)
        for path in ["bai-viet/hoc-va-lam-theo-bac-tien-giang-nhan-rong-dien-hinh-tien-tien/index.html", "chuyen-muc/hoc-va-lam-theo-bac/index.html", "van-ban/01-kl-tw/index.html", "index.html"] {
            let page = try site.read("public/" + path)
            #expect(!page.contains("rel=\"canonical\"") && !page.contains("og:url"), "\(path)")
            let graph = (Self.jsonLD(in: page)?["@graph"] as? [[String: Any]]) ?? []
            #expect(!graph.contains { $0["@type"] as? String == "BreadcrumbList" }, "\(path)")
            #expect(!graph.contains { $0["url"] != nil }, "\(path)")
        }
        let article = try site.read("public/bai-viet/hoc-va-lam-theo-bac-tien-giang-nhan-rong-dien-hinh-tien-tien/index.html")
        let graph = try #require(Self.jsonLD(in: article)?["@graph"] as? [[String: Any]])
        #expect(graph.map { $0["@type"] as? String } == ["NewsArticle"], "the article is still described")
    }

    /// Open Graph's locale and the JSON-LD's language follow `language` (`en-GB` → `en_GB`), as
    /// `lang` does; a language without its country takes its usual one (`vi` → `vi_VN`).
    @Test func theLocaleAndTheStructuredDataFollowTheLanguage() throws {
        #expect(["vi", "en", "en-GB", "zh-Hant-TW", "xx"].map(PageFrame.locale) == ["vi_VN", "en_US", "en_GB", "zh_TW", "xx"])
        let site = try TestSite(content: "bulletin")
        try site.write("content/site.yml", try site.read("content/site.yml") + "language: en-GB\n")
        try site.build(baseURL: Self.base)
        let page = try site.read("public/bai-viet/hoc-va-lam-theo-bac-tien-giang-nhan-rong-dien-hinh-tien-tien/index.html")
        #expect(page.contains("<html lang=\"en-GB\""))
        #expect(page.contains("<meta property=\"og:locale\" content=\"en_GB\">"))
        #expect(page.contains("\"inLanguage\":\"en-GB\""))
    }

    @Test func aTitleThatClosesTheScriptCannotBreakTheJSONLD() throws {
        let site = try TestSite()
        try site.write("content/articles/x.md", article(title: "Tiêu đề </script><script>alert(1)</script>", extra: "slug: tieu-de\n"))
        try site.build(baseURL: Self.base)
        let page = try site.read("public/bai-viet/tieu-de/index.html")
        let json = try #require(Self.jsonLD(in: page))
        let graph = try #require(json["@graph"] as? [[String: Any]])
        #expect(graph.first?["headline"] as? String == "Tiêu đề </script><script>alert(1)</script>")
    }

    @Test func theSearchIndexHoldsEveryPublishedArticle() throws {
        let site = try builtSite(baseURL: nil)
        let index = try BuiltSearchIndex(site: site.output)
        #expect(index.docs == 4 && index.records.count == 4)
        // Url, title, date, sapo, body, about; then a subtitle (empty without one) and the source.
        #expect(index.records.values.allSatisfy { [6, 7, 8].contains($0.count) && $0[0].hasPrefix("bai-viet/") && $0[0].hasSuffix("/index.html") })
        for (n, record) in index.records { #expect(site.exists("public/" + record[0]), "record \(n) links to \(record[0]), which was not written") }
        // Its directive's kind and code are words of the article, though neither is in its text.
        let dongThap = try #require(index.number(title: "Đảng bộ Đồng Tháp học tập chuyên đề năm 2023"))
        for word in ["ket", "luan", "01", "kl", "tw"] { #expect(index.articles(word).contains(dongThap), "\(word)") }
    }

    static func attribute(_ name: String, of element: XMLElement?) -> String? {
        element?.attributes?.first { $0.name == name || $0.localName == name }?.stringValue
    }

    /// The JSON of the page's `<script type="application/ld+json">`.
    static func jsonLD(in page: String) -> [String: Any]? {
        guard let start = page.range(of: "<script type=\"application/ld+json\">"),
            let end = page.range(of: "</script>", range: start.upperBound..<page.endIndex)
        else { return nil }
        let json = page[start.upperBound..<end.lowerBound]
        return (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any]
    }
}
