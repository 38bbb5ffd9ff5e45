import Foundation
import Testing

@testable import BantinKit

/// The full-text search index: what it holds of each article, how it is split into shards, and
/// how a rebuild rewrites only what an edit touched.
@Suite struct SearchIndexTests {
    static let body = """
        ## Kết quả nổi bật

        Chi bộ ấp Tân Hòa nhân rộng **mô hình** nuôi cá lồng bè trên sông Tiền, theo [Kết luận](https://example.org/kl) \
        của cấp trên. ![Ảnh hội nghị](https://example.org/media/anh.png)

        - Bí thư chi bộ gặp gỡ từng hộ_dân
        - Kiểm tra &amp; giám sát <em>thường xuyên</em>
        """

    /// A bulletin of three articles; the first has a phrase only its body holds.
    func site() throws -> TestSite {
        let site = try TestSite()
        try site.write("content/articles/a.md", article(
            title: "Đảng bộ xã Tân Phú học tập chuyên đề", date: "2023-05-09T17:00:00+07:00",
            extra: "summary: \"Sapo về đoàn kết nông thôn\"\ncategory: Xây dựng Đảng\nlocation: Tiền Giang\nauthor: Trần Văn Bình\ndirectives: [\"01-KL/TW\"]\n",
            body: Self.body))
        try site.write("content/articles/b.md", article(title: "Nghệ An: Chi bộ làm theo Bác", date: "2023-06-01T08:00:00+07:00", body: "Đảng viên đăng ký việc làm theo Bác."))
        try site.write("content/articles/c.md", article(title: "Cà Mau giữ rừng", date: "2022-01-01T08:00:00+07:00", body: "Người dân đang giữ rừng đước."))
        return site
    }

    /// `--without-search-index` writes the index of no article (its table and empty pair
    /// lists): the search page loads what it asks for and finds nothing, `bantin check` passes the
    /// site, and the summary says there is no index.
    @Test func aSiteBuiltWithoutTheIndexPassesCheckAndFindsNothing() throws {
        let site = try site()
        var options = site.options()
        options.searchIndex = false
        let report = try SiteBuilder.build(options)
        #expect(LinkChecker.check(folder: site.output).broken == [])
        let table = try #require(SearchIndexCheck.table(in: try site.read("public/tim-kiem/chi-muc/muc-luc.js")))
        #expect(table.docs == 0 && table.shards.isEmpty)
        #expect(!site.exists("public/tim-kiem/chi-muc/bai"))
        #expect(BuildSummary.lines(for: report, output: "public", elapsed: .zero)[0].contains("; no search index"))
    }

    @Test func everyWordOfEveryFieldIsIndexedFoldedWithItsExactForms() throws {
        let site = try site()
        try site.build()
        let index = try BuiltSearchIndex(site: site.output)
        #expect(index.docs == 3)
        // Numbered oldest first.
        #expect(index.records[0]?[1] == "Cà Mau giữ rừng" && index.records[2]?[1] == "Nghệ An: Chi bộ làm theo Bác")
        let a = try #require(index.number(title: "Đảng bộ xã Tân Phú học tập chuyên đề"))
        // Body, byline, category, place, directive code: all words of the article.
        for word in ["long", "be", "song", "tien", "binh", "tran", "xay", "dung", "giang", "01", "kl", "tw", "ket", "qua", "ho"] {
            #expect(index.articles(word) == [a], "\(word): \(index.articles(word))")
        }
        #expect(index.forms("long") == ["lồng"])
        #expect(index.forms("dang").sorted() == ["đang", "đăng", "đảng"], "three spellings fold to dang")
        #expect(index.articles("dang") == [0, 1, 2])
        #expect(index.articles("tan", in: .title) == [a] && index.articles("tan", in: .sapo).isEmpty)
        #expect(index.articles("doan", in: .sapo) == [a] && index.articles("doan", in: .title).isEmpty)
        #expect(index.articles("song", in: .title).isEmpty, "a body word is in neither list")
        // The byline, place, category and codes are one list: what the article is about.
        for word in ["tran", "binh", "giang", "xay", "01", "kl"] { #expect(index.articles(word, in: .about) == [a], "\(word)") }
        #expect(index.articles("song", in: .about).isEmpty && index.articles("tan", in: .about).isEmpty && index.articles("doan", in: .about).isEmpty)
        // Markup and link targets are not words.
        for word in ["https", "example", "media", "png", "em", "amp"] { #expect(index.words[word] == nil, "\(word) was indexed") }
    }

    /// A code's number with or without its leading zero is one document (README): an article
    /// citing `01-KL/TW` is found by `1-KL/TW` and one citing `1-KL/TW` by `01-KL/TW`.
    @Test func aCodesNumberIsFoundWithAndWithoutItsLeadingZero() throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", article(title: "Bài một", extra: "directives: [\"01-KL/TW\"]\n"))
        try site.write("content/articles/b.md", article(title: "Bài hai", extra: "directives: [\"1-KL/TW\"]\n"))
        try site.build()
        let index = try BuiltSearchIndex(site: site.output)
        let a = try #require(index.number(title: "Bài một")), b = try #require(index.number(title: "Bài hai"))
        #expect(index.articles("1") == [a, b] && index.articles("01") == [a, b])
    }

    /// A note is searched only when the text refers to it: its label written only in code (a span
    /// or a fenced block) or in a comment refers to nothing, as the page shows no such note.
    @Test func aNoteNamedOnlyInCodeOrACommentIsNotSearched() {
        let body = "Viết `[^1]` và ``x [^2] x`` rồi <!-- [^3] --> chữ[^4].\n\n```\n[^5]\n```\n\n[^1]: Ghi một.\n\n[^2]: Ghi hai.\n\n[^3]: Ghi ba.\n\n[^4]: Ghi bốn.\n\n[^5]: Ghi năm.\n"
        let words = Self.words(MarkdownPlainText.text(of: body, rawHTML: false))
        #expect(words.contains("bốn") && !words.contains("một") && !words.contains("hai") && !words.contains("ba") && !words.contains("năm"), "\(words)")
    }

