import Foundation
import Testing

@testable import BantinKit

/// The monthly print edition (`luu-tru/<yyyy>/<mm>/ban-in/`) of the fixture bulletin: a cover, a
/// numbered table of contents, every article of the month in full, issue numbers from
/// `first_issue` (or the first month with an article).
@Suite struct PrintEditionTests {
    static let may = "public/luu-tru/2023/05/ban-in/index.html"
    static let tienGiang = "Học và làm theo Bác: Tiền Giang nhân rộng điển hình tiên tiến"
    static let ngheAn = "Nghệ An: chi bộ làm theo Bác từ việc nhỏ"

    /// The text inside each element whose `class` attribute starts with `name`, tags removed, in order.
    func texts(ofClass name: String, in html: String) -> [String] {
        html.matches(of: try! Regex("class=\"\(name)[^\"]*\"[^>]*>(.*?)</")).map { match in
            String(match.output[1].substring ?? "").replacing(#/<[^>]*>/#, with: "")
        }
    }

    /// Every `id` of a page.
    func ids(in html: String) -> [String] {
        html.matches(of: #/ id="([^"]*)"/#).map { String($0.output.1) }
    }

    @Test func everyMonthHasAnEditionLinkedFromItsPageAndTheArchive() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let archive = try site.read("public/luu-tru/index.html")
        for month in ["2022/11", "2023/05", "2023/06"] {
            #expect(site.exists("public/luu-tru/\(month)/ban-in/index.html"))
            #expect(try site.read("public/luu-tru/\(month)/index.html").contains("href=\"../../../luu-tru/\(month)/ban-in/index.html\""))
            #expect(archive.contains("<a class=\"term-print\" href=\"../luu-tru/\(month)/ban-in/index.html\">Bản in số "))
        }
    }

    /// A directive with no file has no title: its line shows its kind (its code's) and code alone,
    /// not the title of the article it is listed in (the field is there, empty, for the template's
    /// section).
    @Test func aDirectiveWithoutAFileIsListedByItsCodeAlone() throws {
        let site = try TestSite()
        try site.write("content/articles/2023/05/a.md", article(title: "Đảng bộ khối tổ chức hội nghị", extra: "directives: [\"99-NQ/TW\"]\nthemes: [2023]\n"))
        try site.write("content/themes/2023.md", "---\nyear: 2023\n---\n")
        try site.build()
        let page = try site.read(Self.may)
        #expect(page.contains("<strong>Nghị quyết 99-NQ/TW</strong></a></li>"), "\(page)")
        #expect(page.contains("Chuyên đề năm 2023</strong></a></li>"))
        // No author, source or place: no byline, empty or not.
        #expect(!page.contains("class=\"byline\""))
        #expect(!(try site.read("public/bai-viet/dang-bo-khoi-to-chuc-hoi-nghi/index.html")).contains("class=\"byline\""))
        // A field left empty is there, under the name templates use, as an empty list.
        let fields = TemplateFields(ArticleFields())
        #expect(fields.value(named: "image_caption").map { !$0.isTruthy } == true && fields.value(named: "subtitle") != nil)
    }

    @Test func theCoverShowsTheBulletinTheIssueTheMonthAndTheLeadPhoto() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let page = try site.read(Self.may)
        #expect(texts(ofClass: "cover-masthead", in: page) == ["Bản tin Thử nghiệm"])
        #expect(texts(ofClass: "cover-issue", in: page) == ["Số 7"], "the seventh month from 11/2022, the first with an article")
        #expect(texts(ofClass: "cover-month", in: page) == ["Tháng 5/2023"])
        #expect(page.contains("<img src=\"../../../../media/hoi-nghi.png\" width=\"64\" height=\"36\" alt=\"Quang cảnh hội nghị\">"))
        #expect(page.contains("<figcaption>Hội nghị sơ kết (Ảnh minh họa)</figcaption>"))
        #expect(page.contains("<title>Bản in · Số 7 · Tháng 5/2023 – Bản tin Thử nghiệm</title>"))
        #expect(page.contains("@top-left { content: \"Bản tin Thử nghiệm\"; }"), "the running head names the bulletin")
        #expect(page.contains("@top-right { content: \"Số 7 · Tháng 5/2023\"; }"))
    }

