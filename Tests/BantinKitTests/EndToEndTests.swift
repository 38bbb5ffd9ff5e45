import Foundation
import Testing

@testable import BantinKit

/// Whole builds of the fixture bulletin into temporary folders.
@Suite struct EndToEndTests {
    @Test func buildsEveryPageOfTheFixtureBulletin() throws {
        let site = try TestSite(content: "bulletin")
        let report = try site.build()
        #expect(report.articles == 4)
        let expected = [
            "public/index.html", "public/trang/2/index.html", "public/404.html", "public/tim-kiem/index.html",
            "public/bai-viet/hoc-va-lam-theo-bac-tien-giang-nhan-rong-dien-hinh-tien-tien/index.html",
            "public/bai-viet/dang-bo-dong-thap-hoc-tap-chuyen-de-nam-2023/index.html",
            "public/bai-viet/quang-ninh-tu-phe-binh-theo-ket-luan-21-kl-tw/index.html",
            "public/van-ban/index.html", "public/van-ban/01-kl-tw/index.html", "public/van-ban/05-ct-tw/index.html",
            "public/van-ban/21-kl-tw/index.html", "public/chuyen-de/index.html", "public/chuyen-de/2023/index.html",
            "public/chuyen-de/2023/trang/2/index.html", "public/luu-tru/index.html", "public/luu-tru/2023/05/index.html",
            "public/luu-tru/2022/11/index.html", "public/feed.xml", "public/van-ban/01-kl-tw/feed.xml",
            "public/chuyen-de/2023/feed.xml", "public/tim-kiem/chi-muc/muc-luc.js", "public/robots.txt",
            "public/assets/style.css", "public/assets/search.js", "public/media/hoi-nghi.png", "public/docs/van-ban.pdf",
        ]
        for path in expected { #expect(site.exists(path), "missing \(path)") }
        #expect(!site.exists("public/bai-viet/ban-nhap-chua-dang/index.html"), "drafts are left out")
        #expect(!site.exists("public/sitemap.xml"), "no sitemap without a base URL")
        #expect(report.diagnostics.contains { $0.severity == .warning && $0.message.contains("21-KL/TW") })
    }

    /// Every page that points to a feed names it by the feed's own title (page 2 of a theme's
    /// list too), and the feed is there.
    @Test func everyPageNamesItsFeedByTheFeedsTitle() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let pages = try FileManager.default.subpathsOfDirectory(atPath: site.output.path).filter { $0.hasSuffix(".html") }.sorted()
        var checked = 0
        for page in pages {
            let html = try site.read("public/" + page)
            guard let tag = html.firstMatch(of: /<link rel="alternate" type="application\/atom\+xml" title="([^"]*)" href="([^"]*)">/) else { continue }
            let folder = URL(fileURLWithPath: site.output.path + "/" + page).deletingLastPathComponent()
            let feed = try String(contentsOf: folder.appendingPathComponent(String(tag.2)).standardizedFileURL, encoding: .utf8)
            let title = try #require(feed.firstMatch(of: /<title>([^<]*)<\/title>/)).1
            #expect(HTMLReference.decode(String(tag.1)) == HTMLReference.decode(String(title)), "\(page)")
            checked += 1
        }
        #expect(checked > 20 && pages.contains("chuyen-de/2023/trang/2/index.html"), "\(checked)")
    }

