import Foundation
import Testing

@testable import BantinKit

/// Links between texts: directive mentions, links by file, and links that lead nowhere, each
/// reported at its line and column, on whole builds.
@Suite struct BodyLinkTests {
    static let ngheAn = "public/bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/index.html"
    static let tienGiang = "bai-viet/hoc-va-lam-theo-bac-tien-giang-nhan-rong-dien-hinh-tien-tien/index.html"

    /// The rendered body of an article page.
    static func body(of page: String) -> String {
        page.components(separatedBy: "<div class=\"story-body prose\">").dropFirst().first?.components(separatedBy: "</div>").first ?? ""
    }

    /// The fixture bulletin with one more article, `content/articles/2023/bai.md`, whose body
    /// starts at line 5 of its file.
    static func site(withBody body: String, extra: String = "") throws -> TestSite {
        let site = try TestSite(content: "bulletin")
        try site.write("content/articles/2023/bai.md", article(title: "Bài thử liên kết", date: "2023-07-01", extra: extra, body: body))
        return site
    }

    @Test func theFirstMentionLinksToTheDirectiveAndAnUnlistedCodeIsAWarningAtItsPlace() throws {
        let site = try TestSite(content: "bulletin")
        let report = try site.build()
        let body = Self.body(of: try site.read(Self.ngheAn))
        #expect(body.contains("theo Kết luận <a href=\"../../van-ban/21-kl-tw/index.html\">21-KL/TW</a>, như"))
        let warning = try #require(report.diagnostics.first { $0.message.contains("did you mean to add \"21-KL/TW\" to directives?") })
        #expect(warning.severity == .warning && warning.file == "content/articles/2023/05/nghe-an.md")
        #expect((warning.line, warning.column) == (16, 39))
        #expect(warning.message.contains("`directives: [\"05-CT/TW\", \"21-KL/TW\"]`"))
        // The directive's page lists the article apart from those about it.
        let directive = try site.read("public/van-ban/21-kl-tw/index.html")
        let parts = directive.components(separatedBy: "<section class=\"mentions\"")
        #expect(parts.count == 2)
        #expect(parts[0].contains("Quảng Ninh tự phê bình") && !parts[0].contains("Nghệ An: chi bộ"))
        #expect(parts[1].contains("<a href=\"../../bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/index.html\">Nghệ An: chi bộ làm theo Bác từ việc nhỏ</a>"))
        #expect(directive.contains("<dt>Bài có nhắc đến</dt><dd>1</dd>"))
    }

    @Test func mentionsInCodeLinksAndHeadingsAreLeftAlone() throws {
        let markdown = "## Theo Kết luận 01-KL/TW\n\n`01-KL/TW`, [01-KL/TW](https://example.org), rồi Kết luận 01-KL/TW, lại 01-KL/TW và Chỉ thị số 05-CT/TW.\n"
        let site = try Self.site(withBody: markdown, extra: "directives: [\"01-KL/TW\", \"05-CT/TW\"]\n")
        let report = try site.build()
        #expect(!report.diagnostics.contains { $0.file.hasSuffix("bai.md") })
        let body = Self.body(of: try site.read("public/bai-viet/bai-thu-lien-ket/index.html"))
        #expect(body.contains("<h2 id=\"theo-ket-luan-01-kl-tw\">Theo Kết luận 01-KL/TW</h2>"))
        #expect(body.contains("<code>01-KL/TW</code>, <a href=\"https://example.org\">01-KL/TW</a>, rồi Kết luận <a href=\"../../van-ban/01-kl-tw/index.html\">01-KL/TW</a>, lại 01-KL/TW và Chỉ thị số <a href=\"../../van-ban/05-ct-tw/index.html\">05-CT/TW</a>."))
    }


    /// A link by the bulletin's own full address (pasted from the published site) is resolved as
    /// `bantin check --base-url` resolves it: one to no page, or to an id its page lacks, is an
    /// error at its place and the site before stays; one that resolves builds. Without a base URL
    /// no address is the site's own.
    /// A build refused for another error tells the links by the site's own address a whole build
    /// would: one to a file that only a scheduled article uses (it waits with it), and those of a
    /// text refused for an error in its front matter.
    @Test func aRefusedBuildChecksLinksByTheSitesAddressAsAWholeBuildWould() throws {
        let base = DiscoveryTests.base
        let site = try Self.site(withBody: "Xem [tài liệu](\(base)docs/hen.pdf).\n")
        try site.write("content/docs/hen.pdf", "%PDF-1.4\n")
        try site.write("content/articles/2023/hen.md", article(title: "Bài hẹn", date: "2099-01-01", body: "[Tài liệu](../../docs/hen.pdf)\n"))
        var options = site.options(baseURL: base)
        options.now = 1_700_000_000
        let whole = site.failingBuild(options).filter { $0.file.hasSuffix("bai.md") }.map { "\($0.line):\($0.column) \($0.severity)" }
        #expect(whole == ["5:5 error"], "\(whole)")
        try site.write("content/articles/2023/hong.md", article(title: "Bài hỏng", date: "2023-13-01", body: "[Tệp](\(base)media/khong-co.pdf)\n"))
        let told = site.failingBuild(options).map { "\($0.file):\($0.line):\($0.column) \($0.severity)" }
        #expect(told.contains("content/articles/2023/bai.md:5:5 error"), "\(told)")
        #expect(told.contains("content/articles/2023/hong.md:5:1 error"), "\(told)")
    }