    @Test func theContentsListEveryArticleInTheOrderOfTheBodyOldestFirst() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let page = try site.read(Self.may)
        let contents = texts(ofClass: "toc-title", in: page)
        #expect(contents == [Self.tienGiang, Self.ngheAn])
        #expect(texts(ofClass: "issue-article-title", in: page) == contents, "the body follows the contents")
        #expect(texts(ofClass: "kicker", in: page).map { $0.prefix(7) } == ["Bài 1/2", "Bài 2/2"])
        // The category and the place link to their pages, as on every page.
        #expect(page.contains("Bài 1/2 · <a href=\"../../../../chuyen-muc/xay-dung-dang/index.html\">Xây dựng Đảng</a>"), "\(texts(ofClass: "kicker", in: page))")
        #expect(page.contains("<span class=\"location\"><a href=\"../../../../dia-phuong/tien-giang/index.html\">Tiền Giang</a></span>"))
        #expect(page.contains("<a class=\"toc-title\" href=\"#bai-1\">") && page.contains("<article class=\"issue-article\" id=\"bai-2\""))
        #expect(texts(ofClass: "toc-meta", in: page).first == "Tiền Giang", "the place, then the author")
        #expect(page.contains("<span>Minh Trí</span>"))
        // Each article in full: its sapo, byline, body and directives.
        #expect(page.contains("<h3 id=\"bai-1-ket-qua-noi-bat\">Kết quả nổi bật</h3>"), "Tiền Giang's body is printed")
        #expect(page.contains("Nội dung về <strong>Nghệ An</strong>"), "Nghệ An's body is printed")
        #expect(page.contains("<strong>Kết luận 01-KL/TW</strong>"))
        #expect(!page.contains("Bản nháp chưa đăng"), "drafts are not printed")
    }

    @Test func noNavigationNoSearchNoRelatedAndAOneLinePrintButton() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let page = try site.read(Self.may)
        for chrome in ["site-nav", "breadcrumbs", "site-footer", "Xem thêm", "tim-kiem/", "<script src", "search.js"] {
            #expect(!page.contains(chrome), "\(chrome) is not on the print edition")
        }
        #expect(page.components(separatedBy: "onclick=").count == 2)
        #expect(page.contains("<button type=\"button\" class=\"issue-print-button\" onclick=\"window.print()\">In bản tin</button>"))
        // The way back names the month as a sentence does, not with a capital mid-phrase.
        #expect(page.contains("<a class=\"issue-back\" href=\"../../../../luu-tru/2023/05/index.html\">Về trang tháng 5/2023</a>"))
        #expect(page.contains("href=\"../../../../assets/print.css\""))
        #expect(site.exists("public/assets/print.css"))
    }

    @Test func idsAreUniqueAndInPageLinksStayWithTheirArticle() throws {
        let site = try TestSite(content: "bulletin")
        let body = "## Kết quả\n\nMột ý[^1] và [mục trên](#ket-qua), [trang ngoài](https://vi-du.org/x) và [tệp](../../../docs/van-ban.pdf).\n\n## Kết quả\n\n[^1]: Chú thích."
        try site.write("content/articles/2023/05/a.md", article(title: "Bài có chú thích A", date: "2023-05-10", body: body))
        try site.write("content/articles/2023/05/b.md", article(title: "Bài có chú thích B", date: "2023-05-11", body: body))
        try site.build()
        let page = try site.read(Self.may)
        let all = ids(in: page)
        #expect(Set(all).count == all.count, "no id twice: \(all)")
        for id in ["bai-2-ket-qua", "bai-2-ket-qua-2", "bai-3-ket-qua", "bai-2-fn-1", "bai-3-fn-1", "bai-2-fnref-1"] {
            #expect(all.contains(id), "\(id)")
        }
        #expect(page.contains("<a href=\"#bai-3-ket-qua\">mục trên</a>"))
        #expect(page.contains("<h3 id=\"bai-2-ket-qua\">Kết quả</h3>"), "body headings sit below the article's <h2>")
        #expect(page.contains("href=\"https://vi-du.org/x\""))
        #expect(page.contains("href=\"../../../../docs/van-ban.pdf\""), "a relative link written from the article's page still leads to its file")
        let check = LinkChecker.check(folder: site.output)
        #expect(check.broken.isEmpty, "\(check.broken)")
    }

    /// A body heading `Title` is `bai-2-title` in the edition: the article's own heading, whose
    /// id is made by the template, may not be that too.
    @Test func aBodyHeadingNeverTakesTheArticleTitlesID() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/articles/2023/05/a.md", article(title: "Bài có mục Title", date: "2023-05-10", body: "## Title\n\nChữ.\n"))
        try site.build()
        let all = ids(in: try site.read(Self.may))
        #expect(Set(all).count == all.count && all.contains("bai-2-title"), "no id twice: \(all)")
    }

    @Test func issueNumbersCountFromFirstIssue() throws {
        let site = try TestSite(content: "bulletin")
        let config = try site.read("content/site.yml")
        try site.write("content/site.yml", config + "first_issue: 2022-01\n")
        try site.build()
        #expect(try texts(ofClass: "cover-issue", in: site.read("public/luu-tru/2022/11/ban-in/index.html")) == ["Số 11"])
        #expect(try texts(ofClass: "cover-issue", in: site.read(Self.may)) == ["Số 17"])
        #expect(try texts(ofClass: "cover-issue", in: site.read("public/luu-tru/2023/06/ban-in/index.html")) == ["Số 18"])
        #expect(try site.read("public/luu-tru/2023/05/index.html").contains(">Bản in số 17</a>"))

        // A first issue after the first month with articles: the months before it have no number.
        try site.write("content/site.yml", config + "first_issue: 2023-01\n")
        let report = try site.build()
        #expect(try texts(ofClass: "cover-issue", in: site.read("public/luu-tru/2022/11/ban-in/index.html")).isEmpty)
        #expect(try site.read("public/luu-tru/2022/11/ban-in/index.html").contains("<title>Bản in · Tháng 11/2022 – "))
        #expect(try texts(ofClass: "cover-issue", in: site.read(Self.may)) == ["Số 5"])
        #expect(report.notes.contains("1 month(s) before first_issue 2023-01 have print editions without an issue number"))

        // The month just before the first issue has no number either (no `Số 0`).
        try site.write("content/site.yml", config + "first_issue: 2022-12\n")
        try site.build()
        #expect(try texts(ofClass: "cover-issue", in: site.read("public/luu-tru/2022/11/ban-in/index.html")).isEmpty)
        #expect(try texts(ofClass: "cover-issue", in: site.read(Self.may)) == ["Số 6"])
    }

    /// Issues are numbered whatever the year of the first month: an article from before 1900
    /// (warned) is issue 1 of a site without `first_issue`, and a month after 2200 (previewed
    /// with `--future`) has its number, with no word of months before `first_issue`.
    @Test func issuesOfAnyYearAreNumbered() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/articles/1899/cu.md", article(title: "Bài cũ", date: "1899-12-31", body: "Chữ.\n"))
        var report = try site.build()
        #expect(try texts(ofClass: "cover-issue", in: site.read(Self.may)) == ["Số 1482"])
        #expect(try texts(ofClass: "cover-issue", in: site.read("public/luu-tru/1899/12/ban-in/index.html")) == ["Số 1"])
        #expect(!report.notes.contains { $0.contains("first_issue") }, "\(report.notes)")

        try site.remove("content/articles/1899/cu.md")
        let config = try site.read("content/site.yml")
        try site.write("content/site.yml", config + "first_issue: 2022-01\n")
        try site.write("content/articles/2203/xa.md", article(title: "Bài xa", date: "2203-05-09", body: "Chữ.\n"))
        var options = site.options()
        options.includeFuture = true
        report = try SiteBuilder.build(options)
        #expect(try texts(ofClass: "cover-issue", in: site.read("public/luu-tru/2203/05/ban-in/index.html")) == ["Số \((2203 - 2022) * 12 + 5)"])
        #expect(!report.notes.contains { $0.contains("first_issue") }, "\(report.notes)")

        // `first_issue` with a year slip: `0023` is refused as a date's year is; `2203` more than
        // a year ahead and `1899` are warnings at its line, as such an article's date is.
        try site.remove("content/articles/2203/xa.md")
        try site.write("content/site.yml", config + "first_issue: 0023-05\n")
        #expect(site.failingBuild().contains { $0.file == "content/site.yml" && $0.message.hasPrefix("`first_issue` is not a month: `0023-05`") })
        for (year, what) in [(2203, "is more than a year from now: every print edition until then has no issue number"), (1899, "is before 1900: the issues are numbered from then")] {
            try site.write("content/site.yml", config + "first_issue: \(year)-01\n")
            var options = site.options()
            options.now = 1_790_000_000  // 2026-09-21
            let told = try SiteBuilder.build(options).diagnostics.filter { $0.file == "content/site.yml" }.map(\.message)
            #expect(told == ["`first_issue`'s year, \(year), \(what); is its year right?"], "\(told)")
        }
    }

    /// Without `first_issue`, issue 1 is the first month with a published article: a preview
    /// with an older draft (`--drafts`) numbers the issues as the site will.
    @Test func aDraftDoesNotRenumberThePreviewsIssues() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let published = try texts(ofClass: "cover-issue", in: site.read(Self.may))
        #expect(published.count == 1)
        try site.write("content/articles/nhap.md", article(title: "Bản nháp cũ", date: "2020-01-15T08:00:00+07:00", extra: "draft: true\n"))
        try site.build(drafts: true)
        #expect(site.exists("public/luu-tru/2020/01/ban-in/index.html"), "the draft's month has its edition in the preview")
        #expect(try texts(ofClass: "cover-issue", in: site.read(Self.may)) == published)
    }

    @Test(arguments: ["2022-13", "tháng 1", "2022", "2022-01-15", "\"22-01\""])
    func anInvalidFirstIssueIsAnErrorAtItsPlace(value: String) throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/site.yml", "title: \"Bản tin\"\nfirst_issue: \(value)\n")
        let diagnostics = site.failingBuild()
        let problem = try #require(diagnostics.first { $0.severity == .error })
        #expect(problem.file == "content/site.yml")
        #expect(problem.line == 2)
        #expect(problem.column == 14)
        #expect(problem.message.contains("`first_issue` is not a month"), "\(problem.message)")
    }

    /// Shared (Zalo, Facebook), an edition shows its cover photo, as an article shows its own.
    @Test func sharedTheEditionShowsItsCover() throws {
        let site = try TestSite(content: "bulletin")
        try site.build(baseURL: "https://vi-du.org/ban-tin/")
        let page = try site.read(Self.may)
        #expect(page.contains("<meta property=\"og:image\" content=\"https://vi-du.org/ban-tin/media/hoi-nghi-64.jpg\">"), "the cover's widest JPEG")
        #expect(page.contains("<meta property=\"og:image:alt\" content=\"Quang cảnh hội nghị\">"))
    }

    @Test func theSitemapListsEveryEdition() throws {
        let site = try TestSite(content: "bulletin")
        try site.build(baseURL: "https://vi-du.org/ban-tin/")
        let sitemap = try site.read("public/sitemap.xml")
        #expect(sitemap.contains("<loc>https://vi-du.org/ban-tin/luu-tru/2023/05/ban-in/</loc>"))
        #expect(sitemap.contains("<loc>https://vi-du.org/ban-tin/luu-tru/2022/11/ban-in/</loc>"))
    }

    @Test func anEditedArticleRenewsItsEditionAndTheRebuildEqualsACleanBuild() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let june = try site.read("public/luu-tru/2023/06/ban-in/index.html")
        let file = "content/articles/2023/05/nghe-an.md"
        try site.write(file, try site.read(file) + "\nĐoạn **mới thêm** vào bài.\n")
        let report = try site.build()
        #expect(try site.read(Self.may).contains("Đoạn <strong>mới thêm</strong> vào bài."))
        #expect(try site.read("public/luu-tru/2023/06/ban-in/index.html") == june)
        #expect(report.reusedPages > 0)
        #expect(try site.differencesFromACleanBuild() == [])
    }

    /// A link to another article of the same month leads to it in the edition (to its heading,
    /// when it names one); one to an article of another month still leads to its page. `check`
    /// finds every one.
    @Test func aLinkToAnArticleOfTheSameEditionLeadsToItThere() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/articles/2023/05/lien-ket.md", article(title: "Bài dẫn sang bài khác", date: "2023-05-28",
            body: "Xem [Tiền Giang](tien-giang.md), [kết quả](tien-giang.md#ket-qua-noi-bat), [đầu bài](tien-giang.md#top) và [Đồng Tháp](../dong-thap.md).\n\n"
                + "Cả [bảng xếp hạng](bang.md#top).\n"))
        // An article whose text has a heading "Top": `#top` is that heading, as on its page.
        try site.write("content/articles/2023/05/bang.md", article(title: "Bảng xếp hạng chi bộ", date: "2023-05-27", body: "## Top\n\nMười chi bộ dẫn đầu.\n"))
        try site.build()
        let may = try site.read(Self.may)
        let order = texts(ofClass: "issue-article-title", in: may)
        let tienGiang = try #require(order.firstIndex { $0.contains("Tiền Giang") }) + 1
        #expect(may.contains("Xem <a href=\"#bai-\(tienGiang)\">Tiền Giang</a>, <a href=\"#bai-\(tienGiang)-ket-qua-noi-bat\">kết quả</a>, <a href=\"#bai-\(tienGiang)\">đầu bài</a>"), "\(may)")
        #expect(may.contains("<a href=\"../../../../bai-viet/dang-bo-dong-thap-hoc-tap-chuyen-de-nam-2023/index.html\">Đồng Tháp</a>"))
        let bang = try #require(order.firstIndex { $0.contains("Bảng xếp hạng") }) + 1
        #expect(may.contains("Cả <a href=\"#bai-\(bang)-top\">bảng xếp hạng</a>."), "\(may)")
        #expect(LinkChecker.check(folder: site.output, baseURL: nil).broken == [])
    }

    /// The same for a link by the site's full address (pasted from the published site, `http:`
    /// too); one to an article of another month, or to another page, stays the address it is.
    @Test func aLinkByTheFullAddressToAnArticleOfTheEditionLeadsToItThere() throws {
        let site = try TestSite(content: "bulletin")
        let base = "https://vi-du.org/ban-tin/"
        let tienGiangPage = "bai-viet/hoc-va-lam-theo-bac-tien-giang-nhan-rong-dien-hinh-tien-tien/"
        let dongThapPage = base + "bai-viet/dang-bo-dong-thap-hoc-tap-chuyen-de-nam-2023/"
        try site.write("content/articles/2023/05/lien-ket.md", article(title: "Bài dẫn bằng địa chỉ đầy đủ", date: "2023-05-28",
            body: "Xem [Tiền Giang](\(base + tienGiangPage)), [kết quả](HTTP://VI-DU.ORG/ban-tin/\(tienGiangPage)index.html#ket-qua-noi-bat), "
                + "[Đồng Tháp](\(dongThapPage)) và [lưu trữ](\(base)luu-tru/).\n"))
        try site.build(baseURL: base)
        let may = try site.read(Self.may)
        let order = texts(ofClass: "issue-article-title", in: may)
        let tienGiang = try #require(order.firstIndex { $0.contains("Tiền Giang") }) + 1
        #expect(may.contains("Xem <a href=\"#bai-\(tienGiang)\">Tiền Giang</a>, <a href=\"#bai-\(tienGiang)-ket-qua-noi-bat\">kết quả</a>, "
            + "<a href=\"\(dongThapPage)\">Đồng Tháp</a> và <a href=\"\(base)luu-tru/\">lưu trữ</a>."), "\(may)")
        // The article's own page keeps the addresses as written.
        #expect(try site.read("public/bai-viet/bai-dan-bang-dia-chi-day-du/index.html").contains("<a href=\"\(base + tienGiangPage)\">Tiền Giang</a>"))
        #expect(LinkChecker.check(folder: site.output, baseURL: base).broken == [])
    }

    @Test func theEditionShowsTheBodyTheArticlePageShows() throws {
        let site = try TestSite(content: "bulletin")
        try site.build()
        let articlePage = try site.read("public/bai-viet/hoc-va-lam-theo-bac-tien-giang-nhan-rong-dien-hinh-tien-tien/index.html")
        let start = try #require(articlePage.range(of: "<div class=\"story-body prose\">\n"))
        let end = try #require(articlePage.range(of: "\n    </div>", range: start.upperBound..<articlePage.endIndex))
        let body = Array(articlePage[start.upperBound..<end.lowerBound].utf8)
        let adapted = PrintBody(anchor: "bai-1", articleFolder: ["bai-viet", "hoc-va-lam-theo-bac-tien-giang-nhan-rong-dien-hinh-tien-tien"], root: "../../../../")
            .adapt(body)
        #expect(try site.read(Self.may).contains(String(decoding: adapted, as: UTF8.self)))
    }
}

