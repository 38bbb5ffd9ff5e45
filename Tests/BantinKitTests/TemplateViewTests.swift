import Foundation
import Testing

@testable import BantinKit

/// What templates see of the views and of `site.params`, as the README's Templates part says.
@Suite struct TemplateViewTests {
    /// Inside `{{#related}}`, a card's name with no value (a related article without a photo)
    /// and a name only an article's page has (`body`) are absent: the page's article's value is
    /// not found beneath them.
    @Test func aRelatedCardShowsNothingOfThePageArticleForWhatItLacks() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("templates/article.mustache", "{{#article}}{{#related}}[{{title}}|{{#image}}{{url}}{{/image}}{{^image}}no photo{{/image}}|{{#body}}body{{/body}}|{{#has_related}}more{{/has_related}}]\n{{/related}}{{/article}}\n")
        _ = try site.build()
        let page = try site.read("public/bai-viet/hoc-va-lam-theo-bac-tien-giang-nhan-rong-dien-hinh-tien-tien/index.html")
        let cards = page.split(separator: "\n").filter { $0.hasPrefix("[") }
        #expect(!cards.isEmpty)
        for card in cards {
            #expect(card.hasSuffix("|no photo||]"), "\(card)")
        }
    }

    /// A byline's parts are told apart by a ` · ` in the page itself, not by the stylesheet alone:
    /// a reader mode, a text browser or a copied byline keeps it (they ran together as
    /// "Hồ Thị MaiBáo Quảng TrịCam Lộ"). On the article's page, in the print edition's byline and
    /// in its table of contents, for each of the parts an article may lack. A no-break space keeps
    /// the dot with the part before it: a line never starts with one.
    @Test func aBylinesPartsAreSeparatedInThePageItself() throws {
        let site = try TestSite(content: "bulletin")
        let bylines: [(String, String)] = [
            ("author: \"Hồ Thị Mai\"\nsource: \"Báo Quảng Trị\"\nlocation: \"Cam Lộ\"\n", "Hồ Thị Mai~· Báo Quảng Trị~· Cam Lộ"),
            ("author: \"Hồ Thị Mai\"\nlocation: \"Cam Lộ\"\n", "Hồ Thị Mai~· Cam Lộ"),
            ("source: \"Báo Quảng Trị\"\nlocation: \"Cam Lộ\"\n", "Báo Quảng Trị~· Cam Lộ"),
            ("author: \"Hồ Thị Mai\"\nsource: \"Báo Quảng Trị\"\n", "Hồ Thị Mai~· Báo Quảng Trị"),
            ("source: \"Báo Quảng Trị\"\n", "Báo Quảng Trị"),
        ]
        for (k, (fields, _)) in bylines.enumerated() {
            try site.write("content/articles/2021/03/bai-\(k).md", article(title: "Bài ký tên số \(k)", date: "2021-03-1\(k)", extra: fields))
        }
        try site.build()
        // The text as a reader copies it, the no-break space before each dot written `~`.
        func text(_ html: Substring) -> String {
            html.replacing(#/<[^>]*>/#, with: "").replacingOccurrences(of: "&#160;", with: "~").trimmingCharacters(in: .whitespaces)
        }
        let edition = try site.read("public/luu-tru/2021/03/ban-in/index.html")
        let printed = edition.matches(of: #/<span class="byline">(.*?)</span><time/#).map { text($0.output.1) }
        let listed = edition.matches(of: #/<span class="toc-meta">(.*?)</span></span>/#).map { text($0.output.1) }
        #expect(Set(printed) == Set(bylines.map(\.1)), "\(printed)")
        #expect(Set(listed) == ["Cam Lộ~· Hồ Thị Mai", "Cam Lộ", "Hồ Thị Mai", ""], "\(listed)")
        for (k, (_, shown)) in bylines.enumerated() {
            let page = try site.read("public/bai-viet/bai-ky-ten-so-\(k)/index.html")
            let byline = try #require(page.firstMatch(of: #/<p class="byline">(.*?)</p>/#))
            #expect(text(byline.output.1) == shown)
        }
    }

    /// Unquoted `true` and `false` under `params` are yes and no; an empty value and `""` are
    /// absent; anything else (quoted `"false"`, `0`, `no`) is text.
    @Test func paramsFalseAndEmptyAreFalseInSections() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/site.yml", """
            title: "Bản tin"
            params:
              publisher:
              show: false
              shown: TRUE
              empty:
              quoted: ""
              text: "false"
              zero: 0
              word: no

            """)
        try site.write("templates/404.mustache", "{{#site.params.show}}S{{/site.params.show}}{{^site.params.show}}s{{/site.params.show}}|{{#site.params.shown}}{{site.params.shown}}{{/site.params.shown}}|{{#site.params.empty}}E{{/site.params.empty}}{{^site.params.empty}}e{{/site.params.empty}}|{{#site.params.quoted}}Q{{/site.params.quoted}}|{{#site.params.text}}{{site.params.text}}{{/site.params.text}}|{{#site.params.zero}}{{.}}{{/site.params.zero}}|{{#site.params.word}}{{.}}{{/site.params.word}}\n")
        _ = try site.build()
        #expect(try site.read("public/404.html") == "s|true|e||false|0|no\n")
        // An empty publisher is no publisher: the site's title is named instead.
        let article = try site.read("public/bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/index.html")
        #expect(article.contains("\"publisher\":{\"@type\":\"Organization\",\"name\":\"Bản tin\"}"))
    }

    /// An author who is a body (`Ban biên tập`, the publisher itself, `Tòa soạn`, `Tỉnh uỷ`…) is an
    /// Organization to search engines, not a Person; a person's name stays a Person.
    @Test func anAuthorThatIsABodyIsAnOrganizationInJSONLD() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/articles/2023/05/bbt.md", article(title: "Gợi ý sinh hoạt chi bộ", extra: "author: Ban biên tập\n"))
        try site.build()
        #expect(try site.read("public/bai-viet/goi-y-sinh-hoat-chi-bo/index.html").contains("\"author\":[{\"@type\":\"Organization\",\"name\":\"Ban biên tập\"}]"))
        #expect(try site.read("public/bai-viet/nghe-an-chi-bo-lam-theo-bac-tu-viec-nho/index.html").contains("\"author\":[{\"@type\":\"Person\",\"name\":\"Lan Anh\"}]"))
        for body in ["Ban biên tập", "BBT", "Tòa soạn", "Toà soạn", "Văn phòng Tỉnh uỷ", "Tỉnh uỷ Nghệ An", "TỈNH UỶ Hà Tĩnh", "Báo Nhân Dân", "Nhóm phóng viên", "Bản tin Thử nghiệm", "bản tin thử nghiệm",
                     "Ban Tuyên giáo Tỉnh ủy", "Đài Truyền hình Việt Nam", "Tổ biên tập", "Uỷ ban nhân dân xã"] {
            #expect(StructuredData.isOrganization(body, publisher: "Bản tin Thử nghiệm"), "\(body)")
        }
        // The publisher written with its tone mark placed the other way, in capitals, decomposed.
        for publisher in ["Bản tin Thanh Hoá", "BẢN TIN THANH HÓA", "Ba\u{0309}n tin Thanh Ho\u{0301}a"] {
            #expect(StructuredData.isOrganization("Bản tin Thanh Hóa", publisher: publisher), "\(publisher)")
        }
        for person in ["Minh Trí", "Lan Anh", "Bàn Văn Sơn", "Tô Lâm", "Thành Trung", "Văn Minh", "Đài Trang", "Tổ Thị Hà", "Ban Mai", "Báu"] {
            #expect(!StructuredData.isOrganization(person, publisher: "Bản tin Thử nghiệm"), "\(person)")
        }
    }

    /// YAML's merge key under `params` (`<<: *chung`, `<<: [*a, *b]`) gives the merged fields
    /// this mapping does not write itself, the first mapping's first, at any depth; they were
    /// dropped in silence.
    @Test func paramsMergeTheFieldsOfAMergeKey() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/site.yml", """
            title: "Bản tin"
            chung: &chung {tagline: "Chung", contact: "Ban Tuyên giáo"}
            rieng: &rieng {tagline: "Riêng", phone: "0123"}
            params:
              <<: [*rieng, *chung]
              contact: "Văn phòng"
              nested: {<<: *chung}

            """)
        try site.write("templates/404.mustache", "{{site.params.tagline}}|{{site.params.contact}}|{{site.params.phone}}|{{site.params.nested.tagline}}\n")
        _ = try site.build()
        #expect(try site.read("public/404.html") == "Riêng|Văn phòng|0123|Chung\n")
    }

    /// A list or a mapping under `params` printed by a variable shows nothing (the default
    /// theme's tagline and publisher are printed so): a warning at the tag, saying what to
    /// write; printed item by item, or by one of its keys, it is none.
    @Test func aParamsListOrMappingPrintedAsTextIsAWarningAtTheTag() throws {
        let site = try TestSite(content: "bulletin")
        try site.write("content/site.yml", """
            title: "Bản tin"
            params:
              tagline: [Nêu gương, lan tỏa]
              publisher: {ten: Ban Tuyên giáo, cap: Tỉnh ủy}

            """)
        let told = try site.build().diagnostics.filter { $0.file.hasPrefix("templates/") }.map { "\($0.file):\($0.line) \($0.message)" }
        #expect(told.contains { $0.hasPrefix("templates/header.mustache:") && $0.hasSuffix("`site.params.tagline` is a list in site.yml, which this prints as nothing: write it as one text there, or print what it holds: `{{#site.params.tagline}}{{.}}{{/site.params.tagline}}`") }, "\(told)")
        #expect(told.contains { $0.hasPrefix("templates/footer.mustache:") && $0.hasSuffix("`site.params.publisher` is a mapping in site.yml, which this prints as nothing: write it as one text there, or print what it holds: `{{site.params.publisher.cap}}`") }, "\(told)")
        #expect(told.count == 2, "\(told)")
        try site.write("templates/header.mustache", "{{#site.params.tagline}}<p>{{.}}</p>{{/site.params.tagline}}{{site.params.publisher.ten}}\n")
        try site.write("templates/footer.mustache", "{{site.params.tagline.0}}\n")
        let after = try site.build().diagnostics.filter { $0.file.hasPrefix("templates/") }
        #expect(after.isEmpty, "\(after)")
        #expect(try site.read("public/index.html").contains("<p>Nêu gương</p><p>lan tỏa</p>Ban Tuyên giáo"))
        // A list of mappings: what it says to print is a text of each item.
        try site.write("content/site.yml", "title: \"Bản tin\"\nparams:\n  tagline: [{\"a chỉ\": x, a.x.vn: y, vi: Nêu gương, en: [x]}, {vi: lan tỏa}]\n")
        try site.write("templates/header.mustache", "{{site.params.tagline}}\n")
        let items = try site.build().diagnostics.filter { $0.file.hasPrefix("templates/") }.map(\.message)
        #expect(items == ["`site.params.tagline` is a list in site.yml, which this prints as nothing: write it as one text there, or print what it holds: `{{#site.params.tagline}}{{vi}}{{/site.params.tagline}}`"], "\(items)")
        // A mapping whose keys no tag can name (a space, a dot): only what to write in site.yml.
        try site.write("content/site.yml", "title: \"Bản tin\"\nparams:\n  tagline: {\"địa chỉ\": Số 1, www.x.vn: y}\n")
        let unnamed = try site.build().diagnostics.filter { $0.file.hasPrefix("templates/") }.map(\.message)
        #expect(unnamed == ["`site.params.tagline` is a mapping in site.yml, which this prints as nothing: write it as one text there"], "\(unnamed)")
    }
}
