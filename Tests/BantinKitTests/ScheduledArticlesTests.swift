import Foundation
import Testing

@testable import BantinKit

/// Articles dated after "now" (`BuildOptions.now`, which the command line takes from
/// `SOURCE_DATE_EPOCH`) wait: left out of every page, feed, sitemap, search entry, print edition
/// and "Xem thêm" list until a build runs at or after their date, or published with `--future`.
@Suite struct ScheduledArticlesTests {
    /// "Now" in these tests: 10/06/2023 12:00 in Hà Nội.
    static let now = DateParser.parse("2023-06-10T12:00:00+07:00", in: .vietnam)!.instant
    /// The scheduled article is due an hour later.
    static let due = now + 3600
    static let slug = "khai-mac-hoi-nghi-dien-hinh-tien-tien-toan-tinh"
    static let title = "Khai mạc hội nghị điển hình tiên tiến toàn tỉnh"
    static let page = "public/bai-viet/\(slug)/index.html"
    static let baseURL = "https://vi-du.org/ban-tin/"

    /// The fixture bulletin with an article due an hour after `now`, citing a directive no other
    /// article cites and listed in another article's "Xem thêm".
    func scheduledSite() throws -> TestSite {
        let site = try TestSite(content: "bulletin")
        try site.write(
            "content/articles/2023/06/khai-mac.md",
            article(
                title: Self.title, date: "2023-06-10T13:00:00+07:00",
                extra: "summary: \"Sapo của bài hẹn giờ\"\ndirectives: [\"05-CT/TW\", \"99-QĐ/TW\"]\nthemes: [2023]\n",
                body: "Thân bài hẹn giờ, **chưa đến giờ đăng**."))
        let nearby = "content/articles/2023/05/nghe-an.md"
        try site.write(nearby, try site.read(nearby).replacingOccurrences(of: "related: [", with: "related: [\(Self.slug), "))
        return site
    }

    @discardableResult
    func build(_ site: TestSite, now: Int64, future: Bool = false, baseURL: String? = baseURL, output: URL? = nil) throws -> BuildReport {
        var options = site.options(baseURL: baseURL, output: output)
        options.now = now
        options.includeFuture = future
        return try SiteBuilder.build(options)
    }

    /// The output files (path relative to `public/`) whose text mentions the scheduled article.
    func mentions(in site: TestSite, folder: URL? = nil) throws -> Set<String> {
        let needles = [Self.slug, Self.title, "99-qd-tw"].map { Data($0.utf8) }
        return Set(try site.snapshot(folder).filter { _, bytes in needles.contains { bytes.range(of: $0) != nil } }.keys)
    }

    @Test func anArticleAnHourAheadIsAbsentEverywhere() throws {
        let site = try scheduledSite()
        let report = try build(site, now: Self.now)
        #expect(!site.exists(Self.page))
        #expect(!site.exists("public/van-ban/99-qd-tw/index.html"), "a directive only it cites has no page yet")
        #expect(try mentions(in: site).isEmpty, "no page, feed, sitemap, search entry, print edition or related list names it")
        for file in ["sitemap.xml", "feed.xml", "tim-kiem/chi-muc/muc-luc.js", "luu-tru/2023/06/ban-in/index.html"] {
            #expect(site.exists("public/" + file), "\(file) was written")
        }
        #expect(report.articles == 4)
        #expect(report.schedule?.waiting == 1)
        #expect(report.schedule?.nextDue?.instant == Self.due)
        #expect(!report.diagnostics.contains { $0.severity == .error }, "a related article that is only scheduled is no error")
    }

    @Test func theSummarySaysHowManyWaitAndWhenTheNextIsDue() throws {
        let site = try scheduledSite()
        let report = try build(site, now: Self.now)
        let line = BuildSummary.lines(for: report, output: "public", elapsed: .milliseconds(5))[0]
        #expect(line.contains("; 1 scheduled article waiting, next due 2023-06-10T13:00:00+07:00 (Thứ Bảy, 10/06/2023 13:00)"), "\(line)")
        let early = try build(site, now: Self.now, future: true, output: site.root.appendingPathComponent("future"))
        #expect(BuildSummary.lines(for: early, output: "public", elapsed: .zero)[0].contains("; 1 article dated after now published early (--future)"))
    }