    /// A bulletin that publishes HTML written in its texts (`unsafe_html`) checks an `<a href>` by
    /// its own address as it checks a Markdown link: one to no page is an error at the tag, in an
    /// article and in one refused for its front matter alike. Without `unsafe_html` the page
    /// leaves the HTML out, and nothing is told of its address.
    @Test func aLinkWrittenInHTMLByTheSitesOwnAddressIsCheckedWhenThePageKeepsIt() throws {
        let base = DiscoveryTests.base
        let body = "Đoạn đầu.\n\nXem <a href=\" \(base)bai-viet/bai-da-go/ \">bài cũ</a>, <a href=\"\(base)feed.xml\">tin</a> và <a href=\"https://example.com/x/\">nơi khác</a>.\n"
        let site = try Self.site(withBody: body)
        let settings = try site.read("content/site.yml")
        try site.write("content/site.yml", settings + "unsafe_html: true\n")
        let told = site.failingBuild(baseURL: base).filter { $0.severity == .error }
        #expect(told.map { "\($0.file):\($0.line):\($0.column)" } == ["content/articles/2023/bai.md:7:5"], "\(told)")
        #expect(told.first?.message.contains("`\(base)bai-viet/bai-da-go/` is an address on this bulletin's own site") == true, "\(told)")
        try site.write("content/articles/2023/hong.md", article(title: "Bài hỏng", date: "2023-13-01", body: "<a href=\"\(base)media/khong-co.pdf\">Tệp</a>\n"))
        let refused = site.failingBuild(baseURL: base).map { "\($0.file):\($0.line):\($0.column) \($0.severity)" }
        #expect(refused.contains("content/articles/2023/hong.md:5:1 error"), "\(refused)")
        try site.remove("content/articles/2023/hong.md")
        try site.write("content/site.yml", settings)
        let report = try site.build(baseURL: base)
        #expect(!report.diagnostics.contains { $0.severity == .error }, "\(report.diagnostics)")
        #expect(!(try site.read("public/bai-viet/bai-thu-lien-ket/index.html")).contains("bai-da-go"))
    }

    /// A fragment names an element as a browser finds it: the id as the address holds the
    /// fragment (percent-encoded: `#fn-ghi-chú` is `#fn-ghi-ch%C3%BA`, cmark-gfm's footnote id),
    /// then the id percent-decoded.
    @Test func aFragmentNamesTheElementABrowserFinds() {
        func resolve(_ link: String, ids: Set<String>) -> String? {
            LinkChecker.resolve(link, from: "a.html", existing: ["a.html"], idsByPage: ["a.html": ids], baseURL: nil)
        }
        #expect(resolve("#fn-ghi-chú", ids: ["fn-ghi-ch%C3%BA"]) == nil)
        #expect(resolve("#fn-ghi-ch%C3%BA", ids: ["fn-ghi-ch%C3%BA"]) == nil)
        #expect(resolve("#fn-ghi-ch%C3%BA", ids: ["fn-ghi-chú"]) == nil)
        #expect(resolve("#m%E1%BB%A5c 1", ids: ["mục 1"]) == nil)
        #expect(resolve("#fn-ghi-chu", ids: ["fn-ghi-ch%C3%BA"]) == "no element with id \"fn-ghi-chu\"")
    }

    /// An id written with a character reference (`id="hoi&amp;dap"`, `id="caf&eacute;"`) is the
    /// one a browser reads (`hoi&dap`, `café`): in an HTML file of `content/` and in a page alike.
    @Test func anIdWrittenWithAReferenceIsTheOneABrowserReads() throws {
        let site = try Self.site(withBody: "[Hỏi đáp](../../media/hd.html#hoi&dap), [quán](../../media/hd.html#caf%C3%A9), [không có](../../media/hd.html#hoi-dap).\n")
        try site.write("content/media/hd.html", "<!doctype html><title>Hỏi đáp</title><h2 id=\"hoi&amp;dap\">Hỏi &amp; đáp</h2><h2 id=\"caf&eacute;\">Quán</h2>\n")
        let refused = site.failingBuild().filter { $0.file.hasSuffix("bai.md") }
        #expect(refused.map { "\($0.line):\($0.column)" } == ["5:80"], "\(refused)")
        // Old pages' ways too: a name without `;`, a number Windows-1252 reads, a name in capitals.
        try site.write("content/media/cu.html", "<!doctype html><title>Cũ</title><h2 id=\"n&eacute\">N</h2><h2 id=\"x&#150;y\">X</h2><h2 id=\"AT&AMP;T\">A</h2>\n")
        try site.write("content/articles/2023/bai.md", article(title: "Bài thử liên kết", date: "2023-07-01", body: "[Hỏi đáp](../../media/hd.html#hoi&dap), [quán](../../media/hd.html#caf%C3%A9), "
            + "[cũ](../../media/cu.html#n%C3%A9), [gạch](../../media/cu.html#x%E2%80%93y), [AT](../../media/cu.html#AT&T).\n"))
        let report = try site.build()
        #expect(!report.diagnostics.contains { $0.severity == .error }, "\(report.diagnostics)")
        #expect(LinkChecker.check(folder: site.output).broken == [])
    }

