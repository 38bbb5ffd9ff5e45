/// JSON-LD for search engines: `NewsArticle` on article pages, `BreadcrumbList` on every page.
/// Written as JSON that is safe inside `<script type="application/ld+json">`.
public enum StructuredData {
    /// A JSON value, printed with keys in the order given so output is deterministic.
    indirect enum JSON: Sendable {
        case string(String)
        case number(Int)
        case array([JSON])
        case object([(String, JSON)])

        var text: String {
            var out: [UInt8] = []
            write(to: &out)
            return String(decoding: out, as: UTF8.self)
        }

        func write(to out: inout [UInt8]) {
            switch self {
            case .string(let s): Escape.appendJSONString(s, to: &out)
            case .number(let n): out += String(n).utf8
            case .array(let items):
                out.append(UInt8(ascii: "["))
                for (i, item) in items.enumerated() {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    item.write(to: &out)
                }
                out.append(UInt8(ascii: "]"))
            case .object(let pairs):
                out.append(UInt8(ascii: "{"))
                for (i, pair) in pairs.enumerated() {
                    if i > 0 { out.append(UInt8(ascii: ",")) }
                    Escape.appendJSONString(pair.0, to: &out)
                    out.append(UInt8(ascii: ":"))
                    pair.1.write(to: &out)
                }
                out.append(UInt8(ascii: "}"))
            }
        }
    }

    /// Breadcrumbs as `(name, absolute URL or nil)`.
    static func breadcrumbs(_ crumbs: [(String, String?)]) -> JSON {
        .object([
            ("@type", .string("BreadcrumbList")),
            ("itemListElement", .array(crumbs.enumerated().map { index, crumb in
                var item: [(String, JSON)] = [("@type", .string("ListItem")), ("position", .number(index + 1)), ("name", .string(crumb.0))]
                if let url = crumb.1 { item.append(("item", .string(url))) }
                return .object(item)
            })),
        ])
    }

    /// `authorIsOrganization`: whether the article's author names a body (`isOrganization`).
    static func newsArticle(
        _ article: Article, url: String?, imageURL: String?, publisher: String, authorIsOrganization: Bool, keywords: [String], language: String
    ) -> JSON {
        var pairs: [(String, JSON)] = [("@type", .string("NewsArticle")), ("headline", .string(article.title))]
        if let summary = article.summary { pairs.append(("description", .string(summary))) }
        if let imageURL { pairs.append(("image", .array([.string(imageURL)]))) }
        pairs.append(("datePublished", .string(article.date.iso8601)))
        pairs.append(("dateModified", .string((article.updated ?? article.date).iso8601)))
        if let author = article.author {
            let type = authorIsOrganization ? "Organization" : "Person"
            pairs.append(("author", .array([.object([("@type", .string(type)), ("name", .string(author))])])))
        } else {
            pairs.append(("author", .array([.object([("@type", .string("Organization")), ("name", .string(article.source ?? publisher))])])))
        }
        pairs.append(("publisher", .object([("@type", .string("Organization")), ("name", .string(publisher))])))
        if let category = article.category { pairs.append(("articleSection", .string(category))) }
        if !keywords.isEmpty { pairs.append(("keywords", .array(keywords.map(JSON.string)))) }
        if let location = article.location { pairs.append(("contentLocation", .object([("@type", .string("Place")), ("name", .string(location))]))) }
        pairs.append(("inLanguage", .string(language)))
        if let url {
            pairs.append(("url", .string(url)))
            pairs.append(("mainEntityOfPage", .string(url)))
        }
        return .object(pairs)
    }

    /// Whether an article's `author` names a body, not a person: the publisher itself, or a name
    /// that starts with a body's words (`Ban biên tập`, `BBT`, `Tòa soạn`, `Nhóm phóng viên`, `Báo
    /// Nhân Dân`, `Văn phòng Tỉnh uỷ`…). A byline of a person's name (`Minh Trí`, `Đài Trang`, `Ban
    /// Mai`) is a Person. Names are compared as Vietnamese orders them (`VietnameseCollation`):
    /// whatever the case, and with the tone mark placed either way (`Thanh Hoá`, `Thanh Hóa`).
    static func isOrganization(_ author: String, publisher: String) -> Bool {
        let name = VietnameseCollation.key(author).weights
        guard !name.isEmpty else { return false }
        return name == VietnameseCollation.key(publisher).weights || bodyNames.contains { name.starts(with: $0) }
    }

    /// The first words of a body's name, none of them how a person's name starts (`Ban`, `Đài`
    /// and `Tổ` alone may: `Ban Mai`, `Đài Trang`), as `VietnameseCollation` weighs them, whole
    /// syllables each.
    private static let bodyNames: [[UInt32]] = [
        "ban biên tập", "ban tuyên giáo", "ban tổ chức", "ban dân vận", "ban kiểm tra", "ban nội chính", "ban chỉ đạo",
        "ban thường vụ", "ban chấp hành", "ban quản lý", "ban đại diện", "ban thời sự", "bbt", "báo", "đài truyền hình",
        "đài phát thanh", "đài tiếng nói", "nhóm", "tổ biên tập", "tổ phóng viên", "tổ công tác", "ttxvn", "tòa soạn",
        "tạp chí", "văn phòng", "trung tâm", "hội đồng", "ủy ban", "thông tấn", "cổng thông tin", "chi bộ", "đảng bộ",
        "đảng ủy", "tỉnh ủy", "thành ủy", "huyện ủy", "quận ủy", "thị ủy",
    ].map { VietnameseCollation.key($0).weights }

    static func document(_ items: [JSON]) -> String {
        JSON.object([("@context", .string("https://schema.org")), ("@graph", .array(items))]).text
    }
}

extension SiteConfig {
    /// Who publishes the bulletin, as its pages' structured data names it: `params.publisher`,
    /// else the bulletin's title.
    var publisher: String {
        if case .text(let name)? = params["publisher"], !name.isEmpty { return name }
        return title
    }
}