    /// A subtitle is read with the title, and its record holds it (last) for the result to show.
    @Test func aSubtitleIsInTheRecordAndReadAsTheTitle() throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", article(title: "Những người giữ đảo", extra: "subtitle: \"Ghi chép từ huyện đảo Cô Tô\"\n"))
        try site.write("content/articles/b.md", article(title: "Bài không có phụ đề"))
        try site.build()
        let index = try BuiltSearchIndex(site: site.output)
        let a = try #require(index.number(title: "Những người giữ đảo")), b = try #require(index.number(title: "Bài không có phụ đề"))
        #expect(index.records[a]?.count == 7 && index.records[a]?[6] == "Ghi chép từ huyện đảo Cô Tô")
        #expect(index.records[b]?.count == 6, "no subtitle, no seventh field")
        #expect(index.articles("chep", in: .title) == [a])
    }

    @Test func aRecordShowsTheBodyAsReadersSeeIt() throws {
        let site = try site()
        try site.build()
        let index = try BuiltSearchIndex(site: site.output)
        let a = try #require(index.number(title: "Đảng bộ xã Tân Phú học tập chuyên đề"))
        let record = try #require(index.records[a])
        #expect(record[0] == "bai-viet/dang-bo-xa-tan-phu-hoc-tap-chuyen-de/index.html")
        #expect(record[2] == "09/05/2023" && record[3] == "Sapo về đoàn kết nông thôn")
        #expect(record[4] == """
            Kết quả nổi bật
            Chi bộ ấp Tân Hòa nhân rộng mô hình nuôi cá lồng bè trên sông Tiền, theo Kết luận của cấp trên. Ảnh hội nghị
            Bí thư chi bộ gặp gỡ từng hộ_dân
            Kiểm tra & giám sát thường xuyên
            """)
    }

    @Test(arguments: [
        ("# Tiêu đề\n\nĐoạn *một* và __hai__.\nDòng tiếp.", "Tiêu đề\nĐoạn một và hai. Dòng tiếp."),
        ("> Trích `mã` \\*sao\\*\n\n1. Một\n2) Hai", "Trích mã *sao*\nMột\nHai"),
        ("Bảng:\n\n| Cột | Số |\n| --- | ---: |\n| a | 1 |", "Bảng:\nCột Số\na 1"),
                // A footnote mark with no footnote is text, as on the page.
        ("```\nlet x = [1](2)\n```\nSau[^1].\n\n[1]: https://x.org", "let x = [1](2)\nSau[^1]."),
        // An autolink shows its address; a tag shows nothing.
        ("Xem <https://a.org> và [trang][ref] &quot;A&quot; <b>đậm</b>\r\n***\r\nHết", "Xem https://a.org và trang \"A\" đậm\nHết"),
        // A heading's closing marks and a task's box are no words.
        ("## Kết quả ##\n\n- [x] Việc đã làm\n- [ ] Việc chưa làm\n\n#hashtag ##", "Kết quả\nViệc đã làm\nViệc chưa làm\n#hashtag ##"),
        // A footnote's text is read, as a block of its own; a reference definition is not.
        ("Theo báo cáo[^1] năm nay.\n\n[^1]: Báo cáo *số 27* ngày 25/10/2021.\n\n[ref]: https://x.org", "Theo báo cáo năm nay.\nBáo cáo số 27 ngày 25/10/2021."),
        // A link's target may hold parentheses of its own.
        ("Theo [Wikipedia](https://vi.wikipedia.org/wiki/Hồ_Chí_Minh_(định_hướng)) thì đúng.", "Theo Wikipedia thì đúng."),
        ("Xem [bài](<../a b.md> \"tựa\") và [khác](x\\)y) nữa.", "Xem bài và khác nữa."),
        // A code span is shown as written: a tag or a star in it is text, and is searched.
        ("Ghi `<script>` (khóa), `` a`b `` và `a<b` cùng `x > y` và *đậm*, còn `mở.", "Ghi <script> (khóa), a`b và a<b cùng x > y và đậm, còn mở."),
        // A code block in a list item ends with the item: the line indented less is a paragraph.
        ("- mục\n  ```\n  rào chưa đóng\n dòng lùi sau rào\n\n- ```\n  mã\nngoài", "mục\nrào chưa đóng\ndòng lùi sau rào\nmã\nngoài"),
    ])
    func plainTextDropsMarkup(markdown: String, plain: String) {
        #expect(MarkdownPlainText.text(of: markdown) == plain)
    }

    /// Search reads a body's words as a reader sees them on its page: the words of the plain
    /// text equal those of the page's body (rendered by cmark-gfm, tags dropped, entities
    /// decoded), with HTML published (`unsafe_html`) or not, for HTML blocks of every kind,
    /// comments over several lines, entities, a `<` that starts no tag, and a paragraph that
    /// looks like a link reference definition.
    @Test(arguments: [false, true])
    func plainTextHasTheWordsOfThePage(rawHTML: Bool) {
        let bodies = [
            "Mở đầu.\n\n<!--\nGhi chú nội bộ: nguồn tin chưa xác minh.\n-->\n\nĐoạn cuối.",
            "Trước <!-- ghi chú\ncòn tiếp --> sau.",
            "<!-- ghi chú --> chữ sau ghi chú\n\nĐoạn.",
            "Đoạn.\n\n<div class=\"hop\">\nNội dung trong khối HTML.\n</div>\n\nHết.",
            "<section>\n\n**Đậm** trong khối.\n\n</section>",
            "<span>Một dòng thẻ</span>\n\nĐoạn <b>đậm</b> và <i class=\"x\">nghiêng</i>.",
            "<span class=\"a\">\nkhối loại bảy\n\nĐoạn mới.",
            "Đoạn\n<span>không ngắt đoạn</span>\nnữa.",
            "<pre>\nmã  giữ nguyên\n</pre>\nSau mã.",
            "<script>\nvar lenh = 1;\n</script>\n\nĐoạn.",
            "<style>p { mau: do }</style>\n\nĐoạn.",
            "Xem <iframe src=\"https://x.vn\"></iframe> khung.",
            "<?xml ban=\"1\"?>\n\nĐoạn.\n\n<!DOCTYPE html>\n\n<![CDATA[\ndữ liệu\n]]>\n\nHết.",
            "[Cập nhật]: Sở Nội vụ đã công bố kết quả thi tuyển.",
            "[ref]: https://x.org \"Tựa\"\n[khac]: <a b.md>\n\nXem [trang][ref].",
            "Đoạn\n[nối]: https://x.org\ntiếp.",
            "Dấu ba chấm&hellip; bản quyền &copy; 2023 và &#8220;trích dẫn&#x201D; &amp; &notanentity; &#0;",
            "Chữ a&zwnj;b và c&ZeroWidthSpace;d",
            "- ~~~hội\n  mã nguồn\n  ~~~\n- mục sau\n\n> ```python\n> in ra\n> ```",
            "> [f]: http://noi-bo.vn/mat\n\n- [g]: http://noi-bo.vn/hai\n\n[ref]: http://x.vn \"tựa\nhai dòng\"\n\nSau [trang][ref].",
            "[dở]: http://x.vn \"tựa không đóng\n\nĐoạn khác.",
            "+\n<v>\ngiấu đi\n\n10.\n\nĐoạn\n2)\nnối tiếp.",
            "Tỷ lệ x<y và bên trong>z, a < b, <3 và <số>.",
            // A run of backticks that closes nothing is text whole (not a span from its second one);
            // runs of markup read once: many `<`, `</`, `[](` or `<!--` with nothing to close them.
            "Mã ``` a `` và `` b ` và c ` d ` xong.",
            String(repeating: "<", count: 300) + " giữa " + String(repeating: "</", count: 100) + " và <!-- <!-- <!-- hết",
            String(repeating: "[](", count: 100) + " chữ [x](<a) và [y](a(b(c)d) và [z](a) sau.",
            "Đầu `mở <a title='x và ` đóng ` cuối <a b='c' và `` ` `` x.",
            "Thư <ban@xa.vn> và <https://xa.vn/a?b=1> và <không phải link>.",
            "~~~\n```\nmã trong rào\n~~~\nSau rào.",
            // A fence in a quote closes in the quote, or where the quote ends.
            "> Ví dụ:\n>\n> ```\n> mã nguồn\n> ```\n\nĐoạn **đậm** và [liên kết](https://example.org).\n\n## Mục hai",
            "> ```\n> mã\nĐoạn sau **đậm** và [liên kết](https://example.org).",
            "- > ```\n  > lệnh\n  > ```\n- mục hai\n\nĐoạn sau có **chữ đậm** và [liên kết](https://example.com/diachiweb).",
            "````\nmã\n```\nvẫn mã\n````\nHết.",
            "> Trích <!-- ẩn --> dẫn\n> tiếp\n\n- Một <em>mục</em>\n- Hai",
            // An HTML block in a quote: read past its `>`, ended by a blank quoted line or the quote's end.
            "> <p>Trích <em>nghị quyết</em>\n> của chi bộ.</p>\n\nĐoạn.",
            "> <div>\n> <b>Mở</b>\n>\n> **Đậm** chữ sau khoảng trống.\n>\n> </div>\n\nĐoạn.",
            "> <div>\n> trong khối\nĐoạn **sau** trích dẫn.",
            "| Cột | Số |\n| --- | --- |\n| <b>a</b> | 1 |",
            // Found by a fuzzer comparing pages with search (the script each came from).
            "Chú thích[^ghi] và ý kiến](đồng chí Lan) cùng ][mục hai] và bộ[^k]họp",  // bracket-text.sh
            "Bài viết.\n\n[^]: http://noi-bo.vn/bi-mat",  // empty-footnote-label.sh
            "- <div>\n  Danh sách nội bộ\n  </div>\n- <p>kỷ luật cảnh cáo</p>\n- <!---->Huế",  // html-block-in-list.sh
            "> <span>\n> nội bộ không đăng\n\nĐoạn thường.",  // html-block-in-quote.sh
            "viên<!D>chức",  // inline-declaration.sh
            "Xem <a\nhref=\"http://bi-mat.vn/ho-so\" title=\"tài liệu mật\">tại đây</a>.",  // multiline-tag.sh
            "Mã &#99999999; và &#00000065;",  // numeric-entity-long.sh
            "Văn bản.\n\n[a]:\nhttp://noi-bo.vn/danh-sach\n\n[b]: /x\n\"tựa không hiển thị\"",  // refdef-next-line.sh
            "| Đơn vị | Điểm |\n|---|---|\n| Chi bộ 1 | 95 | ghi chú ẩn không hiện |",  // table-extra-cells.sh
            "- [x]\tHoàn thành nghị quyết",  // task-box-tab.sh
            "Tỷ lệ đạt <!-- 90 phần trăm\nvượt chỉ tiêu đề ra của tỉnh\n\nĐoạn sau.",  // unclosed-comment-paragraph.sh
            "đảng`viên chi*bộ nghị~quyết",  // unmatched-markup-joins.sh
            "Chi bộ họp thường kỳ.\n\n[^1]: Ghi chú nội bộ chưa duyệt",  // unreferenced-footnote.sh
            // A heading's text holds no block; a code or HTML block in a list item ends with the
            // item, at a line indented less than the item's text.
            "## <!-- ghi chú --> Kết quả đại hội\n\n### ```mã``` trong tiêu đề\n\n# [a]: /x\n\nĐoạn.",
            "- <div>\nChữ sau danh sách.\n\n1. <p>mục</p>\n   trong mục\nngoài mục lười\n\n2. <!--\n   ghi\n dòng lùi -->",
            "> - <div>\n> Chữ trong trích dẫn.\n>\n>  * <span>\n>    thẻ\n> > lồng",
            "- mục\n  ```\n  rào chưa đóng\n dòng thụt lùi sau rào\n\n- ```\n  mã\n\n  vẫn mã\nngoài rào\n\n  - con\n\n    ~~~\n    mã con\n  ra con",
            // Spaces after `>` are the text's indent, not a list item's (they end no block).
            ">  ```html\n> <p class=\"x\">Xin chào đồng chí</p>\n> ```\n\n>  <div>\n> Danh sách nội bộ chưa duyệt\n>  </div>\n\nĐoạn.",
            // A closing `</pre>`, `</script>` or `</style>` alone on its line starts an HTML block, as cmark-gfm reads it.
            "</pre>\nẩn đi khi không đăng HTML\n\nĐoạn.\n\n- <div>\n</script>\nẩn nữa\n\nHết.",
            // A code or HTML block in a quote ends with a line that leaves it, or the list item around it.
            "- > </pre>\n> chữ một hiện\n\n> > <div>\n> chữ hai\n\n-  > <div>\n  > chữ ba\n\n  > <div>\n> trong khối\n\nHết.",
            "- > ```\n> chữ sau rào\n\n> > ~~~\n> > mã\n> ngoài mã",
            // An empty list item does not interrupt a paragraph (of the item the line is in).
            "Mở đầu\n* \n</script>\nchữ bốn hiện\n\nMở\n- \n<span>\nchữ năm hiện",
            "- * Chi bộ họp chữ một\n2) \n\nHết.",
            // A heading or a rule leaves the list item; an empty item's text stands one space after its marker.
            "- Chi bộ họp\n# Kết luận\n  ```\n  mã\n<!-- chữ một -->\n  ```\n\n- Họp\n***\n  <div>\n chữ ba\n\n-  \n  </pre>\nchữ một hiện ra",
            // A fence four spaces in is no fence (in a paragraph, its line is the paragraph's); in a
            // list item, its indent counts from the item's text.
            "Chữ b\n    ```\n    <!-- chữ c -->\nchữ d\n\n- Mục\n\n    ```\n    <!-- mã trong mục -->\n    ```\n\nHết.",
            // A row of `-` with no pipe makes no table: the rows after it keep all their text.
            "Tiêu đề\n---\nChi bộ A | chi bộ B\n\n| a |\n---\n| b | c |",
        ]
        let renderer = MarkdownRenderer(allowRawHTML: rawHTML)
        for body in bodies {
            let page = Self.visibleText(of: renderer.render(body).html)
            #expect(Self.words(MarkdownPlainText.text(of: body, rawHTML: rawHTML)) == Self.words(page), "\(body)")
        }
    }

    /// The words search takes from `text`.
    private static func words(_ text: String) -> [String] {
        var words: [String] = []
        SearchWords.forEach(in: text) { words.append(String(decoding: $0, as: UTF8.self)) }
        return words
    }

    /// What a browser shows of a body's HTML: no comment or tag, entities decoded (those the
    /// bodies above use).
    private static func visibleText(of html: String) -> String {
        var text = html.replacingOccurrences(of: "<!--[\\s\\S]*?-->", with: " ", options: .regularExpression)
        text = text.replacingOccurrences(of: "<\\?[\\s\\S]*?\\?>|<![A-Z][^>]*>|<!\\[CDATA\\[[\\s\\S]*?\\]\\]>", with: " ", options: .regularExpression)
        text = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        for (entity, character) in [("&hellip;", "…"), ("&copy;", "©"), ("&#8220;", "“"), ("&#x201D;", "”"), ("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text
    }

    /// A search page's script copied from an earlier bantin reads another format of the index
    /// (its entries' lists, its records): the build says so at the script, and the page says it
    /// cannot read the index, not that nothing was found. Bantin's own script reads this format.
    @Test func aSearchScriptForAnotherIndexFormatIsTold() throws {
        let site = try site()
        func told() throws -> [String] {
            try site.build().diagnostics.filter { $0.file == "templates/assets/search.js" }.map(\.message)
        }
        #expect(try told().isEmpty)
        #expect(try site.read("public/tim-kiem/chi-muc/muc-luc.js").hasPrefix("BANTIN_SEARCH_INDEX({\"format\":\(SearchShards.format),"))
        let script = try site.read("templates/assets/search.js")
        #expect(script.contains(SearchShards.formatLine))
        try site.write("templates/assets/search.js", script.replacingOccurrences(of: SearchShards.formatLine, with: "var INDEX_FORMAT = 2;"))
        let message = try #require(try told().first)
        #expect(message.hasPrefix("reads another format of the search index than this bantin writes (it has no `var INDEX_FORMAT = \(SearchShards.format);`)"), "\(message)")
    }

    /// The photo's caption is read above the body; the author, place, category, codes and themes
    /// make a line of their own, which the page shows when a word is found only there, and which
    /// ranks as the sapo; the source (often the bulletin's own name) is kept apart, after the
    /// subtitle (empty when there is none), searched as the body is. A theme is named there as
    /// every page and feed names it (`Chuyên đề năm 2023`), not `Chuyên đề 2023`.
    @Test func aRecordHoldsTheCaptionAndWhatElseWasRead() throws {
        let site = try TestSite()
        try site.write("content/media/sen.png", bytes: Self.png)
        try site.write("content/themes/2023.md", "---\nyear: 2023\ntitle: Chuyên đề năm 2023\n---\n")
        let fields = "image: media/sen.png\nimage_alt: Hoa sen\nimage_caption: Hoa sen — biểu tượng của vùng đất Sen Hồng\n"
            + "author: Lê Đình Khôi\nsource: TTXVN\nlocation: Đồng Tháp\ncategory: Xây dựng Đảng\ndirectives: [\"05-CT/TW\"]\nthemes: [2023]\n"
        try site.write("content/articles/a.md", article(title: "Đồng Tháp nhân rộng mô hình", extra: fields, body: "Nội dung."))
        try site.build()
        let index = try BuiltSearchIndex(site: site.output)
        let record = try #require(index.records[0])
        #expect(record[4] == "Hoa sen — biểu tượng của vùng đất Sen Hồng\nNội dung.")
        #expect(record[5] == "Lê Đình Khôi · Đồng Tháp · Xây dựng Đảng · Chỉ thị 05-CT/TW · Chuyên đề năm 2023")
        #expect(record.count == 8 && record[6] == "" && record[7] == "TTXVN", "\(record)")
        #expect(index.articles("sen") == [0] && index.articles("khoi") == [0] && index.articles("ttxvn") == [0])
        #expect(index.articles("khoi", in: .about) == [0] && index.articles("ttxvn", in: .about).isEmpty)
    }

    /// A tiny PNG (1×1).
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01,
        0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xDE, 0x00, 0x00, 0x00, 0x0C, 0x49, 0x44, 0x41,
        0x54, 0x08, 0xD7, 0x63, 0xF8, 0xFF, 0xFF, 0x3F, 0x00, 0x05, 0xFE, 0x02, 0xFE, 0xDC, 0xCC, 0x59, 0xE7, 0x00, 0x00, 0x00,
        0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]

    /// Neighbouring words are paired within a block of the body, never across two.
    @Test func phrasesStayWithinABlock() throws {
        let site = try TestSite()
        try site.write("content/articles/a.md", article(title: "Tựa", body: "- giao thông nông thôn\n- giữ gìn an ninh\n\nnông thôn giữ gìn"))
        try site.build()
        let index = try BuiltSearchIndex(site: site.output)
        #expect(index.pairs[BuiltSearchIndex.bucket("thôn", "giữ")] == [0], "within the last paragraph")
        #expect(index.pairs[BuiltSearchIndex.bucket("nông", "thôn", "giữ")] == [0])
        // Across two list items: nothing.
        try site.write("content/articles/a.md", article(title: "Tựa", body: "- giao thông nông thôn\n- giữ gìn an ninh"))
        try site.build()
        let split = try BuiltSearchIndex(site: site.output)
        #expect(split.pairs[BuiltSearchIndex.bucket("thôn", "giữ")] == nil)
        #expect(split.pairs[BuiltSearchIndex.bucket("nông", "thôn", "giữ")] == nil)
        #expect(split.pairs[BuiltSearchIndex.bucket("giữ", "gìn")] == [0])
        #expect(split.pairs[BuiltSearchIndex.bucket("thông", "nông", "thôn")] == [0])
    }

    /// A hashtag of a slogan (47 letters, 66 bytes) is a word; a run longer than any word typed,
    /// or encoded data (a checksum: letters and digits) longer than a word with digits, is not.
    @Test func wordsAreLowerCasedRunsOfLettersAndDigits() {
        var words: [String] = []
        let long = String(repeating: "a", count: SearchWords.maxLength + 1)
        let checksum = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
        SearchWords.forEach(in: "ĐẢNG bộ 01-KL/TW, NGƯỜI dân; x² Ωmega \(long) #HọcTậpVàLàmTheoTưTưởngĐạoĐứcPhongCáchHồChíMinh \(checksum) cuối") {
            words.append(String(decoding: $0, as: UTF8.self))
        }
        #expect(words == ["đảng", "bộ", "01", "kl", "tw", "người", "dân", "x²", "ωmega", "họctậpvàlàmtheotưtưởngđạođứcphongcáchhồchíminh", "cuối"])
    }

    /// A number written with dots between thousands, as Vietnamese writes them, is one word, its
    /// digits joined: `1250` finds `1.250 hộ`. A decimal, a date or a version keeps its parts.
    @Test func aNumberWithThousandsDotsIsOneWord() throws {
        var words: [String] = []
        SearchWords.forEach(in: "Có 1.250 hộ, 2.500.000 đồng; 3.14 và 2023.05.18; 12.3456; A1.250; 1.25.000; 1234.567; có 1.250.") {
            words.append(String(decoding: $0, as: UTF8.self))
        }
        #expect(words == ["có", "1250", "hộ", "2500000", "đồng", "3", "14", "và", "2023", "05", "18", "12", "3456", "a1250", "1", "25000", "1234", "567", "có", "1250"])
        let site = try TestSite()
        try site.write("content/articles/a.md", article(title: "Giảm nghèo", body: "Năm nay huyện có 1.250 hộ thoát nghèo.\n"))
        try site.build()
        let index = try BuiltSearchIndex(site: site.output)
        #expect(index.words["1250"] != nil && index.words["250"] == nil, "\(index.words.keys.sorted())")
        #expect(index.pairs[BuiltSearchIndex.bucket("1250", "hộ")] == [0])
    }

    /// Scripts written without spaces between words (Chinese, kana, Thai, Lao, Khmer, Myanmar)
    /// are parted into their letters, each a word with the marks after it, and their digits go
    /// on as numbers do: a paragraph of them was one run longer than any word, skipped whole, and
    /// a run shorter than that was found only by its start.
    @Test func aScriptWithoutSpacesIsPartedIntoItsLetters() throws {
        var words: [String] = []
        SearchWords.forEach(in: "中国共产党 2023年5月 ពិធីបុណ្យ ការประชุม Hà Nội中国A ໄຊ ๒๕๖๖ปี 一二") { words.append(String(decoding: $0, as: UTF8.self)) }
        #expect(words == [
            "中", "国", "共", "产", "党", "2023", "年", "5", "月", "ពិ", "ធី", "បុ", "ណ្", "យ", "កា", "រ", "ป", "ร", "ะ", "ชุ", "ม",
            "hà", "nội", "中", "国", "a", "ໄ", "ຊ", "๒๕๖๖", "ปี", "一", "二",
        ])
        let paragraph = "ពិធីបុណ្យចូលឆ្នាំថ្មីប្រពៃណីជាតិខ្មែរនៅខេត្តសុកត្រាំងត្រូវបានប្រារព្ធយ៉ាងអធិកអធម។\n\n中国共产党代表团访问越南双方就党的建设和干部培训工作交换了意见。\n"
        let site = try TestSite()
        try site.write("content/articles/a.md", article(title: "Lễ hội ở Sóc Trăng", body: paragraph))
        try site.build()
        let index = try BuiltSearchIndex(site: site.output)
        #expect(["共", "产", "党", "ខ", "ត"].allSatisfy { index.words[$0] != nil }, "\(index.words.keys.sorted())")
        #expect(index.pairs[BuiltSearchIndex.bucket("共", "产")] == [0])
        #expect(index.pairs[BuiltSearchIndex.bucket("产", "党")] == [0])
    }

    /// The search page parts a query and a record into letters in the same blocks as the index
    /// (`UNSPACED` in search.js): a block in one and not the other would find nothing typed in it.
    @Test func theSearchPageNamesTheIndexsScriptsWithoutSpaces() throws {
        let script = try String(contentsOf: Repo.templates.appendingPathComponent("assets/search.js"), encoding: .utf8)
        let declaration = try #require(script.firstMatch(of: #/var UNSPACED = ([^;]*);/#)).1
        let blocks = declaration.matches(of: #/\\\\u\{?([0-9A-Fa-f]+)\}?-\\\\u\{?([0-9A-Fa-f]+)\}?/#).map { UInt32($0.1, radix: 16)!...UInt32($0.2, radix: 16)! }
        #expect(!blocks.isEmpty && blocks == SearchWords.Kinds.unspacedBlocks, "\(blocks)")
    }

    /// An emoji's variation selector (U+FE0F, as phones write ❤️ ✔️ ⚠️) or an accent after a
    /// space is a mark with no letter before it: no word, and the words around it stay neighbours.
    @Test func aMarkWithNoLetterBeforeItStartsNoWord() throws {
        var words: [String] = []
        SearchWords.forEach(in: "Cảm ơn ❤\u{FE0F} \u{0301}x Đúng ✔\u{FE0F} rồi \u{FE0F}\u{FE0F}") { words.append(String(decoding: $0, as: UTF8.self)) }
        #expect(words == ["cảm", "ơn", "x", "đúng", "rồi"])
        // In a whole site, in the title, the category, the place and the body (the build crashed on them).
        let site = try TestSite()
        try site.write("content/articles/a.md", article(
            title: "Cảm ơn ❤\u{FE0F}", extra: "category: \"Ảnh 🏙\u{FE0F}\"\nlocation: \"🏙\u{FE0F} Sài Gòn\"\n", body: "Đúng ✔\u{FE0F} rồi\n\n\u{0301}\n"))
        try site.build()
        let index = try BuiltSearchIndex(site: site.output)
        #expect(!index.words.keys.contains { $0.isEmpty || $0.unicodeScalars.allSatisfy(\.properties.isGraphemeExtend) }, "\(index.words.keys.sorted())")
        #expect(["cam", "on", "anh", "sai", "gon", "dung", "roi"].allSatisfy { index.words[$0] != nil }, "\(index.words.keys.sorted())")
        #expect(index.pairs[BuiltSearchIndex.bucket("đúng", "rồi")] == [0])
    }

    /// Typography of real articles: no-break spaces, curly quotes, dashes and ellipses end words
    /// (they are read from the table, not one by one), combining marks and letters beyond it do not.
    @Test func punctuationOfRealTextEndsWords() {
        var words: [String] = []
        let text = "“Dân\u{00A0}vận” khéo—2021–2025… «ĐOÀN» ẞ Ǆ e\u{0301}m Привет 😀mã"
        SearchWords.forEach(in: text) { words.append(String(decoding: $0, as: UTF8.self)) }
        #expect(words == ["dân", "vận", "khéo", "2021", "2025", "đoàn", "ß", "ǆ", "e\u{0301}m", "привет", "mã"])
    }

    /// `Hʼmông` written with a letter for its apostrophe (U+02BC, or ʻ ʽ ʹ) is `h` and `mông`, as
    /// `H'Mông` is: the page reads a query the same way, so the word copied from the article, or
    /// `Mông` alone, finds it.
    @Test func aLetterWrittenForAnApostrophePartsWordsAsTheApostropheDoes() {
        for apostrophe in ["'", "\u{2019}", "\u{02BC}", "\u{02BB}", "\u{02BD}", "\u{02B9}"] {
            #expect(Self.words("Đồng bào H\(apostrophe)Mông ở Sủng Là") == ["đồng", "bào", "h", "mông", "ở", "sủng", "là"], "U+\(String(apostrophe.unicodeScalars.first!.value, radix: 16))")
            // One address too: a place or category written either way has one page.
            #expect(Slug(from: "Bản H\(apostrophe)Mông")?.value == "ban-h-mong")
        }
    }

    /// A syllable whose only vowel is written `y` or `i` after its initial (`lý`/`lí`, `quy`/`qui`,
    /// `kỹ`/`kĩ`, `mỹ`/`mĩ`, `tỷ`/`tỉ`), both spellings in print, is one word to search: one folded
    /// word (with `i`) holding both forms, and one pair of neighbours, however an article spells
    /// it; `tuy`, `tay`, `quyết`, `yêu`, `y` and `city` keep their `y`. The page folds a query and
    /// a record with the same initials (`Y_AS_I` in search.js).
    @Test func aSyllableSpeltWithYOrIIsOneWord() throws {
        func fnv(_ bytes: [UInt8]) -> UInt32 { bytes.reduce(0x811C_9DC5) { ($0 ^ UInt32($1)) &* 0x0100_0193 } }
        let folds = [
            ("lý", "li"), ("lí", "li"), ("ly", "li"), ("quy", "qui"), ("quí", "qui"), ("kỹ", "ki"), ("Kĩ", "ki"), ("mỹ", "mi"), ("tỷ", "ti"),
            ("hy", "hi"), ("nghy", "nghi"), ("tuy", "tuy"), ("tay", "tay"), ("quyết", "quyet"), ("yêu", "yeu"), ("y", "y"), ("city", "city"),
            ("party", "party"), ("sky", "sky"), ("gy", "gi"), ("giy", "giy"),
        ]
        for (word, folded) in folds {
            let made = Array(word.utf8).withUnsafeBytes(VietnameseFolding.foldedWordUTF8)
            #expect(String(decoding: made, as: UTF8.self) == folded, "\(word)")
            #expect(Array(word.utf8).withUnsafeBytes(VietnameseFolding.foldedHash) == fnv(made), "\(word)")
        }
        let site = try TestSite()
        try site.write("content/articles/a.md", article(title: "Bồi dưỡng lí luận chính trị", date: "2023-03-14T08:00:00+07:00", body: "Anh Kĩ học thêm."))
        try site.write("content/articles/b.md", article(title: "Lý luận và thực tiễn", date: "2023-03-15T08:00:00+07:00", body: "Kỹ sư trẻ."))
        try site.build()
        let index = try BuiltSearchIndex(site: site.output)
        #expect(Set(index.forms("li")) == ["lí", "lý"] && index.words["ly"] == nil, "\(index.words.keys.sorted())")
        #expect(index.articles("li") == [0, 1] && index.articles("ki") == [0, 1])
        #expect(index.pairs[BuiltSearchIndex.bucket("lý", "luận")] == [0, 1] && index.pairs[BuiltSearchIndex.bucket("li", "luan")] == [0, 1])
        let script = try String(contentsOf: Repo.templates.appendingPathComponent("assets/search.js"), encoding: .utf8)
        let list = try #require(script.firstMatch(of: #/var Y_AS_I = \[([^\]]*)\]/#)).1
        #expect(list.matches(of: #/"([a-z]+)"/#).map { String($0.1) } == VietnameseFolding.initialsOfIOrY)
    }

    /// A soft hyphen (`&shy;`, or one pasted from a page that hyphenates), a word joiner, a
    /// zero-width joiner or non-joiner inside a word is no part of it and parts nothing: the page
    /// shows `Tháp`, and `thap` finds it. The word's key is that of its letters (the first eight
    /// bytes and the length as the loop keeps them). A zero-width space still parts words. The
    /// page reads a query and a record so too (`INSIDE_WORDS` in search.js).
    @Test func aCharacterThatShowsAsNothingInsideAWordIsNotThere() throws {
        let text = "Đồng Th\u{AD}áp, Mỹ Hi\u{AD}ệp, Ngh\u{2060}iên\u{200C}cứu \u{AD}Cà\u{FEFF}Mau\u{AD} x\u{200B}y, ngh\u{AD}iêngnghi\u{200D}êng"
        var words: [String] = [], keysDiffer: [String] = []
        Array(text.utf8).withUnsafeBufferPointer { utf8 in
            SearchWords.forEach(in: utf8) { word, key in
                words.append(String(decoding: word, as: UTF8.self))
                let plain = WordTable.key(UnsafeRawBufferPointer(word))
                if plain.hash != key.hash || plain.head != key.head { keysDiffer.append(words.last!) }
            }
        }
        #expect(words == ["đồng", "tháp", "mỹ", "hiệp", "nghiêncứu", "càmau", "x", "y", "nghiêngnghiêng"])
        #expect(keysDiffer.isEmpty, "\(keysDiffer)")
        let site = try TestSite()
        try site.write("content/articles/a.md", article(
            title: "Đường làng mới", body: "Đảng bộ tỉnh Đồng Th\u{AD}áp hỗ trợ vật liệu.\n\nChi bộ ấp Mỹ Hi&shy;ệp góp ngày công."))
        try site.build()
        let index = try BuiltSearchIndex(site: site.output)
        #expect(index.forms("thap") == ["tháp"] && index.forms("hiep") == ["hiệp"], "\(index.words.keys.sorted())")
        #expect(["th", "hi", "ep"].allSatisfy { index.words[$0] == nil }, "\(index.words.keys.sorted())")
        #expect(index.pairs[BuiltSearchIndex.bucket("đồng", "tháp")] == [0] && index.pairs[BuiltSearchIndex.bucket("ấp", "mỹ", "hiệp")] == [0])
        let script = try String(contentsOf: Repo.templates.appendingPathComponent("assets/search.js"), encoding: .utf8)
        let declaration = try #require(script.firstMatch(of: #/var INSIDE_WORDS = ([^;]*);/#)).1
        #expect(Set(declaration.matches(of: #/\\u([0-9a-fA-F]{4})/#).map { UInt32($0.1, radix: 16)! }) == SearchWords.Kinds.insideWords)
    }

    /// Words sharing their first eight bytes or more, words that start others, and letters of
    /// two and three bytes come out in plain bytewise order.
    @Test func aWordTableSortsItsWordsBytewise() {
        var words = ["nghiêngnghiêng", "nghiêngngả", "nghiêng", "nghiêngnghiêngx", "a", "ab", "đảng", "dang", "đang",
                     "12345678", "123456789", "1234567", "12345678a", "ấp", "ắp", "z", "zzzzzzzzzzzz", "zzzzzzzzzzzy"]
        var random = SystemRandomNumberGenerator()
        let letters = Array("abcdđơư0123456789ạảấ")
        for _ in 0..<500 { words.append(String((0..<Int.random(in: 1...14, using: &random)).map { _ in letters.randomElement(using: &random)! })) }
        var table = WordTable()
        for word in words { _ = Array(word.utf8).withUnsafeBytes { table.intern($0) } }
        let sorted = table.sortedBytewise().map { id in table.word(id) { Array($0) } }
        #expect(sorted == Set(words.map { Array($0.utf8) }).sorted { $0.lexicographicallyPrecedes($1) })
    }

    /// Words read eight bytes at a time, with other bytes after them, are told apart and found
    /// again as when read one by one: whatever follows a word is not part of it.
    @Test func aWordTableComparesPaddedWordsByTheirOwnBytes() {
        var random = SeededGenerator(seed: 5)
        let letters = Array("abđơ0ạ".utf8)
        let words = (0..<2_000).map { _ in (0..<Int.random(in: 1...20, using: &random)).map { _ in letters.randomElement(using: &random)! } }
        var padded = WordTable(), plain = WordTable()
        var ids: [[UInt8]: Int] = [:]
        for word in words {
            // The word, then eight bytes of noise that may continue it.
            let buffer = word + (0..<8).map { _ in letters.randomElement(using: &random)! }
            let id = buffer.withUnsafeBytes { padded.intern(WordTable.Padded(UnsafeRawBufferPointer(rebasing: $0[0..<word.count]))) }
            #expect(ids[word, default: id] == id, "\(word) found as another word")
            ids[word] = id
            #expect(word.withUnsafeBytes { plain.intern($0) } == id, "numbered as when read one by one")
        }
        #expect(padded.count == Set(words).count)
        for (word, id) in ids { #expect(padded.word(id) { Array($0) } == word) }
    }

    /// A word's key is the same whether it is read byte by byte, eight bytes at a time, or kept
    /// as a number while it is read (`SearchWords`): a table numbers it the same whichever way
    /// it was met, and a long word sharing a short one's first eight bytes is another word.
    @Test func aWordsKeyIsTheSameHoweverItIsWorkedOut() {
        var random = SeededGenerator(seed: 9)
        let letters = Array("aođơ0ạ".utf8)
        var table = WordTable()
        for _ in 0..<3_000 {
            let word = (0..<Int.random(in: 1...20, using: &random)).map { _ in letters.randomElement(using: &random)! }
            let padded = word + (0..<8).map { _ in letters.randomElement(using: &random)! }
            let plain = word.withUnsafeBytes { WordTable.key($0) }
            let read = padded.withUnsafeBytes { WordTable.key(readingPast: UnsafeRawBufferPointer(rebasing: $0[0..<word.count])) }
            #expect(plain.hash == read.hash && plain.head == read.head, "\(word)")
            if word.count <= 8 {
                let head = word.enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
                let kept = WordTable.key(head: head, count: word.count)
                #expect(kept.hash == plain.hash && kept.head == plain.head, "\(word)")
            }
            let id = padded.withUnsafeBytes { table.intern(WordTable.Padded(UnsafeRawBufferPointer(rebasing: $0[0..<word.count])), key: read) }
            #expect(word.withUnsafeBytes { table.id(of: $0) } == id)
        }
        // Words that share their first eight bytes are told apart by the rest, and by their length
        // (hundreds of them, so that some meet in the table's slots).
        var long = WordTable()
        let ends = "abcdefghijklmnopqrstuvwxyz".map { String($0) }
        let words = (["abcdefg", "abcdefgh", "abcdefghi"] + ends.flatMap { a in ends.map { b in "abcdefgh" + a + b } }).map { Array($0.utf8) }
        let ids = words.map { word in word.withUnsafeBytes { long.intern($0) } }
        #expect(Set(ids).count == words.count && long.count == words.count)
        for (word, id) in zip(words, ids) { #expect(long.word(id) { Array($0) } == word) }
    }

    /// An entry lists a folded word's forms by how many articles have them, then bytewise.
    @Test func aFoldedWordsFormsComeMostUsedFirst() throws {
        let site = try TestSite()
        for (k, body) in ["đàng đảng", "đảng đăng", "đảng", "đăng đang"].enumerated() {
            try site.write("content/articles/\(k).md", article(title: "Bài \(k)", date: "2024-01-0\(k + 1)T08:00:00+07:00", body: body))
        }
        try site.build()
        let index = try BuiltSearchIndex(site: site.output)
        #expect(index.forms("dang") == ["đảng", "đăng", "đang", "đàng"])
    }

    /// Random texts of Vietnamese, punctuation, other scripts, emoji and combining marks, with
    /// runs near the longest words kept (with a digit and without): the byte-level reader finds
    /// the words a reader of whole scalars finds with `Kinds.kind`.
    @Test func wordsReadFromBytesAreThoseOfTheirScalars() {
        let pieces = ["a", "Z", "7", " ", ",", "-", "/", "đ", "Đ", "ư", "Ư", "ạ", "Ấ", "ế", "ỹ", "\u{00A0}", "“", "”", "–", "…", "«",
                      "ß", "ẞ", "İ", "Ǆ", "e\u{0301}", "\u{0301}", "❤\u{FE0F}", "\u{FE0F}", "Ж", "ж", "中", "😀", "²", "\t", "\n", "ƒ", "Ω", "\u{2028}",
                      "ก", "\u{0E34}", "ក", "\u{17B6}", "\u{17D2}", "๒", "𠀀", "\u{00AD}", "\u{2060}", "\u{200C}", "\u{FEFF}", "\u{200B}"]
        var random = SeededGenerator(seed: 17)
        func reference(_ text: String) -> [String] {
            var words: [String] = [], current: [UInt8] = [], alone = false
            func end() {
                let longest = current.contains { $0 >= 0x30 && $0 <= 0x39 } ? SearchWords.maxLengthWithDigits : SearchWords.maxLength
                if !current.isEmpty, current.count <= longest { words.append(String(decoding: current, as: UTF8.self)) }
                current = []
                alone = false
            }
            for scalar in text.unicodeScalars {
                let kind = SearchWords.Kinds.kind(of: scalar.value)
                if kind == SearchWords.Kinds.skipped { continue }
                if kind == SearchWords.Kinds.boundary { end() } else if current.isEmpty && SearchWords.Kinds.isMark(scalar.value) {
                    // A mark starts no word.
                } else {
                    // A letter of a script written without spaces is a word with the marks after it.
                    let standsAlone = SearchWords.Kinds.standsAlone(scalar.value)
                    if !current.isEmpty, standsAlone || (alone && !SearchWords.Kinds.isAnyMark(scalar.value)) { end() }
                    current += String(kind == SearchWords.Kinds.same ? scalar : Unicode.Scalar(kind)!).utf8
                    alone = alone || standsAlone
                }
            }
            end()
            return words
        }
        var differ: [String] = []
        for round in 0..<3_000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...40, using: &random) {
                let piece = pieces.randomElement(using: &random)!
                // Now and then a run of one letter, around the longest word kept.
                text += Int.random(in: 0..<8, using: &random) == 0 ? String(repeating: piece, count: Int.random(in: 10...52, using: &random)) : piece
            }
            var words: [String] = []
            SearchWords.forEach(in: text) { words.append(String(decoding: $0, as: UTF8.self)) }
            if words != reference(text) { differ.append("round \(round): \(text.debugDescription)") }
        }
        #expect(differ.isEmpty, "\(differ.prefix(3))")
    }

    /// Every scalar the table covers is read as its own definition says (`Kinds.kind`), between
    /// two letters: the end of a word, the scalar itself, or its lower-case form.
    @Test func theScalarTableAgreesWithUnicode() {
        let ranges: [ClosedRange<UInt32>] = [0...0x7F, 0x80...0x24F, 0x1E00...0x1EFF, 0x2000...0x206F]
        var differ: [String] = []
        for value in ranges.joined() {
            guard let scalar = Unicode.Scalar(value) else { continue }
            var words: [String] = []
            SearchWords.forEach(in: "a" + String(scalar) + "b") { words.append(String(decoding: $0, as: UTF8.self)) }
            let kind = SearchWords.Kinds.kind(of: value)
            let expected = kind == SearchWords.Kinds.skipped ? ["ab"] : kind == SearchWords.Kinds.boundary ? ["a", "b"]
                : ["a" + String(kind == SearchWords.Kinds.same ? scalar : Unicode.Scalar(kind)!) + "b"]
            if words != expected { differ.append("U+\(String(value, radix: 16)): \(words)") }
        }
        #expect(differ.isEmpty, "\(differ.prefix(10))")
    }

    @Test(arguments: [
        [Int32](), [0], [5, 300, 70_000], Array(0..<1000), Array(stride(from: 0, to: 5000, by: 2)), [1, 2, 3, 40, 41, 1_000_000],
        // Gaps of 31, 32, 1,023 and 1,024: one digit, two, two, three.
        [31, 64, 1088, 2113, 2114],
    ])
    func docListsReadBackWhicheverFormIsShorter(numbers: [Int32]) {
        var out: [UInt8] = []
        DocList.append(numbers, to: &out)
        #expect(DocList.decode(out) == numbers)
        let dense = numbers.count > 16 && Int(numbers.last!) < numbers.count * 4
        #expect((out.first == UInt8(ascii: "~")) == dense, "\(String(decoding: out.prefix(20), as: UTF8.self))")
        #expect(out.allSatisfy { $0 >= 0x21 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }, "safe in a JSON string")
    }

    /// Articles with many words sharing prefixes: shards split by longer keys, each under the
    /// limit unless one word alone passes it, and every word in the shard of its longest key.
    @Test func shardsSplitByPrefixAndEveryWordIsInItsLongestKeysShard() throws {
        var blobs: [[UInt8]] = []
        let syllables = ["tha", "thanh", "thap", "tham", "than", "thi", "tho", "thu", "thuc", "thuong", "tra", "tri", "trong", "đảng", "đẳng", "ấp", "ωmega"]
        for n in 0..<1500 {
            var words = syllables.filter { $0.count % 3 == n % 3 || n % 5 == 0 }
            words += (0..<6).map { "th\(n % 97)x\($0)" }
            blobs.append(Self.blob(record: "[\"bai-viet/\(n)/index.html\",\"Bài \(n)\",\"01/01/2023\",\"\",\"\"]", words: words))
        }
        let index = SearchIndex(articles: ArticleBlobs(blobs), numbering: "")
        let files = index.files + index.recordNumbers.map { SearchShards.File(path: SearchShards.recordPath($0), bytes: index.record($0)) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("shards-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in files {
            let url = folder.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.bytes).write(to: url)
        }
        let built = try BuiltSearchIndex(site: folder)
        #expect(built.docs == 1500)
        #expect(built.keys.contains { $0.count >= 3 }, "some shard was split: \(built.keys)")
        #expect(Set(built.keys).count == built.keys.count)
        for (word, (key, _)) in built.words {
            #expect(word.hasPrefix(key))
            let longer = built.keys.filter { $0.count > key.count && word.hasPrefix($0) }
            #expect(longer.isEmpty, "\(word) is in \(key), not \(longer)")
        }
        for key in built.keys {
            let size = files.first { $0.path == SearchShards.folder + SearchShards.shardFileName(key) }!.bytes.count
            let words = built.words.filter { $0.value.key == key }.count
            #expect(size <= SearchShards.shardLimit + 200 || words == 1, "shard \(key): \(size) bytes, \(words) words")
        }
        // Blob `i` (site order, newest first) is article number 1499 - i.
        #expect(built.articles("dang") == Set((0..<1500).filter { $0 % 3 == "đảng".count % 3 || $0 % 5 == 0 }.map { 1499 - $0 }))
        #expect(built.forms("dang").sorted() == ["đảng", "đẳng"])
        #expect(built.words["ωmega"]?.key == "ω")
    }

    /// Neighbouring words of each field are paired, folded, in their order: the page puts the
    /// articles with every pair of a query first. Words of two fields are not neighbours.
    @Test func neighbouringWordsOfEachFieldArePairedInTheirOrder() throws {
        let site = try site()
        try site.build()
        let index = try BuiltSearchIndex(site: site.output)
        let a = try #require(index.number(title: "Đảng bộ xã Tân Phú học tập chuyên đề"))
        let b = try #require(index.number(title: "Nghệ An: Chi bộ làm theo Bác"))
        func has(_ words: String...) -> Set<Int> {
            index.pairs[words.count == 2 ? BuiltSearchIndex.bucket(words[0], words[1]) : BuiltSearchIndex.bucket(words[0], words[1], words[2])] ?? []
        }
        // Title, sapo, body (across the punctuation between two words), byline; folded either way.
        #expect(has("tân", "phú") == [a] && has("tan", "phu") == [a])
        #expect(has("đoàn", "kết") == [a] && has("trần", "văn") == [a])
        #expect(has("làm", "theo") == [b], "title and body of b both have it; a does not")
        #expect(has("bác", "đảng").isEmpty, "the title's last word and the body's first are not neighbours")
        #expect(has("phú", "tân").isEmpty, "the other order")
        // Three words in a row, in the same field only.
        #expect(has("xã", "tân", "phú") == [a] && has("xa", "tan", "phu") == [a])
        #expect(has("chi", "bộ", "làm") == [b])
        #expect(has("tân", "xã", "phú").isEmpty && has("phú", "tân", "xã").isEmpty, "other orders")
        #expect(has("chuyên", "đề", "kết").isEmpty, "the title's last two words and the body's first are not a run")
        // Every article's buckets, and only those, are listed.
        #expect(Set(index.pairs.values.flatMap { $0 }) == Set(0..<index.docs))
    }

    /// A full build reads articles in runs, each core with one `WordCache` for all its runs; a
    /// rebuild reads an edited article alone. What search keeps of an article is the same either
    /// way, whatever that cache read before: here articles with words in common, one with a word
    /// in the title and the body, read in one run and in runs of one (the caches then serve
    /// several runs), in both orders.
    @Test func anArticleReadsTheSameAloneAndAfterOthers() throws {
        let site = try site()
        try site.write("content/articles/d.md", article(
            title: "Tân Phú giữ rừng đước", date: "2023-07-01T08:00:00+07:00", extra: "summary: \"Rừng đước Tân Phú\"\n",
            body: "Chi bộ ấp Tân Hòa giữ rừng đước, rừng đước giữ đất. Đảng viên đăng ký giữ rừng."))
        let graph = try #require(try SiteBuilderProbe.graph(site))
        let indices = Array(graph.articles.indices)
        #expect(indices.count == 4)
        let alone = indices.map { SearchIndex.articleBytes(for: graph, [$0]).first! }
        for chunk in [SearchIndex.chunk, 1] {
            for order in [indices, indices.reversed()] {
                for (index, bytes) in zip(order, SearchIndex.articleBytes(for: graph, order, chunk: chunk)) {
                    #expect(bytes.elementsEqual(alone[index]), "article \(index) read after others, in the order \(order), runs of \(chunk)")
                }
            }
        }
        // Each article has its words and buckets, not fewer because another had them first.
        for blob in alone {
            var words = 0
            blob.withUnsafeBytes { IndexedArticle.forEachWord(in: $0) { _, _ in words += 1 } }
            #expect(words > 3)
        }
    }

    /// A `WordCache` numbers the articles it reads in its words' marks, and clears the marks
    /// when the numbers run out: each article's bytes are then those of a cache whose numbers
    /// have not, whichever words and fields the articles before had.
    @Test func aWordCacheWhoseArticleNumbersRunOutMakesTheSameBytes() {
        var random = SeededGenerator(seed: 17)
        let words = ["đảng", "bộ", "chi", "ấp", "tân", "hòa", "giữ", "rừng", "1.250", "nghiêngnghiêng"]
        let fields: [IndexedArticle.Field] = [.title, .sapo, .body, .meta]
        var runningOut = WordCache(lastStamp: 3), plain = WordCache()
        for article in 0..<30 {
            let texts = (0..<Int.random(in: 1...4, using: &random)).map { _ in
                let text = (0..<Int.random(in: 0...12, using: &random)).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
                return (bytes: Array(text.utf8), field: fields.randomElement(using: &random)!)
            }
            var made: [UInt8] = [], expected: [UInt8] = []
            runningOut.append(texts, to: &made)
            plain.append(texts, to: &expected)
            #expect(made == expected, "article \(article)")
        }
    }

    /// An article's bytes as `IndexedArticle.make` writes them, with every word in the body.
    static func blob(record: String, words: [String]) -> [UInt8] {
        var out: [UInt8] = []
        withUnsafeBytes(of: UInt32(record.utf8.count).littleEndian) { out += $0 }
        out += record.utf8
        withUnsafeBytes(of: UInt32(0).littleEndian) { out += $0 }  // no PhrasePairs buckets
        withUnsafeBytes(of: UInt32(words.count).littleEndian) { out += $0 }
        for word in words {
            out.append(IndexedArticle.Field.body.rawValue)
            out.append(UInt8(word.utf8.count))
        }
        for word in words { out += word.utf8 }
        return out
    }

    @Test func anArticleTypedInDecomposedUnicodeIndexesTheSame() throws {
        let composed = try site()
        let decomposed = try site()
        let text = try decomposed.read("content/articles/a.md")
        try decomposed.write("content/articles/a.md", text.decomposedStringWithCanonicalMapping)
        try composed.build()
        try decomposed.build()
        let folder = "public/" + BuiltSearchIndex.folder
        #expect(try composed.snapshot(composed.root.appendingPathComponent(folder)) == decomposed.snapshot(decomposed.root.appendingPathComponent(folder)))
    }

    /// A body edit writes that article's record, the shards of the words it added or removed and
    /// the pair files of the runs of neighbours it changed; every other file of the index is the last
    /// build's (the same file, not rewritten).
    @Test func aBodyEditRewritesOnlyItsRecordAndTheShardsOfTheWordsItChanged() throws {
        let site = try site()
        try site.build()
        let folder = site.output.appendingPathComponent(BuiltSearchIndex.folder)
        let before = try inodes(folder)
        let index = try BuiltSearchIndex(site: site.output)
        let a = try #require(index.number(title: "Đảng bộ xã Tân Phú học tập chuyên đề"))
        // "lồng bè" → "xyzmới bè": lồng leaves the bulletin, xyzmới comes in.
        let text = try site.read("content/articles/a.md")
        try site.write("content/articles/a.md", text.replacingOccurrences(of: "lồng bè", with: "xyzmới bè"))
        try site.build()
        let after = try inodes(folder)
        let rewritten = Set(after.keys.filter { before[$0] != after[$0] })
        let rebuilt = try BuiltSearchIndex(site: site.output)
        let added = try #require(rebuilt.words["xyzmoi"]?.key), removed = try #require(index.words["long"]?.key)
        // The runs of two and three words the edit changed: those with lồng left, those with
        // xyzmới in its place came in.
        let body = try #require(index.records[a]?[4])
        var words: [String] = []
        SearchWords.forEach(in: body) { words.append(String(decoding: $0, as: UTF8.self)) }
        let at = try #require(words.indices.first { words[$0] == "lồng" && words[$0 + 1] == "bè" })
        func runs(_ word: String) -> [Int] {
            let (p2, p1, next) = (words[at - 2], words[at - 1], words[at + 2])
            return [
                BuiltSearchIndex.bucket(p1, word), BuiltSearchIndex.bucket(word, "bè"), BuiltSearchIndex.bucket(p2, p1, word),
                BuiltSearchIndex.bucket(p1, word, "bè"), BuiltSearchIndex.bucket(word, "bè", next),
            ]
        }
        let gone = runs("lồng"), new = runs("xyzmới")
        #expect(new.allSatisfy { rebuilt.pairs[$0]?.contains(a) == true })
        let changed = Set(Set(index.pairs.keys).union(rebuilt.pairs.keys).filter { index.pairs[$0] != rebuilt.pairs[$0] })
        #expect(!changed.isEmpty && changed.isSubset(of: gone + new), "changed buckets \(changed)")
        let expected = Set(["bai/\(a).js", SearchShards.shardFileName(added), SearchShards.shardFileName(removed)] + changed.map(index.pairFile))
        #expect(rewritten == expected)
        #expect(rebuilt.articles("xyzmoi") == [a] && rebuilt.words["long"] == nil)
        #expect(Set(before.keys) == Set(after.keys))
        // And the output is a clean build's.
        #expect(try site.differencesFromACleanBuild() == [])
    }

    /// After a change search does not read (a template), the shards come from the memo of the
    /// last build, which is not saved again; after one it reads (a sapo), they are made again.
    /// Either way the site is a clean build's.
    @Test func theShardsAreMadeAgainOnlyWhenWhatSearchReadsChanged() throws {
        let site = try site()
        try site.build()
        let memo = OutputFolder(url: site.output, display: "public").searchShardsURL
        let first = try inode(memo)
        let clean = site.root.appendingPathComponent("clean")

        try site.write("templates/card.mustache", try site.read("templates/card.mustache") + "{{! sửa mẫu }}\n")
        try site.build()
        #expect(try inode(memo) == first, "a template edit saved the shards again")
        _ = try SiteBuilder.build(site.options(output: clean))
        #expect(try site.differences(from: clean) == [])

        let text = try site.read("content/articles/b.md")
        try site.write("content/articles/b.md", text.replacingOccurrences(of: "title: ", with: "summary: \"Sapo mới xyzsapo\"\ntitle: "))
        try site.build()
        #expect(try inode(memo) != first, "the shards of a changed sapo were taken from the memo")
        #expect(try BuiltSearchIndex(site: site.output).articles("xyzsapo", in: .sapo).count == 1)
        let cleanAfter = site.root.appendingPathComponent("clean-after")
        _ = try SiteBuilder.build(site.options(output: cleanAfter))
        #expect(try site.differences(from: cleanAfter) == [])
    }

    /// The index's large arrays are hinted to be huge pages over the whole pages they span
    /// only: a hint past either end would reach memory that holds something else.
    @Test func aLargeArrayIsHintedOnlyOverTheWholeHugePagesInside() {
        let page = UInt(HugePages.size)
        #expect(HugePages.wholePages(at: 3 * page + 10, count: 4 * Int(page)) == 4 * page..<7 * page)
        #expect(HugePages.wholePages(at: 2 * page, count: 2 * Int(page)) == 2 * page..<4 * page)
        #expect(HugePages.wholePages(at: 2 * page + 1, count: 2 * Int(page)) == 3 * page..<4 * page)
        #expect(HugePages.wholePages(at: page - 1, count: 2 * Int(page) + 1) == page..<3 * page)
        #expect(HugePages.wholePages(at: 0, count: 2 * Int(page) - 1) == nil)
        #expect(HugePages.wholePages(at: 1, count: 2 * Int(page) - 1) == nil)
    }

    /// A body read with its article is kept for the search index, which reads it once without
    /// its file (here deleted since); after that, it is the file's again (and missing, told so).
    @Test func aBodyKeptForTheIndexIsReadOnceWithoutItsFile() throws {
        let site = try TestSite(content: "bulletin")
        let file = "content/articles/2023/bai.md"
        try site.write(file, "---\ntitle: \"Bài giữ lại\"\ndate: 2023-07-01\n---\n\nĐoạn giữ lại của bài.\n")
        let path = site.root.appendingPathComponent(file).path
        let (read, _, _) = CatalogLoader.readArticle(TreeEntry(relativePath: "articles/2023/bai.md", path: path), zone: .vietnam, keepingBodyIn: BodyStore(), display: file)
        let article = try #require(read)
        try FileManager.default.removeItem(atPath: path)
        #expect(article.bodyText.readOnce { String(decoding: $0, as: UTF8.self) } == "\nĐoạn giữ lại của bài.\n")
        #expect(article.bodyText.unreadable == nil)
        #expect(article.bodyText.readOnce { $0.count } == 0)
        #expect(article.bodyText.unreadable == ENOENT)
    }

    /// The bodies kept for the index are copies, whole, of what was read, however many fill a
    /// block of the store and however large one is.
    @Test func theBodyStoreKeepsEveryBodyWhole() {
        let store = BodyStore()
        let bodies: [[UInt8]] = [Array("Đoạn một.".utf8), [], Array(repeating: 0x61, count: BodyStore.blockSize + 10)]
            + (0..<200).map { n in (0..<(n * 997 % 70_000)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ n) } }
        let kept = bodies.map { body in body.withUnsafeBytes { store.keep($0).bytes } }
        for (body, copy) in zip(bodies, kept) where Array(copy) != body {
            Issue.record("a body of \(body.count) bytes kept as \(copy.count)")
        }
    }

    /// The pair lists are the same whether a bulletin's article numbers are held in two bytes
    /// (up to 65,536 articles) or four, and each list is its bucket's articles, ascending.
    @Test func pairListsAreTheSameHoweverTheirNumbersAreHeld() throws {
        let site = try site()
        let graph = try #require(try SiteBuilderProbe.graph(site))
        let blobs = ArticleBlobs(SearchIndex.articleBytes(for: graph, Array(graph.articles.indices)))
        let short = PhrasePairs.lists(blobs: blobs, as: UInt16.self), long = PhrasePairs.lists(blobs: blobs, as: Int32.self)
        #expect(short == long)
        #expect(PhrasePairs.lists(blobs: blobs) == long)
        var expected = [[Int32]](repeating: [], count: PhrasePairs.buckets)
        for number in 0..<blobs.count {
            blobs.withBlob(numbered: number) { IndexedArticle.forEachPairBucket(in: $0) { expected[$0].append(Int32(number)) } }
        }
        #expect(expected.contains { $0.count > 1 })
        for b in 0..<PhrasePairs.buckets where DocList.decode(Array(short.list(b))) != expected[b] {
            Issue.record("bucket \(b): \(DocList.decode(Array(short.list(b)))) against \(expected[b])")
            break
        }
    }

    /// The contents updated for an edited article, then for a new one, are those made from
    /// nothing; without the edited article's earlier bytes there is no update.
    @Test func updatedContentsAreThoseMadeFromNothing() throws {
        let site = try site()
        func blobs() throws -> [[UInt8]] {
            let graph = try #require(try SiteBuilderProbe.graph(site))
            return SearchIndex.articleBytes(for: graph, Array(graph.articles.indices))
        }
        let before = try blobs()
        let keysBefore = before.indices.map { UInt64(100 + $0) }
        let contents = SearchShards.contents(blobs: ArticleBlobs(before))
        func earlier(_ key: UInt64, _ body: (UnsafeRawBufferPointer) -> Void) -> Bool {
            guard let index = keysBefore.firstIndex(of: key) else { return false }
            before[index].withUnsafeBytes(body)
            return true
        }
        // Site order is newest first: b.md (June), a.md (May), c.md (2022). a.md loses "lồng",
        // gains a word, a title word and a sapo word, and its title gains "sông" of its body.
        let text = try site.read("content/articles/a.md")
        try site.write("content/articles/a.md", text.replacingOccurrences(of: "lồng bè", with: "xyzmới bè")
            .replacingOccurrences(of: "Sapo về", with: "Sapo xyzsapo về").replacingOccurrences(of: "học tập", with: "xyztựa sông học tập"))
        let edited = try blobs()
        let keysEdited = [keysBefore[0], 200, keysBefore[2]]
        let updated = try #require(SearchShards.updated(contents, keysBefore: keysBefore, keys: keysEdited, blobs: ArticleBlobs(edited), earlier: earlier))
        #expect(updated == SearchShards.contents(blobs: ArticleBlobs(edited)))
        #expect(updated != contents)

        try site.write("content/articles/e.md", article(title: "Bài mới xyzmới", date: "2024-01-01T08:00:00+07:00", body: "Chi bộ lồng ghép xyzmới."))
        let added = try blobs()
        #expect(added.count == 4)
        let stillEarlier = { (key: UInt64, body: (UnsafeRawBufferPointer) -> Void) -> Bool in
            guard let index = keysEdited.firstIndex(of: key) else { return false }
            edited[index].withUnsafeBytes(body)
            return true
        }
        let withNew = try #require(SearchShards.updated(updated, keysBefore: keysEdited, keys: [300] + keysEdited, blobs: ArticleBlobs(added), earlier: stillEarlier))
        #expect(withNew == SearchShards.contents(blobs: ArticleBlobs(added)))

        #expect(SearchShards.updated(contents, keysBefore: keysBefore, keys: keysEdited, blobs: ArticleBlobs(edited)) { _, _ in false } == nil)
    }

    /// A shard memo that does not read whole (cut short, or another file's bytes), or reads whole
    /// but is not what was saved (a bit turned in a word's entry, as a bad disk does), is made again.
    @Test(arguments: ["cut", "garbage", "bit", "last bit"])
    func aDamagedShardMemoIsMadeAgain(damage: String) throws {
        let site = try site()
        try site.build()
        let memo = OutputFolder(url: site.output, display: "public").searchShardsURL
        let saved = try Data(contentsOf: memo)
        var damaged = damage == "cut" ? saved.prefix(saved.count / 2) : Data(repeating: 0x41, count: saved.count)
        if damage.hasSuffix("bit") {
            damaged = saved
            // The `a` of a shard's word (`"dan`), or the memo's last byte.
            let at = damage == "bit" ? try #require(saved.firstRange(of: Data("\"dan".utf8))).lowerBound + 2 : saved.count - 1
            damaged[at] ^= 0x01
        }
        try damaged.write(to: memo)
        try site.write("templates/card.mustache", try site.read("templates/card.mustache") + "{{! sửa mẫu }}\n")
        try site.build()
        #expect(try Data(contentsOf: memo) == saved, "the memo was not made again")
        #expect(try site.differencesFromACleanBuild() == [])
    }

    func inode(_ url: URL) throws -> UInt64? {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? NSNumber)?.uint64Value
    }

    /// Index files (relative paths) and their inode numbers.
    func inodes(_ folder: URL) throws -> [String: UInt64] {
        var found: [String: UInt64] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) where path.hasSuffix(".js") {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(path).path)
            found[path] = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value
        }
        return found
    }
}

extension SearchIndex {
    /// What search keeps of the articles at `indices` of `graph`, in that order, made as a build
    /// makes them (`articleMaker`, runs of `chunk`).
    static func articleBytes(for graph: SiteGraph, _ indices: [Int], chunk: Int = chunk) -> [[UInt8]] {
        let writer = BlobWriter(count: indices.count)
        articleMaker(for: graph.articles, context: SearchContext(graph), chunk: chunk)(indices, writer)
        let blobs = ArticleBlobs(made: writer)
        return (0..<blobs.count).map { number in blobs.withBlob(number) { Array($0) } }
    }
}