    /// A reference reads as Markdown reads it in a body's text, and as a browser does in HTML: a
    /// number needs no `;` there, may have any count of digits, and one of 128–159 is what
    /// Windows-1252 has there; the oldest names need no `;` (but in a value, before a letter,
    /// digit or `=`).
    @Test func aReferenceReadsAsItsReaderReadsIt() {
        func read(_ text: String, _ reading: HTMLReference.Reading) -> String? {
            Array(text.utf8).withUnsafeBufferPointer { bytes in
                HTMLReference.at(bytes, reading: reading).map { "\(String(decoding: $0.0, as: UTF8.self))/\($0.1)" }
            }
        }
        #expect(read("&#115cript", .htmlText) == "s/5" && read("&#115cript", .markdown) == nil)
        #expect(read("&#x0000000073;", .attributeValue) == "s/14" && read("&#x0000000073;", .markdown) == nil)
        #expect(read("&#x1EA1;", .markdown) == "ạ/8" && read("&eacute;x", .markdown) == "é/8" && read("&eacute x", .markdown) == nil)
        #expect(read("&#0;", .markdown) == "\u{FFFD}/4" && read("&#xD800;", .htmlText) == "\u{FFFD}/8" && read("&xyz;", .htmlText) == nil && read("&notaname;", .attributeValue) == nil)
        #expect(read("&#150;", .htmlText) == "–/6" && read("&#x93;", .attributeValue) == "“/6" && read("&#150;", .markdown) == "\u{96}/6" && read("&#x81;", .htmlText) == "\u{81}/6")
        #expect(read("&AMP;", .markdown) == "&/5" && read("&Eacute;", .htmlText) == "É/8")
        #expect(read("&copy 2024", .htmlText) == "©/5" && read("&eacute", .attributeValue) == "é/7" && read("&notit;", .htmlText) == "¬/4")
        #expect(read("&copy=2", .attributeValue) == nil && read("&copyx", .attributeValue) == nil && read("&copyx", .htmlText) == "©/5")
        #expect(HTMLReference.decode("java&#115cript:a&amp;b &nbsp;&unknown; &") == "javascript:a&b \u{A0}&unknown; &")
        #expect(HTMLReference.decode("?a=1&copy=2&not") == "?a=1&copy=2¬" && HTMLReference.decode("&copy=2", reading: .htmlText) == "©=2")
    }

