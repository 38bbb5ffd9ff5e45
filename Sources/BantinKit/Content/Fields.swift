/// The front matter of each kind of content file, declared once.
///
/// Each field here is, with no other edit: read from front matter (its key is the property name
/// in snake case: `imageAlt` → `image_alt`; an unknown key is a warning that suggests the nearest
/// of these), stored in the article cache and fingerprinted (`BinaryCoding`), and shown to
/// templates under the same key (`TemplateEncoder`: `{{article.image_alt}}`). A field's default is
/// its value when the key is absent; `required` lists the keys that must be given.
protocol FrontMatterFields: Codable, Sendable {
    /// Every field at its default.
    init()
    /// Keys that must be given, each with the hint shown when it is missing.
    static var required: [String: String] { get }
}

/// An article's front matter (`content/articles/**/*.md`).
public struct ArticleFields: FrontMatterFields, Hashable {
    public var title = ""
    /// The *tít phụ*: a line set above the title.
    public var subtitle: String?
    /// A bare date or a time without zone is in the site timezone.
    public var date = LocalDateTime(instant: 0, offset: 0)
    public var updated: LocalDateTime?
    /// The sapo (lede).
    public var summary: String?
    public var category: String?
    public var location: String?
    public var author: String?
    public var source: String?
    /// A path under `content/`.
    public var image: String?
    public var imageAlt: String?
    public var imageCaption: String?
    public var directives: [DirectiveCode] = []
    public var themes: [Int] = []
    public var slug: String?
    public var draft = false
    public var related: [String] = []
    /// Old addresses of the article, on the site it was migrated from (`/2023/05/01/ten-bai/`):
    /// each kept as a page that sends the reader on to it (`OldAddresses`).
    public var aliases: [String] = []

    public init() {}

    static let required = [
        "title": "every article needs a title, e.g. `title: \"Học và làm theo Bác…\"`",
        "date": "write the publication time, e.g. `date: 2023-05-09T17:00:00+07:00`",
    ]
}

/// A directive file's front matter (`content/directives/*.md`).
public struct DirectiveFields: FrontMatterFields, Hashable {
    public var code = DirectiveCode(text: "", slug: Slug(checked: "-"))
    /// `Kết luận`, `Chỉ thị`, `Nghị quyết`, `Quy định`…
    public var kind: String?
    public var title: String?
    /// `Bộ Chính trị`, `Ban Chấp hành Trung ương`…
    public var issuer: String?
    public var issued: LocalDateTime?

    public init() {}

    static let required = ["code": "a directive file needs its code, e.g. `code: 01-KL/TW`"]
}

/// A theme file's front matter (`content/themes/*.md`).
public struct ThemeFields: FrontMatterFields, Hashable {
    public var year = 0
    public var title: String?

    public init() {}

    static let required = ["year": "a theme file needs its year, e.g. `year: 2023`"]
}

/// `content/site.yml`.
public struct SiteConfig: FrontMatterFields {
    public var title = "Bản tin"
    public var description = ""
    public var language = "vi"
    public var timezone = SiteTimeZone.vietnam
    /// Where the site is published, always ending in `/` (checked when read).
    public var baseURL: String?
    public var perPage = 20
    public var unsafeHTML = false
    /// The month of print edition number 1 (`first_issue: 2022-01`); without it, the month of
    /// the first published article.
    public var firstIssue: IssueMonth?
    /// The categories the navigation shows, in order (`menu: [Xây dựng Đảng, Học và làm theo Bác]`).
    public var menu: [String] = []
    /// The widths and quality photos are published at (`images: {widths: [480, 960, 1600], quality: 80}`).
    public var images = ImageSettings()
    /// A photo under `content/` that a page without a photo of its own shows when it is shared
    /// (Open Graph's image: the home page, lists, articles without `image`), `share_image: media/logo.jpg`.
    public var shareImage: String?
    /// Anything the templates want, as `site.params.*`.
    public var params = ParamValue.map([:])

    public init() {}

    static let required: [String: String] = [:]
}

/// The years a theme may have.
let themeYears = 1900...2200