/// The body adapter alone.
@Suite struct PrintBodyTests {
    let adapter = PrintBody(anchor: "bai-2", articleFolder: ["bai-viet", "x"], root: "../../../../")

    func adapt(_ html: String) -> String { String(decoding: adapter.adapt(Array(html.utf8)), as: UTF8.self) }

    @Test func headingsGoOneLevelDownAndTheirIdsTakeThePrefix() {
        #expect(adapt("<h2 id=\"ket-qua\">Kết quả</h2>\n<h6>Nhỏ</h6>") == "<h3 id=\"bai-2-ket-qua\">Kết quả</h3>\n<h6>Nhỏ</h6>")
        #expect(adapt("<H1>A</H1>") == "<h2>A</h2>")
        #expect(adapt("<hr />\n<header>x</header>") == "<hr />\n<header>x</header>")
    }

    @Test func aFullAddressLeadsIntoTheEditionOnlyForItsArticles() {
        let adapter = PrintBody(
            anchor: "bai-2", articleFolder: ["bai-viet", "x"], root: "../../../../",
            edition: ["y": PrintBody.EditionArticle(anchor: "bai-3", hasTopID: false)], baseURL: "https://vi-du.org/ban-tin/")
        func adapt(_ html: String) -> String { String(decoding: adapter.adapt(Array(html.utf8)), as: UTF8.self) }
        #expect(adapt("<a href=\"https://vi-du.org/ban-tin/bai-viet/y/\">a</a>") == "<a href=\"#bai-3\">a</a>")
        #expect(adapt("<a href=\"//vi-du.org/ban-tin/bai-viet/y?trang=2#top\">a</a>") == "<a href=\"#bai-3\">a</a>")
        #expect(adapt("<a href=\"https://vi-du.org/ban-tin/bai-viet/y/index.html#ket-qua\">a</a>") == "<a href=\"#bai-3-ket-qua\">a</a>")
        for kept in ["https://vi-du.org/ban-tin/bai-viet/z/", "https://vi-du.org/bai-viet/y/", "https://khac.org/ban-tin/bai-viet/y/", "https://vi-du.org/ban-tin/chuyen-muc/y/"] {
            #expect(adapt("<a href=\"\(kept)\">a</a>") == "<a href=\"\(kept)\">a</a>")
        }
    }