    @Test func aSubtitleIsShownAboveTheTitleEscaped() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/articles/2023/05/tit-phu.md", article(title: "Bài có tít phụ", extra: "subtitle: \"Kỷ niệm 95 năm <Ngày thành lập>\"\n"))
        try site.build()
        let page = try site.read("public/bai-viet/bai-co-tit-phu/index.html")
        let subtitle = try #require(page.range(of: "<p class=\"story-subtitle\">Kỷ niệm 95 năm &lt;Ngày thành lập&gt;</p>"))
        let title = try #require(page.range(of: "<h1 class=\"story-title\">Bài có tít phụ</h1>"))
        #expect(subtitle.upperBound < title.lowerBound)
        #expect(!(try site.read("public/bai-viet/hoc-va-lam-theo-bac-tien-giang-nhan-rong-dien-hinh-tien-tien/index.html")).contains("story-subtitle"))
    }

    /// A bulletin of one article: its home shows it as the lead, with no "Tin bài" heading over an
    /// empty list; with none, the list says there is none.
    @Test func theHomeOfABulletinOfOneShowsNoEmptyList() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: Bản tin\n")
        try site.write("content/articles/a.md", article(title: "Tin đầu tiên"))
        try site.build()
        let home = try site.read("public/index.html")
        #expect(home.contains("Tin đầu tiên") && !home.contains("listing_heading") && !home.contains("Chưa có bài viết nào"))
        try site.remove("content/articles/a.md")
        try site.build()
        let empty = try site.read("public/index.html")
        #expect(empty.contains("listing_heading") && empty.contains("Chưa có bài viết nào"))
        try site.write("content/articles/a.md", article(title: "Tin đầu tiên"))
        try site.write("content/articles/b.md", article(title: "Tin thứ hai", date: "2023-05-10T08:00:00+07:00"))
        try site.build()
        let two = try site.read("public/index.html")
        #expect(two.contains("listing_heading") && two.contains("Tin đầu tiên") && !two.contains("Chưa có bài viết nào"))
    }

    /// The gap between page numbers is no list item a screen reader reads out, nor a box that
    /// looks like a link.
    @Test func aGapInThePageNumbersIsHiddenFromScreenReaders() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: \"Bản tin\"\nper_page: 1\n")
        for n in 1...12 { try site.write("content/articles/b\(n).md", article(title: "Bài \(n)", date: "2023-05-\(String(format: "%02d", n))")) }
        try site.build()
        let page = try site.read("public/index.html")
        #expect(page.contains("<li aria-hidden=\"true\"><span class=\"pagination-gap\">…</span></li>"), "\(page)")
        #expect(!page.contains("<li><span class=\"pagination-gap\""))
    }

    /// A total is written as counts are, thousands set apart (`Trang 1/1.000`, `Bài 1/1.000` in the
    /// print edition, beside its `1.000 bài viết`); the numbers of pages and articles in a list
    /// stay as the pager and the contents number them (`1000`, `1000.`).
    @Test func totalsAreWrittenWithThousandsDotsAndPlacesAsListsNumberThem() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: \"Bản tin\"\nper_page: 1\n")
        for n in 1...1000 {
            try site.write("content/articles/b\(n).md", article(title: "Bài \(n)", date: "2023-05-10T08:\(String(format: "%02d:%02d", n / 60 % 60, n % 60))+07:00"))
        }
        try site.build()
        #expect(try site.read("public/index.html").contains("<p class=\"pagination-label\">Trang 1/1.000</p>"))
        let last = try site.read("public/trang/1000/index.html")
        #expect(last.contains("<p class=\"pagination-label\">Trang 1000/1.000</p>") && last.contains("<span aria-current=\"page\">1000</span>"))
        let edition = try site.read("public/luu-tru/2023/05/ban-in/index.html")
        #expect(edition.contains("<p class=\"cover-meta\">1.000 bài viết"))
        #expect(edition.contains("<p class=\"kicker\">Bài 1/1.000</p>") && edition.contains("<p class=\"kicker\">Bài 1000/1.000</p>"))
        #expect(edition.contains("<span class=\"toc-number\">1000.</span>"))
    }

    @Test func everyInternalLinkAndImageResolves() throws {
        let site = try TestSite(content: "bulletin")
        let report = try site.build()
        let result = LinkChecker.check(folder: site.output)
        #expect(result.pages == report.pages)
        #expect(result.links > 200)
        #expect(result.broken == [])
    }

    /// A link from the domain's root (`/index.html`, as a hand-made template may write) works
    /// neither from disk nor under a sub-path: `check` says so, even where the file exists.
    @Test func checkRefusesALinkFromTheDomainsRoot() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let home = try site.read("public/index.html")
        try site.write("public/index.html", home.replacingOccurrences(of: "</main>", with: "<a href=\"/index.html\">Trang chủ</a></main>"))
        let broken = LinkChecker.check(folder: site.output).broken.map(\.description)
        #expect(broken.count == 1 && broken[0].contains("/index.html") && broken[0].contains("starts at the domain's root"), "\(broken)")
    }

    /// An attribute's value read as browsers read it: after white space around `=` (a line
    /// break, a tab), in quotes of either kind or none.
    @Test func anAttributeIsReadPastWhiteSpaceAroundItsEquals() {
        let html = "<a href=\n\"../a/index.html\">a</a><a\thref\t=\t'../b/index.html'>b</a><a href=../c/index.html\n>c</a><a id = x>"
        #expect(LinkChecker.attributeValues(in: html, names: ["href"]) == ["../a/index.html", "../b/index.html", "../c/index.html"])
        #expect(LinkChecker.attributeValues(in: html, names: ["id"]) == ["x"])
    }

    /// A link to a folder (`../../`, `../../van-ban/`, `../../van-ban`) opens its page on a web
    /// server, but from disk the browser lists the folder's files: `check` names it, with the
    /// link to write. A site with a base URL is for the web, where a folder's address is its page's.
    @Test func checkRefusesALinkToAFolder() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let path = "public/bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/index.html"
        let page = try site.read(path)
        let links = "<a href=\"../../\">a</a><a href=\"../../van-ban/\">b</a><a href=\"../../van-ban\">c</a><a href=\"../../van-ban/index.html\">d</a><a href=\"https://example.org/van-ban/\">e</a>"
        try site.write(path, page.replacingOccurrences(of: "</main>", with: links + "</main>"))
        let broken = LinkChecker.check(folder: site.output).broken
        #expect(broken.map(\.target) == ["../../", "../../van-ban/", "../../van-ban", "https://example.org/van-ban/"].dropLast(), "\(broken)")
        #expect(broken.last?.reason.contains("names a folder") == true && broken.last?.reason.contains("write `../../van-ban/index.html`") == true, "\(broken)")
        #expect(LinkChecker.check(folder: site.output, baseURL: "https://example.org/").broken.isEmpty)
    }

    /// `check --base-url` reads the feeds, the sitemap and robots.txt as a feed reader and a search
    /// engine do: each address they give under the base URL (an entry's link, a photo or a
    /// footnote in its HTML, a `<loc>`, a `Sitemap:` line) must lead to a file and an id there.
    @Test func checkReadsTheFeedsAndTheSitemapToo() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/articles/2023/06/anh.md", article(title: "Bài có ảnh", date: "2023-06-02", body: "Ảnh.[^1]\n\n![Hội nghị](../../../media/hoi-nghi.png)\n\n[^1]: Ghi chú.\n"))
        let base = "https://example.org/ban-tin/"
        try site.build(baseURL: base)
        #expect(LinkChecker.check(folder: site.output, baseURL: base).broken == [])
        let feed = try site.read("public/feed.xml")
        let page = "\(base)bai-viet/bai-co-anh/"
        #expect(feed.contains("href=&quot;\(page)#fn-1&quot;") && feed.contains("\(base)media/hoi-nghi.png"), "\(feed)")
        try site.write("public/feed.xml", feed.replacingOccurrences(of: "\(page)#fn-1", with: "\(page)#fn-9").replacingOccurrences(of: "media/hoi-nghi.png", with: "media/khong-co.png"))
        let sitemap = try site.read("public/sitemap.xml")
        try site.write("public/sitemap.xml", sitemap.replacingOccurrences(of: "<loc>\(page)</loc>", with: "<loc>\(base)bai-viet/khong-co/</loc>"))
        try site.write("public/robots.txt", try site.read("public/robots.txt").replacingOccurrences(of: "sitemap.xml", with: "so-do.xml"))
        let broken = LinkChecker.check(folder: site.output, baseURL: base).broken.map { "\($0.page) \($0.target) \($0.reason)" }
        #expect(broken == [
            "feed.xml \(page)#fn-9 no element with id \"fn-9\"", "feed.xml \(base)media/khong-co.png no such file",
            "feed.xml \(base)media/khong-co.png no such file",  // in this article's body, and as another article's photo
            "robots.txt \(base)so-do.xml no such file", "sitemap.xml \(base)bai-viet/khong-co/ no such file",
        ], "\(broken)")
        // Without the base URL, the feeds' absolute addresses are another site's, as a page's are.
        #expect(LinkChecker.check(folder: site.output).broken == [])
        // A site built without one has feeds of relative addresses, an entry's HTML read against
        // its `xml:base` (the site's root, from a theme's feed).
        try site.build()
        #expect(LinkChecker.check(folder: site.output).broken == [])
        let themeFeed = try site.read("public/chuyen-de/2023/feed.xml")
        #expect(themeFeed.contains("xml:base=\"../../\"") && themeFeed.contains("src=&quot;media/hoi-nghi.png&quot;"), "\(themeFeed)")
        try site.write("public/chuyen-de/2023/feed.xml", themeFeed.replacingOccurrences(of: "src=&quot;media/hoi-nghi.png", with: "src=&quot;media/khong-co.png"))
        #expect(LinkChecker.check(folder: site.output).broken.map { "\($0.page) \($0.target)" } == ["chuyen-de/2023/feed.xml ../../media/khong-co.png"])
    }

    /// What `check` would reject in the links the templates write is told by the build, before
    /// anything is written: a stylesheet not in `templates/assets/`, a link to a folder, an
    /// anchor no element has. Each once, however many pages have it. With a base URL a folder's
    /// address is good.
    @Test func theTemplatesLinksAreCheckedBeforeTheSiteIsWritten() throws {
        let site = try TestSite(content: "bulletin")
        let footer = try site.read("templates/footer.mustache")
        try site.write("templates/footer.mustache", footer.replacingOccurrences(
            of: "</footer>", with: "<link rel=\"stylesheet\" href=\"{{root}}assets/khong-co.css\"><a href=\"{{root}}van-ban/\">VB</a><a href=\"#khong-neo\">x</a></footer>"))
        let errors = site.failingBuild().filter { $0.severity == .error }
        #expect(errors.map(\.description) == [
            "templates: error: index.html, as the templates render it, links to `#khong-neo`: no element with id \"khong-neo\" (`bantin check` would reject the site)",
            "templates: error: index.html, as the templates render it, links to `assets/khong-co.css`: no such file (`bantin check` would reject the site)",
            "templates: error: index.html, as the templates render it, links to `van-ban/`: names a folder: opened from disk, the browser lists the folder's files instead of showing its page; write `van-ban/index.html` (`bantin check` would reject the site)",
        ], "\(errors)")
        #expect(!site.exists("public/index.html"))
        try site.write("templates/footer.mustache", footer.replacingOccurrences(of: "</footer>", with: "<a href=\"{{root}}van-ban/\">VB</a></footer>"))
        #expect(site.failingBuild().filter { $0.severity == .error }.count == 1)
        try site.build(baseURL: "https://example.org/ban-tin/")
        #expect(site.exists("public/index.html"))
    }

    /// The templates' links by the site's own full address are checked to their anchors, as
    /// relative ones are; a `<base>` and a `<meta http-equiv="refresh">`, which `check` rejects,
    /// are errors too (not in a comment), and the address a refresh leads to is checked as a link.
    @Test func theTemplatesFullAddressesAndRedirectingElementsAreChecked() throws {
        let site = try TestSite(content: "bulletin")
        let base = "https://example.org/ban-tin/"
        let footer = try site.read("templates/footer.mustache")
        try site.write("templates/footer.mustache", footer.replacingOccurrences(of: "</footer>", with: "<a href=\"\(base)#khong-co\">x</a><a href=\"\(base)#top\">y</a><!-- <base href=\"/\"> bỏ --></footer>"))
        let anchors = site.failingBuild(baseURL: base).filter { $0.severity == .error }.map(\.description)
        #expect(anchors == [
            "templates: error: index.html, as the templates render it, links to `\(base)#khong-co`: no element with id \"khong-co\" (`bantin check` would reject the site)",
        ], "\(anchors)")
        try site.write("templates/footer.mustache", footer.replacingOccurrences(
            of: "</footer>", with: "<base href=\"{{root}}index.html\"><meta http-equiv=\"refresh\" content=\"0;url={{root}}khong-co.html\"></footer>"))
        let redirecting = site.failingBuild(baseURL: base).filter { $0.severity == .error }.map(\.description)
        #expect(redirecting == [
            "templates: error: index.html, as the templates render it, has <base>: a `<base>` element makes every relative link of the page lead under another address (menu, breadcrumbs, cards) (`bantin check` would reject the site)",
            "templates: error: index.html, as the templates render it, has <meta http-equiv=\"refresh\">: a `<meta http-equiv=\"refresh\">` takes the reader to another page (`bantin check` would reject the site)",
            "templates: error: index.html, as the templates render it, links to `khong-co.html`: no such file (`bantin check` would reject the site)",
        ], "\(redirecting)")
        #expect(!site.exists("public/index.html"))
    }

    /// A theme's assets are published as they are, beside the content's files: names differing
    /// only in case, and names Windows cannot hold, are warned as the content's are (a PNG and a
    /// JPEG of one name are two files here: assets are not made into photos).
    @Test func aThemesAssetsNamedAsNoFilesMayBeAreWarned() throws {
        let site = try TestSite(content: "bulletin")
        for name in ["Logo.svg", "logo.svg", "bia.png", "bia.jpg", "aux.css", "in/con/a.css"] { try site.write("templates/assets/" + name, "x") }
        let told = try site.build().diagnostics.filter { $0.file.hasPrefix("templates/") }.map { "\($0.file): \($0.message.prefix(40))" }
        #expect(told.sorted() == [
            "templates/assets/aux.css: `AUX` is the name of a device on Windows",
            "templates/assets/in/con/: `CON` is the name of a device on Windows",
            "templates/assets/logo.svg: its name differs from templates/assets/L",
        ], "\(told)")
    }

    /// Templates kept inside the content folder (a newcomer's one folder for everything) would be
    /// read as content too: refused, naming the folder, before anything is read or written (a
    /// hidden folder in it is never read as content: kept there, it is no trouble).
    @Test func aTemplatesFolderInsideTheContentIsRefused() throws {
        let site = try TestSite(content: "bulletin")
        try FileManager.default.moveItem(at: site.templates, to: site.content.appendingPathComponent("giao-dien"))
        var options = site.options()
        options.templates = site.content.appendingPathComponent("giao-dien")
        options.templatesName = "content/giao-dien"
        let errors = site.failingBuild(options)
        #expect(errors.map(\.description) == [
            "content/giao-dien: error: the templates folder is inside content, whose every file is read as the bulletin's texts and files (its templates would be published as they are): keep it beside content (`templates/`, the default, or `--templates DIR`)",
        ])
        #expect(!site.exists("public"))
        // The content folder itself, likewise; a hidden folder in it (never read as content) is not.
        options.templates = site.content
        #expect(site.failingBuild(options).first?.message.hasPrefix("the templates folder is content, whose every file") == true)
        options.templates = site.content.appendingPathComponent(".giao-dien")
        try FileManager.default.moveItem(at: site.content.appendingPathComponent("giao-dien"), to: options.templates)
        try SiteBuilder.build(options)
        #expect(site.exists("public/index.html"))
    }

    /// A link the templates write only on some pages of a kind (an article's with a photo, a
    /// list's pages after the first; the fixture lists two a page) is checked too: a page of
    /// each shape is rendered.
    @Test(arguments: [
        ("article.mustache", "{{#article.image}}", "{{#article.image}}<link rel=\"stylesheet\" href=\"{{root}}assets/anh-lon.css\">"),
        ("pagination.mustache", "{{#prev}}", "{{#prev}}<a href=\"{{root}}trang-dau/\">đầu</a>"),
        ("list.mustache", "{{#listing.has_mentions}}", "{{#listing.has_mentions}}<a href=\"{{root}}nhac-den.html\">nhắc</a>"),
        ("card.mustache", "{{#image}}", "{{#image}}<a href=\"{{root}}anh/\">ảnh</a>"),
    ])
    func aLinkTheTemplatesWriteOnlyOnSomePagesIsChecked(template: String, section: String, withLink: String) throws {
        let site = try TestSite(content: "bulletin")
        let text = try site.read("templates/" + template)
        try #require(text.contains(section))
        try site.write("templates/" + template, text.replacingOccurrences(of: section, with: withLink))
        let errors = site.failingBuild().filter { $0.severity == .error }
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.message.contains(", as the templates render it, links to `") == true && errors.first?.message.contains("no such file") == true, "\(errors)")
        #expect(!site.exists("public/index.html"))
    }

    /// A section of a field that only some articles write is checked on a page of one of them,
    /// though other articles write as many fields (other ones).
    @Test func aLinkInTheSectionOfAFieldFewArticlesWriteIsChecked() throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", article(title: "Bài mới", date: "2024-04-10", extra: "author: Ban Tuyên giáo\n"))
        try site.write("content/articles/b.md", article(title: "Bài giữa", date: "2024-03-10", extra: "author: Ban Dân vận\n"))
        try site.write("content/articles/c.md", article(title: "Bài cũ", date: "2024-02-10", extra: "subtitle: Chuyện ở cơ sở\n"))
        try site.build()
        let text = try site.read("templates/article.mustache")
        try #require(text.contains("{{#article.subtitle}}"))
        try site.write("templates/article.mustache", text.replacingOccurrences(of: "{{#article.subtitle}}", with: "{{#article.subtitle}}<a href=\"{{root}}phu-de/\">phụ đề</a>"))
        let errors = site.failingBuild().filter { $0.severity == .error }.map(\.message)
        #expect(errors.count == 1 && errors.first?.hasPrefix("bai-viet/bai-cu/index.html, as the templates render it, links to `../../phu-de/`") == true, "\(errors)")
    }

    /// An empty list written (`themes: []`, as `bantin new` writes them) opens no section: the
    /// section is checked on the page of an article that lists something.
    @Test func aLinkInTheSectionOfAListIsCheckedPastArticlesWithTheListEmpty() throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", article(title: "Bài mới", date: "2024-04-10", extra: "themes: []\ndirectives: []\n"))
        try site.write("content/articles/b.md", article(title: "Bài cũ", date: "2024-02-10", extra: "themes: [2023]\n"))
        try site.write("content/themes/2023.md", "---\nyear: 2023\ntitle: \"Học tập và làm theo\"\n---\nChuyên đề năm.\n")
        let text = try site.read("templates/article.mustache")
        try #require(text.contains("<h1 class=\"story-title\">"))
        try site.write("templates/article.mustache", text.replacingOccurrences(of: "<h1 class=\"story-title\">", with: "{{#article.themes}}<a href=\"{{root}}chuyen-de/{{year}}/\">{{year}}</a>{{/article.themes}}<h1 class=\"story-title\">"))
        let errors = site.failingBuild().filter { $0.severity == .error }.map(\.message)
        #expect(errors.count == 1 && errors.first?.hasPrefix("bai-viet/bai-cu/index.html, as the templates render it, links to `../../chuyen-de/2023/`: names a folder") == true, "\(errors)")
    }

    /// A print edition's section for a month before `first_issue` (no issue number), and an
    /// article's for a cited directive's field, are checked on the pages that show them.
    @Test func aLinkInAnUnnumberedIssueOrACitedDirectivesFieldIsChecked() throws {
        let site = try TestSite()
        try site.write("content/site.yml", "title: Bản tin\nfirst_issue: 2024-03\n")
        try site.write("content/directives/01-kl-tw.md", "---\ncode: 01-KL/TW\nkind: Kết luận\n---\n")
        try site.write("content/articles/a.md", article(title: "Bài cũ", date: "2024-01-10", extra: "directives: [\"01-KL/TW\"]\n"))
        try site.write("content/articles/b.md", article(title: "Bài mới", date: "2024-04-10", extra: "directives: [\"05-CT/TW\"]\n"))
        try site.build()
        for (template, section, withLink) in [
            ("print.mustache", "{{/print.issue}}", "{{/print.issue}}{{^print.issue}}<a href=\"{{root}}so-cu/\">số</a>{{/print.issue}}"),
            ("article.mustache", "{{#article.directives}}", "{{#article.directives}}{{#kind}}<a href=\"{{root}}loai/\">loại</a>{{/kind}}"),
        ] {
            let text = try site.read("templates/" + template)
            try #require(text.contains(section))
            try site.write("templates/" + template, text.replacingOccurrences(of: section, with: withLink))
            let errors = site.failingBuild().filter { $0.severity == .error }
            #expect(errors.count == 1 && errors.first?.message.contains("no such file") == true, "\(template): \(errors)")
            try site.write("templates/" + template, text)
        }
    }

    /// The sample shows an editor every feature, the warning for a directive mentioned in a body
    /// but not listed in front matter included: that is its only warning.
    @Test func theSampleBulletinBuildsWithNoBrokenLinkAndOnlyItsDemonstratedWarning() throws {
        let site = try TestSite()
        try FileManager.default.removeItem(at: site.content)
        try FileManager.default.copyItem(at: Repo.content, to: site.content)
        let report = try site.build()
        #expect(report.articles >= 10)
        #expect(report.diagnostics.map { "\($0.file):\($0.line) \($0.severity)" } == ["content/articles/2023/10/thanh-hoa-doi-thoai-de-can-bo-gan-dan-hon.md:33 warning"])
        #expect(report.diagnostics.first?.message.contains("did you mean to add \"21-KL/TW\" to directives?") == true)
        #expect(LinkChecker.check(folder: site.output).broken == [])
        #expect(try site.read("public/van-ban/21-kl-tw/index.html").contains("<section class=\"mentions\""))
    }

    @Test func draftsAreBuiltWhenAskedFor() throws {
        let site = try TestSite(content: "bulletin")
        let report = try site.build(drafts: true)
        #expect(report.articles == 5)
        #expect(site.exists("public/bai-viet/ban-nhap-chua-dang/index.html"))
    }

    @Test func decomposedAndPrecomposedSpellingsShareOneDirectivePage() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let page = try site.read("public/van-ban/01-kl-tw/index.html")
        #expect(page.contains("Đảng bộ Đồng Tháp học tập chuyên đề năm 2023"))
        #expect(page.contains("Tiền Giang nhân rộng điển hình tiên tiến"))
        #expect(!page.contains("\u{0302}"), "output is NFC")
        let directives = try FileManager.default.contentsOfDirectory(atPath: site.output.appendingPathComponent("van-ban").path)
        #expect(directives.filter { $0.hasPrefix("01") } == ["01-kl-tw"])
    }

    @Test func articlePageShowsEverythingAnEditorWrote() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let page = try site.read("public/bai-viet/hoc-va-lam-theo-bac-tien-giang-nhan-rong-dien-hinh-tien-tien/index.html")
        for text in [
            "<html lang=\"vi\"", "Xây dựng Đảng", "Học và làm theo Bác: Tiền Giang nhân rộng điển hình tiên tiến",
            "Ban Thường vụ Tỉnh ủy Tiền Giang sơ kết", "Minh Trí", "TTXVN", "Tiền Giang", "Thứ Ba, 09/05/2023 17:00",
            "datetime=\"2023-05-09T17:00:00+07:00\"", "src=\"../../media/hoi-nghi.png\"", "alt=\"Quang cảnh hội nghị\"",
            "Hội nghị sơ kết (Ảnh minh họa)", "<h2 id=\"ket-qua-noi-bat\">", "<h2 id=\"ket-qua-noi-bat-2\">",
            "href=\"../../van-ban/01-kl-tw/index.html\"", "href=\"../../chuyen-de/2023/index.html\"", "<table tabindex=\"0\">",
            "class=\"footnotes\"",
        ] {
            #expect(page.contains(text), "article page lacks \(text)")
        }
    }

    @Test func relatedArticlesPutTheHandPickedOneFirst() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let graph = try #require(try SiteBuilderProbe.graph(site))
        let ngheAn = try #require(graph.articleIndex[Slug(from: "nghe-an-chi-bo-lam-theo-bac-tu-viec-nho")!])
        let related = graph.related[ngheAn].map { graph.articles[$0].slug.value }
        #expect(related.first == "quang-ninh-tu-phe-binh-theo-ket-luan-21-kl-tw")
        #expect(related.count == 3)
        // Then Tiền Giang (shares 05-CT/TW and 2023) before Đồng Tháp (shares only 2023).
        #expect(Array(related.dropFirst()) == ["hoc-va-lam-theo-bac-tien-giang-nhan-rong-dien-hinh-tien-tien", "dang-bo-dong-thap-hoc-tap-chuyen-de-nam-2023"])
    }

    @Test func twoBuildsOfTheSameInputAreByteIdentical() throws {
        let site = try TestSite(content: "bulletin")
        try site.build(baseURL: "https://example.org/bantin/")
        let first = try site.snapshot()
        let other = site.root.appendingPathComponent("public2")
        _ = try SiteBuilder.build(site.options(baseURL: "https://example.org/bantin/", output: other))
        let second = try site.snapshot(other)
        #expect(first.count == second.count)
        #expect(first == second)
    }

    @Test func aBaseURLMakesCanonicalFeedAndSitemapURLsAbsolute() throws {
        let site = try TestSite(content: "bulletin")
        try site.build(baseURL: "https://example.org/ban-tin")
        let article = try site.read("public/bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/index.html")
        #expect(article.contains("<link rel=\"canonical\" href=\"https://example.org/ban-tin/bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/\">"))
        let sitemap = try site.read("public/sitemap.xml")
        #expect(sitemap.contains("<loc>https://example.org/ban-tin/</loc>"))
        #expect(sitemap.contains("<loc>https://example.org/ban-tin/van-ban/01-kl-tw/</loc>"))
        #expect(!sitemap.contains("404"))
        let feed = try site.read("public/feed.xml")
        #expect(feed.contains("<id>https://example.org/ban-tin/bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/</id>"))
        #expect(try site.read("public/robots.txt").contains("Sitemap: https://example.org/ban-tin/sitemap.xml"))
        // The 404 page is served from any address, so its links are absolute.
        #expect(try site.read("public/404.html").contains("href=\"https://example.org/ban-tin/assets/style.css\""))
        #expect(LinkChecker.check(folder: site.output, baseURL: "https://example.org/ban-tin/").broken == [])
    }
}

/// Reaches the site graph of a test site, as the builder makes it.
enum SiteBuilderProbe {
    static func graph(_ site: TestSite) throws -> SiteGraph? {
        let (catalog, _) = CatalogLoader.load(content: site.content, displayRoot: "content", includeDrafts: false)
        return catalog.map(SiteGraph.init)
    }
}

/// The pager shows a handful of page numbers, whatever the number of pages.
@Suite struct PagerTests {
    @Test(arguments: [
        (1, 1, [1]), (1, 5, [1, 2, 3, 4, 5]), (1, 500, [1, 2, 3, 0, 500]), (250, 500, [1, 0, 248, 249, 250, 251, 252, 0, 500]),
        (500, 500, [1, 0, 498, 499, 500]), (4, 9, [1, 2, 3, 4, 5, 6, 0, 9]),
    ])
    func shownPageNumbers(current: Int, count: Int, expected: [Int]) {
        #expect(PageRenderer.shownPageNumbers(current: current, count: count) == expected)
    }
}