    @Test func aLinkByTheSitesOwnAddressIsCheckedAtItsPlace() throws {
        let base = DiscoveryTests.base
        let quangNinh = "\(base)bai-viet/quang-ninh-tu-phe-binh-theo-ket-luan-21-kl-tw/"
        let site = try Self.site(withBody: "Xem [bài](\(quangNinh)#ket-qua-tu-phe-binh), [trang](\(quangNinh)index.html), "
            + "[mục](\(base)chuyen-muc/hoc-va-lam-theo-bac/), [tin](\(base)feed.xml), [tìm](\(base)tim-kiem/?q=dang) và [nơi khác](https://example.com/khong-co/); "
            // The browser's own fragments: the page's top, a highlighted text ("Copy link to highlight").
            + "[đầu](\(quangNinh)#top), [đoạn](\(quangNinh)#:~:text=N%E1%BB%99i%20dung), [mục](05/tien-giang.md#top), "
            + "[đoạn của mục](05/tien-giang.md#ket-qua-noi-bat:~:text=chi%20b%E1%BB%99).\n")
        try site.build(baseURL: base)
        #expect(LinkChecker.check(folder: site.output, baseURL: base).broken == [])
        let before = try site.read("public/index.html")

        try site.write("content/articles/2023/bai.md", article(title: "Bài thử liên kết", date: "2023-07-01",
            body: "Đoạn.\n\n[Bài đã gỡ](\(base)bai-viet/bai-da-go/) và [mục](\(quangNinh.replacingOccurrences(of: "https://example.org", with: "HTTPS://Example.ORG"))#khong-co).\n"))
        let told = site.failingBuild(baseURL: base).filter { $0.file.hasSuffix("bai.md") }
        #expect(told.map { "\($0.line):\($0.column)" } == ["7:1", "7:64"], "\(told)")
        #expect(told.first?.message.contains("`\(base)bai-viet/bai-da-go/` is an address on this bulletin's own site") == true)
        #expect(told.first?.message.contains("the site has no page or file there") == true)
        #expect(told.last?.message.contains("has no element with id \"khong-co\"") == true, "\(told)")
        #expect(try site.read("public/index.html") == before)
        // The same address with `http://`, as an old site's posts link to it, is the same site.
        let http = base.replacingOccurrences(of: "https://", with: "http://")
        try site.write("content/articles/2023/cu.md", article(title: "Bài cũ", date: "2023-07-02", body: "[Bài cũ](\(http)2019/05/hoi-nghi/) và [bài](\(http)bai-viet/quang-ninh-tu-phe-binh-theo-ket-luan-21-kl-tw/).\n"))
        let old = site.failingBuild(baseURL: base).filter { $0.file.hasSuffix("cu.md") }
        #expect(old.map { "\($0.line):\($0.column)" } == ["5:1"] && old.first?.message.contains("the site has no page or file there") == true, "\(old)")
        try site.remove("content/articles/2023/cu.md")
        // Told with the build's other errors, not only once those are fixed (its page's ids unknown
        // then): as a warning, since a text refused for its errors may be the page it names.
        try site.write("content/articles/2023/hong.md", article(title: "Bài hỏng", date: "2023-13-01"))
        let withOthers = site.failingBuild(baseURL: base)
        #expect(withOthers.contains { $0.file.hasSuffix("hong.md") && $0.severity == .error })
        let meanwhile = withOthers.filter { $0.file.hasSuffix("bai.md") }
        #expect(meanwhile.map { "\($0.line):\($0.column) \($0.severity)" } == ["7:1 warning"], "\(withOthers)")
        #expect(meanwhile.first?.message.hasSuffix("a text refused for its errors may make that page; told again once they are fixed)") == true)
        try site.remove("content/articles/2023/hong.md")
        try site.build()

        // A scheduled article's is told today, as a warning: its own page, its month's, a new
        // category's are made only on its day, when it is checked again.
        try site.write("content/articles/2023/bai.md", article(title: "Bài thử liên kết", date: "2024-07-01", body: "[Bài đã gỡ](\(base)bai-viet/bai-da-go/), [bài này](\(base)bai-viet/bai-thu-lien-ket/).\n"))
        var options = site.options(baseURL: base)
        options.now = 1_700_000_000
        let scheduled = try SiteBuilder.build(options).diagnostics.filter { $0.file.hasSuffix("bai.md") }
        // (Published before, it is told too that it leaves the site until its new date.)
        #expect(scheduled.map { "\($0.line):\($0.column) \($0.severity)" } == ["3:7 warning", "5:1 warning", "5:62 warning"], "\(scheduled)")
        #expect(scheduled.first?.message.hasPrefix("the article is published (bai-viet/bai-thu-lien-ket/), and now dated 2024-07-01") == true, "\(scheduled)")
        #expect(scheduled.dropFirst().first?.message.contains("this scheduled article is checked again on its day") == true)
        options.now = 1_720_000_000
        #expect(site.failingBuild(options).filter { $0.file.hasSuffix("bai.md") }.map { "\($0.line):\($0.column) \($0.severity)" } == ["5:1 error"])

        // An HTML file of content/ is published as it is: its ids are the ones it has.
        try site.write("content/media/phu-luc.html", "<!doctype html><title>Phụ lục</title><h2 id=\"muc-1\">Mục 1</h2>\n")
        try site.write("content/articles/2023/bai.md", article(title: "Bài thử liên kết", date: "2023-07-01",
            body: "[Mục 1](\(base)media/phu-luc.html#muc-1), [mục 9](\(base)media/phu-luc.html#muc-9).\n"))
        let inFile = site.failingBuild(baseURL: base).filter { $0.file.hasSuffix("bai.md") }
        #expect(inFile.map { "\($0.line):\($0.column)" } == ["5:63"], "\(inFile)")
        #expect(inFile.first?.message.contains("its page media/phu-luc.html has no element with id \"muc-9\"") == true, "\(inFile)")
    }

    /// A code pasted from a word processor, with an en dash or a non-breaking hyphen for its `-`,
    /// is the code it means: linked as written, and an unlisted one is told at its place.
    @Test func aMentionWrittenWithAWordProcessorsDashIsTheCodeItMeans() throws {
        let markdown = "Năm 2021–2025, theo Kết luận 01–KL/TW và Chỉ thị 05\u{2011}CT/TW, rồi Quy định 37—QĐ/TW; không phải 12–ab hay 3–Hà.\n"
        let site = try Self.site(withBody: markdown, extra: "directives: [\"01-KL/TW\", \"05-CT/TW\"]\n")
        let report = try site.build()
        let body = Self.body(of: try site.read("public/bai-viet/bai-thu-lien-ket/index.html"))
        #expect(body.contains("Năm 2021–2025, theo Kết luận <a href=\"../../van-ban/01-kl-tw/index.html\">01–KL/TW</a> và Chỉ thị <a href=\"../../van-ban/05-ct-tw/index.html\">05\u{2011}CT/TW</a>, rồi"))
        let told = report.diagnostics.filter { $0.file.hasSuffix("bai.md") }
        #expect(told.count == 1)
        #expect(told.first?.message.contains("did you mean to add \"37-QĐ/TW\" to directives?") == true)
        #expect((told.first?.line, told.first?.column) == (6, 73))
    }
    @Test(arguments: [nil, DiscoveryTests.base])
    func aLinkToAnArticleFileBecomesItsPage(baseURL: String?) throws {
        let site = try TestSite(content: "bulletin")
        try site.build(baseURL: baseURL)
        let body = Self.body(of: try site.read(Self.ngheAn))
        let quangNinh = "bai-viet/quang-ninh-tu-phe-binh-theo-ket-luan-21-kl-tw/"
        #expect(body.contains("<a href=\"../../\(quangNinh)index.html#ket-qua-tu-phe-binh\">bài về Quảng Ninh</a>"))
        let feed = try site.read("public/chuyen-muc/hoc-va-lam-theo-bac/feed.xml")
        if let baseURL {
            #expect(feed.contains("href=&quot;\(baseURL)\(quangNinh)#ket-qua-tu-phe-binh&quot;"))
        } else {
            #expect(feed.contains("<content type=\"html\" xml:base=\"../../\">"), "a feed's bodies link from the site's root")
            #expect(feed.contains("href=&quot;\(quangNinh)index.html#ket-qua-tu-phe-binh&quot;"))
        }
        #expect(LinkChecker.check(folder: site.output, baseURL: baseURL).broken == [])
    }

    /// In a feed, a body's in-page links (a heading's, a footnote's) lead to the article's page: a
    /// feed reader would read `#ket-qua` against the feed's own address.
    @Test(arguments: [nil, DiscoveryTests.base])
    func aFeedsInPageLinksLeadToTheArticlesPage(baseURL: String?) throws {
        let site = try Self.site(withBody: "Xem [kết quả](#ket-qua) và chú thích.[^1]\n\n## Kết quả\n\nĐoạn.\n\n[^1]: Ghi chú.\n")
        try site.build(baseURL: baseURL)
        let feed = try site.read("public/feed.xml")
        let page = baseURL.map { "\($0)bai-viet/bai-thu-lien-ket/" } ?? "bai-viet/bai-thu-lien-ket/index.html"
        for fragment in ["ket-qua", "fn-1", "fnref-1"] {
            #expect(feed.contains("href=&quot;\(page)#\(fragment)&quot;"), "\(fragment)")
        }
        #expect(!feed.contains("href=&quot;#"), "no link is left to the feed's own address")
        // The article's page keeps its links in the page.
        #expect(try site.read("public/bai-viet/bai-thu-lien-ket/index.html").contains("<a href=\"#ket-qua\">kết quả</a>"))
    }

    /// `[text](address with spaces)` is shown as written by Markdown: an error at its `](`;
    /// the address written `<…>`, with `%20` or followed by a title, is a link.
    @Test func aLinkWhoseAddressHasASpaceIsAnErrorAtItsPlace() throws {
        let site = try Self.site(withBody: """
            Xem ![Ảnh](../../../media/ảnh chi bộ.png) và [bài Hà Nội](ha noi.md) hết.

            [Trang](https://example.org/a b) và `[mã](d e)` và [đúng](<../../../media/ảnh chi bộ.png>) và [tựa](https://example.org "Tựa đề").
            """)
        let errors = site.failingBuild().filter { $0.message.hasPrefix("this link is shown as written") }.map { "\($0.line):\($0.column)" }
        #expect(errors == ["5:10", "5:57", "7:7"], "\(errors)")
    }

    /// An address of the site copied from the browser is told the file that makes its page.
    @Test func aLinkByAPagesAddressIsToldTheFileThatMakesIt() throws {
        let site = try Self.site(withBody: """
            Xem [toàn văn](/van-ban/05-ct-tw/), [chuyên đề](../../chuyen-de/2023/index.html) và [bài](/bai-viet/khong-co/).

            Như [Đồng Tháp](/bai-viet/dang-bo-dong-thap-hoc-tap-chuyen-de-nam-2023/#ket-qua).
            """)
        let told = site.failingBuild().filter { $0.severity == .error }.map(\.message)
        #expect(told.count == 4, "\(told)")
        #expect(told.contains { $0.contains("content/articles/2023/dong-thap.md makes") && $0.hasSuffix("write `dong-thap.md#ket-qua`") }, "\(told)")
        #expect(told.contains { $0.hasPrefix("`/van-ban/05-ct-tw/` does not exist") && $0.hasSuffix("it is the address of the page content/directives/05-ct-tw.md makes, and links name that file (its address then follows it wherever the page is published): write `../../directives/05-ct-tw.md`") }, "\(told)")
        #expect(told.contains { $0.contains("it is the address of the page content/themes/2023.md makes") && $0.hasSuffix("write `../../themes/2023.md`") }, "\(told)")
        #expect(told.contains { $0.hasPrefix("`/bai-viet/khong-co/` does not exist") && !$0.contains("address of the page") }, "\(told)")
    }

    /// A migrated post's link to another by its number on the old site is told so.
    @Test func anOldSitesLinkToAPostByItsNumberIsToldSo() throws {
        let site = try Self.site(withBody: "[Bài trước](/?p=123) và [bài khác](index.php?option=com_content&id=7).\n")
        let told = site.failingBuild().filter { $0.severity == .error }
        #expect(told.map { "\($0.line):\($0.column)" } == ["5:1", "5:25"], "\(told)")
        #expect(told.allSatisfy { $0.message.contains("is an address on the site this text was copied from (a post by its number)") })
    }

    /// A file dragged into a Markdown editor on Windows is written as its path on that computer:
    /// an error at its place, and `bantin check` names such an address in a page.
    @Test func aPathOnAComputerIsAnErrorAtItsPlace() throws {
        let site = try Self.site(withBody: """
            Toàn văn [báo cáo](C:\\Users\\Lan\\Desktop\\bao-cao.pdf).

            ![Hội trường](D:/Anh/hoi-truong.jpg) và [thư mục chung](\\\\may-chu\\tai-lieu\\a.docx) và [trang](https://example.org/c:/x).
            """)
        let told = site.failingBuild().filter { $0.message.contains("is a path on a computer, not an address") }.map { "\($0.line):\($0.column)" }
        #expect(told == ["5:10", "7:1", "7:41"], "\(told)")
        let page = site.root.appendingPathComponent("page")
        try FileManager.default.createDirectory(at: page, withIntermediateDirectories: true)
        try "<a href=\"C:%5CUsers%5CLan%5Cbao-cao.pdf\">báo cáo</a> <a href=\"https://example.org/\">trang</a>".write(
            to: page.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        #expect(LinkChecker.check(folder: page).broken.map(\.target) == ["C:%5CUsers%5CLan%5Cbao-cao.pdf"])
    }

    /// What is no such link: a link whose text ends in `]` before words in parentheses, brackets
    /// escaped or written as entities (even with the same text in code further on); words in
    /// brackets and parentheses that look like no address are a warning, not an error.
    @Test func bracketsThatAreNoLinkWithASpaceAreLeftAloneOrWarned() throws {
        let site = try Self.site(withBody: """
            Tải [Quyết định [bản PDF]](https://example.org/qd.pdf)(dung lượng 2 MB) về máy.

            Trích: \\[x\\](a b.md) và &#91;y&#93;(c d.md) như thế.

            Tài liệu [1](trang 5 và 6) nói rõ.

            ```
            [y](c d.md)
            ```
            """)
        let report = try site.build()
        let found = report.diagnostics.filter { $0.message.hasPrefix("this link is shown as written") }
        #expect(found.map { "\($0.severity) \($0.line):\($0.column)" } == ["warning 9:12"], "\(found)")
    }

    /// Each is found where it is written, after the one before (an escaped one first does not
    /// hide a real one); a title, an anchor or a query after the file's name still makes it an
    /// error; a `/` after a space or a number with a dot is no address.
    @Test func eachLinkWithASpaceIsFoundAtItsOwnPlace() throws {
        let site = try Self.site(withBody: """
            Ghi chú \\[a\\](b c.md) rồi [bài](b c.md) thật.

            Hai lần [a](b c.md) và [a](b c.md).

            ![ảnh](ảnh chi bộ.jpg "Chú thích") và [bài](bài viết.md#phan-2) và [tệp](tai lieu.pdf?v=2).

            [khoản 1](xem Điều 5.2) và [Kết luận](số 01-KL/TW) và [ảnh](Ảnh: TTXVN/Vietnam+).
            """)
        let found = site.failingBuild().filter { $0.message.hasPrefix("this link is shown as written") }
        #expect(found.map { "\($0.severity) \($0.line):\($0.column)" } == [
            "error 5:31", "error 7:11", "error 7:26", "error 9:6", "error 9:43", "error 9:72",
            "warning 11:9", "warning 11:37", "warning 11:59",
        ], "\(found)")
    }

    /// cmark-gfm counts the place of what follows a link whose title or address spans lines from
    /// the line the link started on; each is still told at its own line and column.
    @Test func whatFollowsALinkSpanningLinesIsToldAtItsOwnPlace() throws {
        let site = try Self.site(withBody: """
            Xem [bài](dong-thap.md "tiêu
            đề") [f](khong.md) và [js](javascript:x) ![](../../media/hoi-nghi.png).

            [g](khong-2.md)
            """)
        let told = site.failingBuild().filter { $0.file == "content/articles/2023/bai.md" }.map { "\($0.severity) \($0.line):\($0.column) \($0.message.prefix(12))" }
        #expect(told == [
            "error 6:6 `khong.md` d", "warning 6:23 unsafe link ", "warning 6:42 image withou", "error 8:1 `khong-2.md`",
        ], "\(told)")
    }

    @Test func linksToOtherFilesUnderContentBecomeTheirAddresses() throws {
        let markdown = """
            ![Hội nghị](../../media/hoi-nghi.png) [văn bản](/docs/van-ban.pdf#page=2) [chỉ thị](../../directives/05-ct-tw.md)
            [chuyên đề](../../themes/2023.md?nguon=bai) [bài cũ](<../2022/quang-ninh.md>) [lên đầu](#muc-mot)
            [đầu trang](#top) [đoạn này](#:~:text=M%E1%BB%A5c) và chú thích[^ghi-chú].

            ## Mục một

            [^ghi-chú]: Ghi chú có chữ Việt trong nhãn.
            """
        let site = try Self.site(withBody: markdown)
        try site.build()
        let body = Self.body(of: try site.read("public/bai-viet/bai-thu-lien-ket/index.html"))
        for href in [
            "src=\"../../media/hoi-nghi.png\"", "href=\"../../docs/van-ban.pdf#page=2\"", "href=\"../../van-ban/05-ct-tw/index.html\"",
            "href=\"../../chuyen-de/2023/index.html?nguon=bai\"", "href=\"../../bai-viet/quang-ninh-tu-phe-binh-theo-ket-luan-21-kl-tw/index.html\"",
            "href=\"#muc-mot\"",
        ] {
            #expect(body.contains(href), "body lacks \(href)")
        }
        // The browser's own fragments and a footnote's id as cmark-gfm writes it are good on the
        // article's page and in its month's print edition alike.
        let print = try site.read("public/luu-tru/2023/07/ban-in/index.html")
        #expect(print.contains(":~:text=M%E1%BB%A5c\"") && !print.contains("#:~:") && !print.contains("-top\""))
        #expect(print.contains("-fn-ghi-ch%C3%BA\""), "the footnote's id, as cmark-gfm writes it, with the article's prefix")
        #expect(LinkChecker.check(folder: site.output).broken == [])
    }

    @Test(arguments: [
        ("[mất](khong-co.md)", "`khong-co.md` does not exist: there is no content/articles/2023/khong-co.md"),
        ("[neo](05/tien-giang.md#khong-co)", "`#khong-co` is not a heading of content/articles/2023/05/tien-giang.md; its headings: #ket-qua-noi-bat, #ket-qua-noi-bat-2"),
        ("[thoát](../../../etc/passwd)", "`../../../etc/passwd` leads outside content/"),
        ("[thư mục](05/)", "`05/` is a folder"),
        ("[nháp](05/ban-nhap.md)", "`05/ban-nhap.md` is a draft"),
        ("[mục](#khong-co)", "`#khong-co` is not a heading of this text (it has no headings)"),
        ("![ảnh](05/nghe-an.md)", "is a text, not a picture"),
        ("![Toàn văn](../../docs/van-ban.pdf)", "`../../docs/van-ban.pdf` is not a picture, and a page cannot show it as an image"),
        ("![ảnh](media/hoi-nghi.png)", "did you mean `../../media/hoi-nghi.png`?"),
        ("![Sơ đồ](../../media/so-do.svg)", "`../../media/so-do.svg` is empty (0 bytes), and a page cannot show it"),
        // A typo, another case, another month's folder: the file most likely meant.
        ("[typo](05/tien-gaing.md)", "there is no content/articles/2023/05/tien-gaing.md; did you mean `05/tien-giang.md`?"),
        ("[hoa](05/Nghe-An.md)", "did you mean `05/nghe-an.md`?"),
        ("[tháng](06/tien-giang.md)", "did you mean `05/tien-giang.md`?"),
        // A `#` in a folder's name starts the link's anchor: the name's is written `%23`.
        ("[mục](<Mục #1/a.md>)", "`Mục ` does not exist: the `#` after it starts the name of a heading (an anchor), not more of the path; write the `#` of a file's or folder's name as `%23`: `Mục %231/a.md`"),
        // With an anchor of its own after it; the folder there but not the file.
        ("[mục](<Mục #1/a.md#phan>)", "write the `#` of a file's or folder's name as `%23`: `Mục %231/a.md#phan`"),
        ("[mục](<Mục #1/khong.md>)", "write the `#` of a file's or folder's name as `%23`: `Mục %231/khong.md`"),
    ])
    func aLinkThatLeadsNowhereIsAnErrorAtItsLineAndColumn(link: String, message: String) throws {
        let site = try Self.site(withBody: "Dòng đầu.\n\nMở đầu, \(link) ở giữa.")
        try site.write("content/media/so-do.svg", "")  // a drawing whose export failed
        try site.write("content/articles/2023/Mục #1/a.md", article(title: "Bài trong mục"))
        let errors = site.failingBuild().filter { $0.severity == .error }
        #expect(errors.count == 1)
        let error = try #require(errors.first)
        #expect(error.file == "content/articles/2023/bai.md")
        #expect((error.line, error.column) == (7, 9))
        #expect(error.message.contains(message), "\(error.message)")
    }

    /// A link to no heading of a text with many (a law's articles, each linked by many texts)
    /// names the nearest and twelve, and counts the rest: it listed them all, in each message.
    @Test func aLinkToNoHeadingOfATextWithManyNamesTheNearestAndAFew() throws {
        let headings = (1...20).map { "## Điều \($0)\n\nNội dung điều \($0).\n" }.joined(separator: "\n")
        let site = try Self.site(withBody: headings + "\nXem [điều hai mươi mốt](#dieu-21).")
        let errors = site.failingBuild().filter { $0.severity == .error }.map(\.message)
        #expect(errors == ["`#dieu-21` is not a heading of this text; did you mean `#dieu-1`? its headings: #dieu-1, #dieu-10, #dieu-11, #dieu-12, #dieu-13, #dieu-14, #dieu-15, #dieu-16, #dieu-17, #dieu-18, #dieu-19, #dieu-2 and 8 more"], "\(errors)")
    }

    @Test(arguments: ["javascript:alert(1)", "JavaScript:void(0)", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=", "file:///etc/passwd"])
    func anUnsafeLinkIsAWarningAndStaysText(url: String) throws {
        let site = try Self.site(withBody: "Bấm [vào đây](\(url)) nhé, hoặc <\(url)>.")
        let report = try site.build()
        let warnings = report.diagnostics.filter { $0.file == "content/articles/2023/bai.md" }
        #expect(warnings.map(\.severity) == [.warning, .warning])
        #expect(warnings.map(\.column) == [5, 27 + url.count] && warnings.allSatisfy { $0.line == 5 && $0.message.contains("is not allowed") })
        let body = Self.body(of: try site.read("public/bai-viet/bai-thu-lien-ket/index.html"))
        #expect(body.contains("Bấm vào đây nhé, hoặc "))
        #expect(!body.contains("<a") && !body.contains("href"))
        #expect(LinkChecker.check(folder: site.output).broken == [])
    }

    /// (A picture written into the text, `data:image/png;…`, is an error: `EditorInputTests`.)
    @Test func anEmptyLinkIsAWarning() throws {
        let site = try Self.site(withBody: "[trống]() và ![hội nghị](../../media/hoi-nghi.png)")
        let report = try site.build()
        #expect(report.diagnostics.filter { $0.file.hasSuffix("bai.md") }.map(\.message).map { $0.prefix(10) } == ["empty link"])
        let body = Self.body(of: try site.read("public/bai-viet/bai-thu-lien-ket/index.html"))
        #expect(body.contains("<p>trống và <img class=\"print-copy\""), "\(body)")
        #expect(LinkChecker.check(folder: site.output).broken == [])
    }

    @Test func aDirectiveDescriptionLinksByFileToo() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/directives/05-ct-tw.md", "---\ncode: 05-CT/TW\nkind: Chỉ thị\n---\nXem [bài Tiền Giang](../articles/2023/05/tien-giang.md) và Kết luận 01-KL/TW.\n\n[Hỏng](../khong-co.md)\n")
        let errors = site.failingBuild().filter { $0.severity == .error }
        #expect(errors.map { "\($0.file):\($0.line):\($0.column)" } == ["content/directives/05-ct-tw.md:7:1"])
        try site.write("content/directives/05-ct-tw.md", "---\ncode: 05-CT/TW\nkind: Chỉ thị\n---\nXem [bài Tiền Giang](../articles/2023/05/tien-giang.md) và Kết luận 01-KL/TW.\n")
        try site.build()
        let page = try site.read("public/van-ban/05-ct-tw/index.html")
        #expect(page.contains("<a href=\"../../\(Self.tienGiang)\">bài Tiền Giang</a> và Kết luận <a href=\"../../van-ban/01-kl-tw/index.html\">01-KL/TW</a>"))
    }

    @Test func bantinCheckPassesEverySiteTheBuildAccepts() throws {
        for baseURL in [nil, DiscoveryTests.base] {
            let site = try TestSite(content: "bulletin")
            try site.build(baseURL: baseURL, drafts: true)
            #expect(LinkChecker.check(folder: site.output, baseURL: baseURL).broken == [])
        }
        let sample = try TestSite()
        try FileManager.default.removeItem(at: sample.content)
        try FileManager.default.copyItem(at: Repo.content, to: sample.content)
        try sample.build()
        #expect(LinkChecker.check(folder: sample.output).broken == [])
    }
}