    /// An element with the id (or anchor name) `top`, however its value is quoted, and nothing else.
    @Test func anElementWithTheIdTopIsFoundHoweverItIsWritten() {
        for html in ["<h2 id=\"top\">T</h2>", "<a name='top'></a>", "<h2 id=top>T</h2>", "<h2 id=top class=x>T</h2>", "<p>a = b</p><h3 id=\"top\">",
                     // Attribute names in any case, white space around `=` (HTML written with `unsafe_html`).
                     "<p ID=\"top\">", "<p\tid=\"top\">", "<p id = \"top\">", "<a\nNAME=top>"] {
            #expect(PrintBody.hasTopID(Array(html.utf8)), "\(html)")
        }
        for html in ["<h2 id=\"topic\">T</h2>", "<h2 data-id=\"top\">", "<h2 id=\"top'>", "<p>id=\"top\"</p>", "=top>", "<h2 id=to", "<h2 class=\"top\">", "<h2 id=top", "<h2 xid=\"top\">", "<h2 id=\"TOP\">",
                     // Text, not a tag.
                     "<p>viết id=top rồi lưu</p>", "<p>a</p> name=\"top\" b",
                     // Inside another attribute's value.
                     "<img alt=\"xem id=top nhé\" src=\"a.jpg\">", "<img alt='it\"s id=top'>"] {
            #expect(!PrintBody.hasTopID(Array(html.utf8)), "\(html)")
        }
    }