    /// A `menu` category that only the scheduled article has is left out of the navigation until
    /// its date, with a warning at its line saying so; with `--future`, or once due, it is there.
    @Test func aMenuCategoryOnlyTheScheduledArticleHasWaitsWithAWarning() throws {
        let site = try scheduledSite()
        try site.write("content/site.yml", try site.read("content/site.yml").replacingOccurrences(of: "menu: [Xây dựng Đảng,", with: "menu: [Xây dựng Đảng, Tin hẹn giờ,"))
        let file = "content/articles/2023/06/khai-mac.md"
        try site.write(file, try site.read(file).replacingOccurrences(of: "summary:", with: "category: Tin hẹn giờ\nsummary:"))
        let report = try build(site, now: Self.now)
        let warnings = report.diagnostics.filter { $0.file == "content/site.yml" }.map { "\($0.line):\($0.column) \($0.severity) \($0.message)" }
        #expect(warnings == [
            "4:23 warning menu entry `Tin hẹn giờ` is not the category of any published article: only articles scheduled for later have it, and it is left out of the navigation until the first is due, 2023-06-10T13:00:00+07:00 (Thứ Bảy, 10/06/2023 13:00)"
        ], "\(warnings)")
        #expect(!(try site.read("public/index.html").contains("Tin hẹn giờ")))
        let due = try build(site, now: Self.due)
        #expect(!due.diagnostics.contains { $0.file == "content/site.yml" }, "\(due.diagnostics)")
        #expect(try site.read("public/index.html").contains("Tin hẹn giờ"))
    }

    /// `updated` before `date` (a day's date for a change made the day an article was published
    /// at 10:00) is a warning, and read as `date`; one later than now (`2098` for `2023`) is a
    /// warning too.
    @Test func anUpdatedBeforeTheDateOrAfterNowIsAWarning() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/articles/2023/06/sua.md", article(title: "Sửa trong ngày", date: "2023-06-05 10:00", extra: "updated: 2023-06-05\n"))
        try site.write("content/articles/2023/06/nham.md", article(title: "Gõ nhầm năm", date: "2023-06-06 10:00", extra: "updated: 2098-06-06\n"))
        let report = try build(site, now: Self.now, baseURL: Self.baseURL)
        let told = report.diagnostics.filter { $0.file.hasPrefix("content/articles/2023/06/") }.map { "\($0.file):\($0.line) \($0.severity) \($0.message)" }
        #expect(told.sorted() == [
            "content/articles/2023/06/nham.md:4 warning `updated` (2098-06-06T00:00:00+07:00) is later than now: feeds, the sitemap and search engines would say the article changed then; is its year right?",
            "content/articles/2023/06/sua.md:4 warning `updated` (2023-06-05T00:00:00+07:00) is before `date` (2023-06-05T10:00:00+07:00): an article is updated after it is published; write the time of the change too, or leave `updated` out (it is read as `date`)",
        ], "\(told)")
        let page = try site.read("public/bai-viet/sua-trong-ngay/index.html")
        #expect(!page.contains("2023-06-05T00:00:00+07:00"), "never modified before it was published")
    }

    /// A `date` more than a year after now (`2203` typed for `2023`: the article would wait, off
    /// the site, for 180 years) or before 1900 (`1023`) is a warning at its line; an article
    /// scheduled for next month is not.
    @Test func aDateYearsAheadOrBefore1900IsAWarningAtItsLine() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/articles/2023/06/xa.md", article(title: "Năm gõ nhầm", date: "2203-06-06 10:00"))
        try site.write("content/articles/2023/06/cu.md", article(title: "Năm quá cũ", date: "1023-06-06 10:00"))
        try site.write("content/articles/2023/06/sap.md", article(title: "Tháng sau mới đăng", date: "2023-07-06 10:00"))
        // Just past a year ahead, and just short of it; before 1900 by decades, and just after it.
        try site.write("content/articles/2023/06/nam-sau.md", article(title: "Hơn một năm nữa", date: "2024-06-20 10:00"))
        try site.write("content/articles/2023/06/gan-nam.md", article(title: "Gần một năm nữa", date: "2024-06-05 10:00"))
        try site.write("content/articles/2023/06/tk19.md", article(title: "Thế kỷ trước nữa", date: "1850-06-06 10:00"))
        try site.write("content/articles/2023/06/dau-tk.md", article(title: "Đầu thế kỷ", date: "1900-01-02 10:00"))
        let report = try build(site, now: Self.now)
        let told = report.diagnostics.filter { $0.message.contains("is its year right") && $0.message.hasPrefix("`date`") }
            .map { "\($0.file):\($0.line) \($0.severity) \($0.message)" }
        #expect(told.sorted() == [
            "content/articles/2023/06/cu.md:3 warning `date`'s year, 1023, is before 1900: the article would be published under a month of 1023; is its year right?",
            "content/articles/2023/06/nam-sau.md:3 warning `date`'s year, 2024, is more than a year from now: the article would wait, off the site, until 2024-06-20T10:00:00+07:00; is its year right?",
            "content/articles/2023/06/tk19.md:3 warning `date`'s year, 1850, is before 1900: the article would be published under a month of 1850; is its year right?",
            "content/articles/2023/06/xa.md:3 warning `date`'s year, 2203, is more than a year from now: the article would wait, off the site, until 2203-06-06T10:00:00+07:00; is its year right?",
        ], "\(told)")
        // With `--future` it is published now: said so.
        let future = try build(site, now: Self.now, future: true, output: site.root.appendingPathComponent("future"))
        #expect(future.diagnostics.filter { $0.file.hasSuffix("xa.md") && $0.message.hasPrefix("`date`") }.map(\.message) == [
            "`date`'s year, 2203, is more than a year from now: the article is published now only because of --future (builds without it leave it out until 2203-06-06T10:00:00+07:00); is its year right?",
        ])
    }

    @Test func futurePublishesItNow() throws {
        let site = try scheduledSite()
        let report = try build(site, now: Self.now, future: true)
        #expect(site.exists(Self.page))
        #expect(report.articles == 5)
        #expect(report.schedule?.waiting == 0)
        #expect(report.schedule?.publishedEarly == 1)
        try expectEverywhere(site)
    }

    /// Where a published article shows: its page, the home page, the feed, the sitemap, the
    /// search index, its month's print edition, its directive's page and another's "Xem thêm".
    func expectEverywhere(_ site: TestSite) throws {
        let found = try mentions(in: site)
        for file in [
            "/bai-viet/\(Self.slug)/index.html", "/index.html", "/feed.xml", "/sitemap.xml", "/luu-tru/2023/06/ban-in/index.html",
            "/van-ban/99-qd-tw/index.html", "/bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/index.html",
        ] {
            #expect(found.contains(file), "\(file) names the article")
        }
        #expect(found.contains { $0.hasPrefix("/tim-kiem/chi-muc/bai/") }, "its search record names it")
    }

    /// What only the scheduled article uses (its photo, a file its body links to) waits with it,
    /// though the photo is made ahead; what a published article uses too stays published.
    @Test func itsPhotoAndFilesWaitWithIt() throws {
        let site = try scheduledSite()
        try FileManager.default.copyItem(at: site.content.appendingPathComponent("media/hoi-nghi.png"), to: site.content.appendingPathComponent("media/khai-mac.png"))
        try site.write("content/docs/chuong-trinh.pdf", "%PDF-1.4\n")
        let file = "content/articles/2023/06/khai-mac.md"
        try site.write(file, try site.read(file)
            .replacingOccurrences(of: "themes: [2023]\n", with: "themes: [2023]\nimage: media/khai-mac.png\nimage_alt: \"Quang cảnh hội nghị\"\n")
            + "\n[Chương trình](../../../docs/chuong-trinh.pdf) và ![Đại biểu](../../../media/hoi-nghi.png)\n")
        let waiting = ["media/khai-mac.png", "media/khai-mac-64.webp", "docs/chuong-trinh.pdf"]
        let report = try build(site, now: Self.now)
        for path in waiting { #expect(!site.exists("public/" + path), "\(path) waits") }
        #expect(site.exists("public/media/hoi-nghi.png") && site.exists("public/docs/van-ban.pdf"), "what published articles use, or nothing uses, is published")
        #expect(report.photos == 2, "its photo is made ahead: a problem with it shows before its date")
        let line = BuildSummary.lines(for: report, output: "public", elapsed: .milliseconds(5))[0]
        #expect(line.contains("; 1 scheduled article waiting (with 2 files only it uses), next due"), "\(line)")
        #expect(try build(site, now: Self.now + 60).upToDate)
        let later = try build(site, now: Self.due)
        for path in waiting { #expect(site.exists("public/" + path), "\(path) is published at its date") }
        #expect(later.encodedPhotos == 0, "made ahead, the photo is not made again")
        try expectSameAsCleanBuild(site, now: Self.due)
        #expect(try site.read(Self.page).contains("../../media/khai-mac-64.webp"))
    }

    /// A draft's own photo and the files its body alone links to are held back as a scheduled
    /// article's are (published with `--drafts`), also when a published article is taken back
    /// as a draft; what a published article uses too stays published.
    @Test func aDraftsPhotoAndFilesAreHeldBackWithIt() throws {
        let site = try scheduledSite()
        try FileManager.default.copyItem(at: site.content.appendingPathComponent("media/hoi-nghi.png"), to: site.content.appendingPathComponent("media/nhap.png"))
        try site.write("content/docs/bien-ban.pdf", "%PDF-1.4\n")
        let draft = "content/articles/2023/06/nhap.md"
        let drafted = article(
            title: "Bản nháp chưa duyệt", date: "2023-06-08",
            extra: "image: media/nhap.png\nimage_alt: \"Ảnh nháp\"\ndraft: true\n",
            body: "[Biên bản](../../../docs/bien-ban.pdf) và ![Đại biểu](../../../media/hoi-nghi.png)")
        try site.write(draft, drafted)
        let heldBack = ["media/nhap.png", "media/nhap-64.webp", "docs/bien-ban.pdf"]
        let report = try build(site, now: Self.due)
        for path in heldBack { #expect(!site.exists("public/" + path), "\(path) is held back with the draft") }
        #expect(site.exists("public/media/hoi-nghi.png"), "what a published article uses too is published")
        #expect(!report.diagnostics.contains { $0.file == "content/docs/bien-ban.pdf" }, "a file a draft links to is no file that nothing links to")
        let line = BuildSummary.lines(for: report, output: "public", elapsed: .milliseconds(5))[0]
        #expect(!line.contains("waiting"), "no scheduled article: \(line)")

        var preview = site.options(baseURL: Self.baseURL, output: site.root.appendingPathComponent("preview"))
        preview.now = Self.due
        preview.includeDrafts = true
        try SiteBuilder.build(preview)
        for path in heldBack { #expect(FileManager.default.fileExists(atPath: site.root.appendingPathComponent("preview/" + path).path), "\(path) is published with --drafts") }

        // Published, then taken back as a draft: its files go with it.
        try site.write(draft, drafted.replacingOccurrences(of: "draft: true\n", with: ""))
        try build(site, now: Self.due)
        for path in heldBack { #expect(site.exists("public/" + path), "\(path) is published with its article") }
        try site.write(draft, drafted)
        try build(site, now: Self.due)
        for path in heldBack { #expect(!site.exists("public/" + path), "\(path) is taken back with its article") }
        try expectSameAsCleanBuild(site, now: Self.due)
    }

    /// A file named only by a draft's or scheduled article's HTML (`<a href>`, `<img src>`) is
    /// held back with it, whether the site publishes HTML or not; one a published article's HTML,
    /// or a directive's description's, names stays published when the site publishes that HTML.
    @Test(arguments: [false, true])
    func aFileNamedOnlyByUnpublishedHTMLIsHeldBack(unsafeHTML: Bool) throws {
        let site = try scheduledSite()
        if unsafeHTML { try site.write("content/site.yml", try site.read("content/site.yml") + "unsafe_html: true\n") }
        for name in ["mat.pdf", "hen.pdf", "chung.pdf", "mo-ta.pdf"] { try site.write("content/docs/" + name, "%PDF-1.4\n") }
        try site.write("content/directives/05-ct-tw.md", "---\ncode: 05-CT/TW\nkind: Chỉ thị\n---\nToàn văn: <a href=\"../docs/mo-ta.pdf\">bản PDF</a>.\n")
        try site.write("content/articles/2023/06/nhap.md", article(title: "Bản nháp", date: "2023-06-08", extra: "draft: true\n", body: "<a href=\"../../../docs/mat.pdf?v=2\">Biên bản</a>"))
        let scheduled = "content/articles/2023/06/khai-mac.md"
        try site.write(
            scheduled,
            try site.read(scheduled) + "\n<p><a href=\"/docs/hen.pdf\">Chương trình</a> <a href=\"/docs/mo-ta.pdf\">Chỉ thị</a></p>\n\n[Chung](../../../docs/chung.pdf)\n")
        try site.write("content/articles/2023/06/cong-khai.md", article(title: "Bài công khai", date: "2023-06-07", body: "Tài liệu kèm theo: <img src=\"../../../docs/chung.pdf\" alt=\"x\">"))
        try build(site, now: Self.now)
        #expect(!site.exists("public/docs/mat.pdf") && !site.exists("public/docs/hen.pdf"), "held back")
        // HTML a published text shows names a file for its readers; HTML left out of its page does not.
        #expect(site.exists("public/docs/chung.pdf") == unsafeHTML, "a published article's HTML names it")
        #expect(site.exists("public/docs/mo-ta.pdf") == unsafeHTML, "a directive's description names it in its HTML")
        try build(site, now: Self.due)
        #expect(site.exists("public/docs/hen.pdf") && !site.exists("public/docs/mat.pdf"))
        try expectSameAsCleanBuild(site, now: Self.due)
    }

    @Test func itAppearsWhenNowPassesItThoughNoFileChanged() throws {
        let site = try scheduledSite()
        try build(site, now: Self.now)
        #expect(try build(site, now: Self.now + 60).upToDate, "a minute later, nothing is due: the output is up to date")
        let later = try build(site, now: Self.due)
        #expect(!later.upToDate, "at its date the article is due, though no file changed")
        #expect(later.schedule?.waiting == 0)
        #expect(site.exists(Self.page))
        try expectEverywhere(site)
        try expectSameAsCleanBuild(site, now: Self.due)
        #expect(try build(site, now: Self.due + 60).upToDate)
    }

    /// An article dated more than a year after now is a warning (a slip of the year's digits):
    /// when "now" moves across that line with no file changed, the build is not up to date but
    /// tells what a clean build tells (with `--strict`, fails as it does).
    @Test func nowMovingAcrossAYearBeforeAnArticleIsNoUpToDateBuild() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/articles/2024/xa.md", article(title: "Bài năm sau", date: "2024-07-01T08:00:00+07:00"))
        let line = DateParser.parse("2024-07-01T08:00:00+07:00", in: .vietnam)!.instant - 366 * 86_400
        func warned(_ report: BuildReport) -> Bool { report.diagnostics.contains { $0.message.hasPrefix("`date`'s year, 2024, is more than a year from now") } }
        #expect(warned(try build(site, now: line - 60)))
        let after = try build(site, now: line + 60)
        #expect(!after.upToDate && !warned(after), "\(after.diagnostics)")
        #expect(try build(site, now: line + 120).upToDate)
        let back = try build(site, now: line - 60)
        #expect(!back.upToDate && warned(back))
        try build(site, now: line + 60)
        var strict = site.options(baseURL: Self.baseURL)
        strict.now = line - 60
        strict.strict = true
        #expect(throws: BuildFailure.self) { try SiteBuilder.build(strict) }
    }

    /// The site's share image is shown by every page: it is published whatever articles use it,
    /// a scheduled one or a draft as its own photo too.
    @Test func theShareImageIsPublishedThoughAScheduledArticleUsesIt() throws {
        let site = try scheduledSite()
        try site.write("content/media/bia.png", bytes: [UInt8](try Data(contentsOf: site.root.appendingPathComponent("content/media/hoi-nghi.png"))))
        try site.write("content/site.yml", try site.read("content/site.yml") + "share_image: media/bia.png\n")
        let scheduled = "content/articles/2023/06/khai-mac.md"
        try site.write(scheduled, try site.read(scheduled).replacingOccurrences(of: "themes: [2023]\n", with: "themes: [2023]\nimage: media/bia.png\nimage_alt: Hội nghị\n"))
        let report = try build(site, now: Self.now)
        #expect(report.schedule?.waiting == 1 && report.schedule?.waitingFiles == 0, "\(String(describing: report.schedule))")
        // Every page shows it, by a file the build wrote.
        let shown = try #require(try site.read("public/index.html").firstMatch(of: /og:image" content="([^"]+)"/)?.output.1)
        #expect(shown.hasPrefix(Self.baseURL + "media/bia"), "\(shown)")
        #expect(site.exists("public/" + shown.dropFirst(Self.baseURL.count)), "\(shown)")
    }

    /// A published article that links by file to the scheduled one: the link is text (with a
    /// warning at its place) until the scheduled article's date, then a link, with no file changed.
    @Test func aLinkToAScheduledArticleIsTextUntilItsDate() throws {
        let site = try scheduledSite()
        let linker = "content/articles/2023/06/bai-lien-ket.md"
        try site.write(linker, article(title: "Bài dẫn tới bài hẹn giờ", date: "2023-06-09", body: "Đọc [bài khai mạc](khai-mac.md#ket-luan) ngày mai.\n\n## Kết luận\n"))
        try site.write(
            "content/articles/2023/06/khai-mac.md",
            try site.read("content/articles/2023/06/khai-mac.md") + "\n## Kết luận\n\nHết.\n")
        let page = "public/bai-viet/bai-dan-toi-bai-hen-gio/index.html"
        let report = try build(site, now: Self.now)
        let warning = try #require(report.diagnostics.first { $0.file == linker })
        #expect(warning.severity == .warning)
        #expect(warning.message.contains("`khai-mac.md` is scheduled for 2023-06-10T13:00:00+07:00"))
        #expect((warning.line, warning.column) == (5, 5), "at the link")
        #expect(try site.read(page).contains("Đọc bài khai mạc ngày mai."), "the link's text, without a link")
        #expect(try mentions(in: site).isEmpty)
        #expect(LinkChecker.check(folder: site.output, baseURL: Self.baseURL).broken == [], "bantin check agrees with the build")
        try build(site, now: Self.due)
        #expect(try site.read(page).contains("Đọc <a href=\"../../bai-viet/\(Self.slug)/index.html#ket-luan\">bài khai mạc</a> ngày mai."))
        try expectSameAsCleanBuild(site, now: Self.due)
        let early = try build(site, now: Self.now, future: true, output: site.root.appendingPathComponent("early"))
        #expect(!early.diagnostics.contains { $0.file == linker }, "with --future it is linked at once")
    }

    @Test func aNowBeforeAnArticlePublishedEarlierTakesItAwayAgain() throws {
        let site = try scheduledSite()
        try build(site, now: Self.due)
        let earlier = try build(site, now: Self.now)
        #expect(!earlier.upToDate)
        #expect(!site.exists(Self.page))
        try expectSameAsCleanBuild(site, now: Self.now)
    }

    @Test func twoBuildsWithTheSameNowAreByteIdentical() throws {
        let site = try scheduledSite()
        let first = site.root.appendingPathComponent("first"), second = site.root.appendingPathComponent("second")
        try build(site, now: Self.now, output: first)
        try build(site, now: Self.now, output: second)
        #expect(try site.snapshot(first) == site.snapshot(second))
        #expect(try !site.snapshot(first).isEmpty)
    }

    @Test func nowDecidesNothingElse() throws {
        let site = try scheduledSite()
        let soon = site.root.appendingPathComponent("soon"), months = site.root.appendingPathComponent("months")
        try build(site, now: Self.now, output: soon)
        // Days earlier, after the latest published article: the same articles, so the same bytes.
        try build(site, now: DateParser.parse("2023-06-05T00:00:00+07:00", in: .vietnam)!.instant, output: months)
        #expect(try site.snapshot(soon) == site.snapshot(months))
    }

    @Test func theScheduleIsKeptWithTheReport() throws {
        var report = BuildReport(articles: 1, pages: 2, files: 3, searchIndexBytes: 4, diagnostics: [.warning("a.md", line: 2, "w")], notes: ["n"])
        report.schedule = PublicationSchedule(
            waiting: 2, publishedEarly: 0, nextDue: LocalDateTime(instant: Self.due, offset: 25200), latestPublished: 77, latestUpdated: 80, nextUpdated: 90)
        report.schedule?.waitingDates = [LocalDateTime(instant: Self.due, offset: 25200), LocalDateTime(instant: Self.due + 60, offset: -18000)]
        report.schedule?.laterUpdates = [90, 95]
        let read = try #require(BuildReport(saved: report.saved))
        #expect(read.schedule == report.schedule)
        // As a bantin before the lists saved it: read, without them.
        let older = report.saved.split(separator: "\n").map { line in
            line.hasPrefix(PublicationSchedule.savedName + "\t") ? line.split(separator: "\t", omittingEmptySubsequences: false).dropLast(2).joined(separator: "\t") : String(line)
        }.joined(separator: "\n")
        #expect(BuildReport(saved: older)?.schedule?.nextDue == report.schedule?.nextDue)
        #expect(BuildReport(saved: older)?.schedule?.waitingDates == [])
        #expect(read.diagnostics == report.diagnostics)
        #expect(read.notes == ["n"])
        report.schedule = PublicationSchedule()
        #expect(BuildReport(saved: report.saved)?.schedule == PublicationSchedule())
        report.schedule = nil
        #expect(BuildReport(saved: report.saved)?.schedule == nil, "a report without a schedule is never up to date")
    }

    @Test func theSameArticlesArePublishedBetweenTheLatestAndTheNextDate() {
        let schedule = PublicationSchedule(waiting: 1, nextDue: LocalDateTime(instant: 200, offset: 0), latestPublished: 100)
        #expect(schedule.publishesSame(at: 100))
        #expect(schedule.publishesSame(at: 199))
        #expect(!schedule.publishesSame(at: 200))
        #expect(!schedule.publishesSame(at: 99))
        #expect(PublicationSchedule().publishesSame(at: .min))
        let updates = PublicationSchedule(latestPublished: 100, latestUpdated: 150, nextUpdated: 300)
        #expect(updates.publishesSame(at: 150) && updates.publishesSame(at: 299))
        #expect(!updates.publishesSame(at: 149) && !updates.publishesSame(at: 300))
    }

    /// When `bantin watch` builds by itself: the first moment a build would publish otherwise,
    /// the moment `publishesSame` stops being true going forward.
    @Test func theNextChangeIsTheFirstDueArticleOrUpdate() {
        let schedule = PublicationSchedule(waiting: 1, nextDue: LocalDateTime(instant: 200, offset: 0), latestPublished: 100, nextUpdated: 300)
        #expect(schedule.nextChange(after: 100) == 200)
        #expect(schedule.publishesSame(at: 199) && !schedule.publishesSame(at: 200))
        #expect(PublicationSchedule(latestPublished: 100, nextUpdated: 300).nextChange(after: 150) == 300)
        #expect(PublicationSchedule(waiting: 1, nextDue: LocalDateTime(instant: 200, offset: 0), nextUpdated: 150).nextChange(after: 100) == 150)
        // With `--future` nothing waits: a due date passing changes no page.
        #expect(PublicationSchedule(publishedEarly: 1, nextDue: LocalDateTime(instant: 200, offset: 0)).nextChange(after: 100) == nil)
        // Asked about a "now" past every date (a fixed SOURCE_DATE_EPOCH later than them), nothing.
        #expect(schedule.nextChange(after: 300) == nil)
        #expect(PublicationSchedule().nextChange(after: 0) == nil)
        // Each waiting article's date and each later update, past the first: as the articles give them.
        let articles = ([(400, nil), (200, nil), (400, nil), (50, 300), (60, 500)] as [(Int64, Int64?)]).map { date, updated in
            var fields = ArticleFields()
            fields.date = LocalDateTime(instant: date, offset: 0)
            fields.updated = updated.map { LocalDateTime(instant: $0, offset: 0) }
            return Article(file: "a.md", fields: fields, slug: Slug(from: "bai")!, body: "")
        }
        let split = PublicationSchedule.split(articles, now: 100, includeFuture: false).schedule
        #expect(split.waitingDates.map(\.instant) == [200, 400] && split.laterUpdates == [300, 500])
        #expect([100, 200, 300, 400, 500].map { split.nextChange(after: $0) } == [200, 300, 400, 500, nil])
        #expect(split.waitingDate(at: 400)?.instant == 400 && split.waitingDate(at: 300) == nil)
        #expect(PublicationSchedule.split(articles, now: 100, includeFuture: true).schedule.nextChange(after: 200) == 300, "with `--future` nothing waits")
    }

    /// "Up to date" repeats the last build's warnings: it must not when "now" has moved past an
    /// `updated` date, forward or back, for the warning of an `updated` later than now comes or
    /// goes with it. Each build warns as a clean build at its "now" does.
    @Test func anUpdatedDateBetweenTwoNowsMakesTheBuildRunAgain() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/articles/2023/05/cap-nhat.md", article(title: "Bài có cập nhật", date: "2023-05-20T09:00:00+07:00", extra: "updated: 2025-03-01\n"))
        let march = DateParser.parse("2025-03-01T00:00:00+07:00", in: .vietnam)!.instant
        func warned(_ report: BuildReport) -> Bool { report.diagnostics.contains { $0.message.contains("is later than now") } }
        for (now, warning) in [(march + 90 * 86400, false), (march - 60 * 86400, true), (march - 30 * 86400, true), (march + 86400, false)] {
            let report = try build(site, now: now)
            #expect(warned(report) == warning, "at \(now): \(report.diagnostics)")
            let clean = try build(site, now: now, output: site.root.appendingPathComponent("clean-\(now)"))
            #expect(report.diagnostics == clean.diagnostics)
        }
        // Between the same two dates, nothing changed: the build is up to date.
        #expect(try build(site, now: march + 2 * 86400).upToDate)
    }

    @Test(arguments: [
        (["SOURCE_DATE_EPOCH": "1686373200"], Int64(1_686_373_200)), (["SOURCE_DATE_EPOCH": ""], Int64(42)), ([:], Int64(42)),
        (["SOURCE_DATE_EPOCH": "0"], Int64(0)), (["SOURCE_DATE_EPOCH": "253402300799"], Int64(253_402_300_799)),
    ])
    func nowIsSourceDateEpochElseTheClock(environment: [String: String], expected: Int64) throws {
        #expect(try PublicationTime.now(environment: environment, clock: { Date(timeIntervalSince1970: 42.9) }) == expected)
    }

    @Test(arguments: ["soon", "-5", "1.5", " 12", "1e9", "99999999999999999999"])
    func aSourceDateEpochThatIsNotWholeSecondsIsRefused(value: String) {
        #expect(throws: PublicationTime.Invalid(value: value)) { try PublicationTime.now(environment: ["SOURCE_DATE_EPOCH": value]) }
    }

    /// Milliseconds (`date +%s%3N`, `Date.now()`) would be a "now" 50,000 years ahead, which
    /// publishes every scheduled article: after the year 9999, the value is refused and says why.
    @Test(arguments: ["1686373200000", "253402300800"])
    func aSourceDateEpochInMillisecondsIsRefused(value: String) {
        #expect(throws: PublicationTime.Invalid(value: value, milliseconds: true)) { try PublicationTime.now(environment: ["SOURCE_DATE_EPOCH": value]) }
        #expect(PublicationTime.Invalid(value: value, milliseconds: true).description.contains("after the year 9999: milliseconds?"))
    }

    /// A front-matter key meant to keep an article out (`Draft`, or another generator's
    /// `published: false`, `status: draft`) is an error: ignored, it would publish the article.
    @Test(arguments: [
        "Draft: true", "drafts: true", "published: false", "Status: draft", "hidden: true", "nháp: true", "is_draft: true",
        // WordPress's, from a migration's export.
        "post_status: draft", "post_status: private", "status: trash", "visibility: private", "post_status: pending",
        // Hugo's.
        "headless: true", "_build: {render: never, list: never}", "_build:\n  render: false",
    ])
    func aKeyMeantToHoldTheArticleBackIsAnError(line: String) throws {
        let site = try TestSite(content: "bulletin")
        let file = "content/articles/2023/06/nhap.md"
        try site.write(file, article(title: "Bản nháp chưa duyệt", date: "2023-06-08", extra: line + "\n"))
        let told = try #require(site.failingBuild().first { $0.file == file })
        #expect(told.severity == .error && told.line == 4, "\(told)")
        #expect(told.message.hasSuffix("would not keep this text out of the site: bantin would publish it; write `draft: true` to keep it out, or delete this line"))
        #expect(!site.exists("public/bai-viet/ban-nhap-chua-duyet/index.html"))
    }

    /// The same keys saying to publish (or something else) are only unknown: a warning.
    @Test(arguments: ["status: published", "status: \"Đang cập nhật\"", "published: true", "Draft: false", "hidden: false", "post_status: publish", "visibility: public", "post_status: future", "status: archived",
        "headless: false", "_build: {render: always}", "publishDate: 2023-06-01", "publishDate: 2023-06-08"])
    func aKeyThatHoldsNothingBackIsOnlyAnUnknownField(line: String) throws {
        let site = try TestSite(content: "bulletin")
        let file = "content/articles/2023/06/nhap.md"
        try site.write(file, article(title: "Bản nháp chưa duyệt", date: "2023-06-08", extra: line + "\n"))
        let report = try site.build()
        let key = String(line.prefix { $0 != ":" })
        #expect(report.diagnostics.contains { $0.file == file && $0.severity == .warning && $0.message.hasPrefix("unknown field `\(key)` is ignored") }, "\(report.diagnostics)")
        #expect(site.exists("public/bai-viet/ban-nhap-chua-duyet/index.html"))
    }

    /// Another generator's dates that would hold an article back after its `date` (Hugo's
    /// `publishDate`) or take it down (`expiryDate`, in the past or not) are errors that say what
    /// bantin does instead: ignored, the article would be published at once and for good.
    @Test(arguments: [
        ("publishDate: 2023-07-01", "would not keep this text waiting: bantin publishes an article at its `date`, which is earlier; write this date as `date:`"),
        ("publishdate: 2023-06-08T17:00:00+07:00", "would not keep this text waiting"),
        ("expiryDate: 2023-06-30", "would not take this text down at its date: bantin publishes an article until it is deleted or marked `draft: true`"),
        ("expiryDate: 2099-01-01", "would not take this text down at its date"),
    ])
    func anotherGeneratorsDateThatWouldHoldTheArticleBackOrTakeItDownIsAnError(line: String, said: String) throws {
        let site = try TestSite(content: "bulletin")
        let file = "content/articles/2023/06/hen.md"
        try site.write(file, article(title: "Bài hẹn giờ", date: "2023-06-08", extra: line + "\n"))
        let told = try #require(site.failingBuild().first { $0.file == file })
        #expect(told.severity == .error && told.line == 4 && told.message.contains(said), "\(told)")
    }

    /// A clean build at `now` into another folder gives the output's bytes.
    func expectSameAsCleanBuild(_ site: TestSite, now: Int64, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let clean = site.root.appendingPathComponent("clean-\(UUID().uuidString)")
        try build(site, now: now, output: clean)
        #expect(try site.differences(from: clean) + site.fingerprintProblems() == [], "the incremental build equals a clean one", sourceLocation: sourceLocation)
    }
}