    /// HTML written with `unsafe_html` may quote its values with `'`, or not at all: adapted alike.
    @Test func valuesInSingleQuotesOrNoneAreAdaptedAlike() {
        #expect(adapt("<a href='../y/'>a</a><a href=../y/>b</a>") == "<a href='../../../../bai-viet/y/'>a</a><a href=\"../../../../bai-viet/y/\">b</a>")
        #expect(adapt("<h2 id='ket-qua'>K</h2><a href=#ket-qua title='Xem \"kết quả\"'>x</a>")
            == "<h3 id='bai-2-ket-qua'>K</h3><a href=\"#bai-2-ket-qua\" title='Xem \"kết quả\"'>x</a>")
        #expect(adapt("<img src=anh.jpg alt=Ảnh>") == "<img src=\"../../../../bai-viet/x/anh.jpg\" alt=\"Ảnh\">")
        #expect(adapt("<h2 id=top>Top</h2><a href='#top'>x</a>") == "<h3 id=\"bai-2-top\">Top</h3><a href='#bai-2-top'>x</a>")
        // White space around `=` (a line break too) is HTML's: read past, not taken for an empty value.
        #expect(adapt("<a href= \"../y/\">a</a><a href =\n'../y/'>b</a><span id = \"sp\">c</span><img src= anh.jpg>")
            == "<a href=\"../../../../bai-viet/y/\">a</a><a href='../../../../bai-viet/y/'>b</a><span id=\"bai-2-sp\">c</span><img src=\"../../../../bai-viet/x/anh.jpg\">")
        // An attribute without a value stays so; a label's `for` names the id it labels.
        #expect(adapt("<label for=o>Ô</label><input disabled id=o>") == "<label for=\"bai-2-o\">Ô</label><input disabled id=\"bai-2-o\">")
        // A value without quotes is written in double quotes, any it holds as `&quot;`: one that
        // holds both kinds, quoted with one, would end early and start an attribute of its own.
        #expect(adapt("<a href=x\"y>a</a>") == "<a href=\"../../../../bai-viet/x/x&quot;y\">a</a>")
        #expect(adapt("<div title=a'onmouseover=alert(1)//\"x>d</div>") == "<div title=\"a'onmouseover=alert(1)//&quot;x\">d</div>")
    }

    /// Every attribute that names ids (one, or several apart) names them with the prefix, so that
    /// a table's header cells, a described figure or an image map still find theirs in the edition.
    @Test func referencesToIdsTakeThePrefix() {
        #expect(adapt("<figure aria-labelledby=\"t\" aria-describedby=' d1\n d2 '><img usemap=\"#m\"></figure>")
            == "<figure aria-labelledby=\"bai-2-t\" aria-describedby='bai-2-d1 bai-2-d2'><img usemap=\"#bai-2-m\"></figure>")
        #expect(adapt("<td HEADERS=\"h1 h2\">1</td><input list=ds form=f><button popovertarget=p aria-controls=\"p q\">x</button>")
            == "<td HEADERS=\"bai-2-h1 bai-2-h2\">1</td><input list=\"bai-2-ds\" form=\"bai-2-f\"><button popovertarget=\"bai-2-p\" aria-controls=\"bai-2-p bai-2-q\">x</button>")
        #expect(adapt("<output for=\"a b\"></output><p aria-details=\"d1 d2\" itemref=\"i\"></p><button commandfor=hop>x</button>")
            == "<output for=\"bai-2-a bai-2-b\"></output><p aria-details=\"bai-2-d1 bai-2-d2\" itemref=\"bai-2-i\"></p><button commandfor=\"bai-2-hop\">x</button>")
        // A drawing's gradient, pattern, clip or marker, named by its id.
        #expect(adapt("<rect fill=\"url(#g1)\" stroke=\"url('#g2') blue\" clip-path=url(#c) /><use xlink:href=\"#s\"/><circle fill=\"red\"/>")
            == "<rect fill=\"url(#bai-2-g1)\" stroke=\"url('#bai-2-g2') blue\" clip-path=\"url(#bai-2-c)\" /><use xlink:href=\"#bai-2-s\"/><circle fill=\"red\"/>")
        // As drawing programs write them: in a style, `URL(`, `&quot;`.
        #expect(adapt("<svg><path style=\"fill:URL(#g2);stroke:red\" fill=\"url(&quot;#g3&quot;)\"/></svg><p style=\"color:red\">#a</p>")
            == "<svg><path style=\"fill:URL(#bai-2-g2);stroke:red\" fill=\"url(&quot;#bai-2-g3&quot;)\"/></svg><p style=\"color:red\">#a</p>")
        // Other ARIA attributes hold words, not ids.
        #expect(adapt("<div aria-label=\"t\" aria-hidden=\"true\">x</div>") == "<div aria-label=\"t\" aria-hidden=\"true\">x</div>")
    }

    @Test func footnotesAndInPageLinksStayWithTheArticle() {
        let footnote = "<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" data-footnote-ref>1</a></sup>"
        #expect(adapt(footnote) == "<sup class=\"footnote-ref\"><a href=\"#bai-2-fn-1\" id=\"bai-2-fnref-1\" data-footnote-ref>1</a></sup>")
        // The top of the article's page is the article's start in the edition (`#bai-2-` is no id).
        #expect(adapt("<a href=\"#\">Lên đầu trang</a>") == "<a href=\"#bai-2\">Lên đầu trang</a>")
        #expect(adapt("<a href=\"#top\">x</a><a href=\"#Top\">y</a>") == "<a href=\"#bai-2\">x</a><a href=\"#bai-2\">y</a>")
        #expect(adapt("<a href=\"#topic\">x</a>") == "<a href=\"#bai-2-topic\">x</a>")
        // A text fragment is the browser's: kept after the id it follows.
        #expect(adapt("<a href=\"#:~:text=N%E1%BB%99i%20dung\">x</a>") == "<a href=\"#bai-2:~:text=N%E1%BB%99i%20dung\">x</a>")
        #expect(adapt("<a href=\"#top:~:text=%C4%90o%E1%BA%A1n\">x</a>") == "<a href=\"#bai-2:~:text=%C4%90o%E1%BA%A1n\">x</a>")
        #expect(adapt("<a href=\"#ket-qua:~:text=chi\">x</a>") == "<a href=\"#bai-2-ket-qua:~:text=chi\">x</a>")
        // A text with a heading "Top": `#top` is that heading.
        #expect(adapt("<h2 id=\"top\">Top</h2>\n<a href=\"#top\">x</a>") == "<h3 id=\"bai-2-top\">Top</h3>\n<a href=\"#bai-2-top\">x</a>")
        // Ids are told apart by case: `#TOP` is the page's top even beside an id `top`.
        #expect(adapt("<h2 id=\"top\">Top</h2>\n<a href=\"#TOP\">x</a>") == "<h3 id=\"bai-2-top\">Top</h3>\n<a href=\"#bai-2\">x</a>")
        // An old anchor's `name` (HTML written with `unsafe_html`) is an id too: links to it follow.
        #expect(adapt("<a id=\"moi\" name=\"cu\"></a><a href=\"#cu\">x</a>") == "<a id=\"bai-2-moi\" name=\"bai-2-cu\"></a><a href=\"#bai-2-cu\">x</a>")
    }

    @Test func relativeLinksLeadToTheSameFileFromTheEdition() {
        #expect(adapt("<img src=\"../../media/a.jpg\" alt=\"\">") == "<img src=\"../../../../media/a.jpg\" alt=\"\">")
        #expect(adapt("<a href=\"../khac/index.html#y\">b</a>") == "<a href=\"../../../../bai-viet/khac/index.html#y\">b</a>")
        #expect(adapt("<a href=\"tep.pdf?v=2\">b</a>") == "<a href=\"../../../../bai-viet/x/tep.pdf?v=2\">b</a>")
        #expect(adapt("<a href=\"./\">b</a>") == "<a href=\"../../../../bai-viet/x/\">b</a>")
        // No path: the article's page, as a file (from disk a folder is no page).
        #expect(adapt("<a href=\"?trang=2\">b</a>") == "<a href=\"../../../../bai-viet/x/index.html?trang=2\">b</a>")
        for absolute in ["https://vi-du.org/a?b=1&amp;c", "mailto:a@b.vn", "/goc.html", "../../../../ngoai"] {
            #expect(adapt("<a href=\"\(absolute)\">b</a>") == "<a href=\"\(absolute)\">b</a>")
        }
    }

    @Test func aLinkToAnArticleOfTheEditionLeadsToItsPartOfIt() {
        let edition = PrintBody(anchor: "bai-2", articleFolder: ["bai-viet", "x"], root: "../../../../", edition: [
            "x": .init(anchor: "bai-2", hasTopID: false), "khac": .init(anchor: "bai-5", hasTopID: false), "dau": .init(anchor: "bai-7", hasTopID: true),
        ])
        func adapt(_ html: String) -> String { String(decoding: edition.adapt(Array(html.utf8)), as: UTF8.self) }
        for (link, adapted) in [
            ("../khac/index.html", "#bai-5"), ("../khac/", "#bai-5"), ("../khac", "#bai-5"), ("../khac/index.html#y", "#bai-5-y"),
            ("../khac/index.html?trang=2#top", "#bai-5"), ("../khac/#:~:text=abc", "#bai-5:~:text=abc"), ("../khac/index.html#y:~:text=abc", "#bai-5-y:~:text=abc"),
            ("../x/index.html#muc", "#bai-2-muc"), ("../ngoai/index.html#y", "../../../../bai-viet/ngoai/index.html#y"),
            // An article whose text has a heading "Top": `#top` is that heading, as on its page.
            ("../dau/index.html#top", "#bai-7-top"), ("../dau/", "#bai-7"),
            ("../khac/anh.jpg", "../../../../bai-viet/khac/anh.jpg"), ("../../chuyen-muc/khac/index.html", "../../../../chuyen-muc/khac/index.html"),
        ] {
            #expect(adapt("<a href=\"\(link)\">b</a>") == "<a href=\"\(adapted)\">b</a>", "\(link)")
        }
    }

    @Test func textAndOtherAttributesAreCopiedAsTheyAre() {
        let html = "<p>1 &lt; 2 &amp; id=&quot;x&quot;</p>\n<!-- ghi chú -->\n<td align=\"right\" title='a b'>x</td><br>"
        #expect(adapt(html) == html)
        #expect(adapt("<p>cuối <") == "<p>cuối <")
    }

    @Test func runningHeadsAreSafeCSSStrings() {
        #expect(PrintEditionView.cssString("Bản tin \"Xây dựng\" <b> & \\") == "\"Bản tin \\22 Xây dựng\\22  \\3c b\\3e  \\26  \\5c \"")
        #expect(PrintEditionView.cssString("Dòng\nhai") == "\"Dòng\\a hai\"")
    }
}

/// A body rendered for an article's page is handed to its print edition, not rendered again.
@Suite struct SharedBodiesTests {
    @Test func aBodyIsMadeOnceForTwoPagesAndThenLetGo() throws {
        let site = try TestSite(content: "bulletin")
        let (catalog, _) = CatalogLoader.load(content: site.content, displayRoot: "content", includeDrafts: false)
        let graph = SiteGraph(catalog: try #require(catalog))
        let bodies = SharedBodies(graph: graph, articlePages: graph.articles.map { _ in true }, printEditions: graph.months.map { _ in true })
        var made = 0
        let make = { () -> [UInt8] in
            made += 1
            return Array("<p>\(made)</p>".utf8)
        }
        #expect(bodies.body(of: 0, make: make) == Array("<p>1</p>".utf8))
        #expect(bodies.body(of: 0, make: make) == Array("<p>1</p>".utf8), "the second page takes the first one's body")
        #expect(bodies.body(of: 0, make: make) == Array("<p>2</p>".utf8), "and it is not kept after that")
        #expect(made == 2)
    }

    @Test func aBodyShownByOnePageOnlyIsNotKept() throws {
        let site = try TestSite(content: "bulletin")
        let (catalog, _) = CatalogLoader.load(content: site.content, displayRoot: "content", includeDrafts: false)
        let graph = SiteGraph(catalog: try #require(catalog))
        // The edition is kept from an earlier build: the article page renders its own body.
        let bodies = SharedBodies(graph: graph, articlePages: graph.articles.map { _ in true }, printEditions: graph.months.map { _ in false })
        var made = 0
        for _ in 0..<2 { _ = bodies.body(of: 0) { made += 1; return [] } }
        #expect(made == 2)
    }
}
