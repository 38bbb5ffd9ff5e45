// View models: what templates see (documented in README.md, "Templates"). Each answers
// `value(named:)` itself, with a typed `TemplateValue`, which keeps rendering fast.
// Empty text is absent (`nil`), so `{{#x}}…{{/x}}` tests for presence.
// They are immutable classes, so that handing one to the template engine costs a reference,
// not a copy of every field.

/// What a page shows besides its frame (masthead, navigation, breadcrumbs).
enum PageContent {
    case article(ArticleView)
    case listing(ListingView)
    case terms(TermsView)
    case printEdition(PrintEditionView)
    case none
}

/// The context of every page.
final class PageContext: NamedView, @unchecked Sendable {
    /// Never changed after the context is made (hence `@unchecked`: `PageFrame` holds classes).
    private let frame: PageFrame
    private let page: PageView
    private let content: TemplateValue?
    private let contentName: Name?

    init(frame: PageFrame, page: PageView, content: PageContent) {
        self.frame = frame
        self.page = page
        switch content {
        case .article(let view): (contentName, self.content) = (.article, .object(view))
        case .listing(let view): (contentName, self.content) = (.listing, .object(view))
        case .terms(let view): (contentName, self.content) = (.terms, .object(view))
        case .printEdition(let view): (contentName, self.content) = (.print, .object(view))
        case .none: (contentName, self.content) = (nil, nil)
        }
    }

    /// Its names; of the four kinds of content, a page has one.
    enum Name: String, CaseIterable { case lang, locale, site, root, page, links, nav, breadcrumbs, article, listing, terms, print }

    func value(of name: Name) -> TemplateValue? {
        switch name {
        case .lang: .text(frame.lang)
        case .locale: .text(frame.locale)
        case .site: .object(frame.site)
        case .root: .text(frame.root)
        case .page: .object(page)
        case .links: .object(frame.links)
        case .nav: .list(frame.nav.map { .object($0) })
        case .breadcrumbs: .list(frame.breadcrumbs.map { .object($0) })
        case .article, .listing, .terms, .print: name == contentName ? content : nil
        }
    }
}

/// The parts of a page's context every page has, and what its `PageView` is made from.
struct PageFrame {
    var lang: String
    /// The language as Open Graph writes a locale: `vi_VN`.
    var locale: String { Self.locale(of: lang) }
    var site: TemplateFields
    var root: String
    var links: LinksView
    var nav: [NavItem]
    var breadcrumbs: [Crumb]
    var page: PageView.Parts

    /// `vi` → `vi_VN`, `en` → `en_US`, `en-GB` → `en_GB`: a language with its usual country when
    /// none is written.
    static func locale(of language: String) -> String {
        let parts = language.split(separator: "-")
        guard let first = parts.first?.lowercased() else { return "vi_VN" }
        if parts.count > 1, let country = parts.last, country.count == 2 { return first + "_" + country.uppercased() }
        let usual = ["vi": "VN", "en": "US", "fr": "FR", "zh": "CN", "ja": "JP", "ko": "KR", "ru": "RU", "de": "DE", "km": "KH", "lo": "LA"]
        return usual[first].map { first + "_" + $0 } ?? first
    }
}

extension ParamValue: TemplateRepresentable {
    /// Text as text (empty text as absent: false in a section, as an empty field is), `false`
    /// and `true` as themselves, a list item by item, a map as an object of its keys.
    var templateValue: TemplateValue {
        switch self {
        case .text(let text): text.isEmpty ? .absent : .text(text)
        case .flag(let flag): .bool(flag)
        case .list(let items): .list(items.map(\.templateValue))
        case .map(let map): .object(ParamMap(map))
        }
    }
}

/// A map of `params`, as templates see it: each key a name.
final class ParamMap: TemplateObject, Sendable {
    let map: [String: ParamValue]

    init(_ map: [String: ParamValue]) { self.map = map }

    func value(named name: String) -> TemplateValue? { map[name]?.templateValue }
}

/// What a page is, as templates see it (`page.kind`, `page.is_<kind>`).
enum PageKind: Hashable, CaseIterable {
    case home, article, directive, directives, theme, themes, archive, month, print, search, notFound
    /// The index of a grouping (`categories`, `places`), and a page of one of its entries.
    case taxonomyIndex(Taxonomy), taxonomy(Taxonomy)

    /// Every kind, for the names templates may ask (`is_<kind>`).
    static var allCases: [PageKind] {
        [.home, .article, .directive, .directives, .theme, .themes, .archive, .month, .print, .search, .notFound]
            + Taxonomy.allCases.flatMap { [.taxonomyIndex($0), .taxonomy($0)] }
    }

    /// As templates write it.
    var name: String {
        switch self {
        case .home: "home"
        case .article: "article"
        case .directive: "directive"
        case .directives: "directives"
        case .theme: "theme"
        case .themes: "themes"
        case .archive: "archive"
        case .month: "month"
        case .print: "print"
        case .search: "search"
        case .notFound: "404"
        case .taxonomyIndex(let taxonomy): taxonomy.pageKinds.index
        case .taxonomy(let taxonomy): taxonomy.pageKinds.entry
        }
    }
}

final class PageView: NamedView, Sendable {
    /// What a page view is made of.
    struct Parts {
        var kind: PageKind
        var title: String
        var description: String?
        var canonical: String?
        var feed: String?
        /// The feed's name, and whether it is the page's own (a directive's, a category's) or the bulletin's.
        var feedTitle: String? = nil
        var ownFeed = false
        /// Absolute URL of the page's photo (Open Graph, Twitter), only with a base URL.
        var image: String? = nil
        var imageAlt: String? = nil
        /// The width and height of the photo `image` leads to.
        var imageSize: (width: Int, height: Int)? = nil
        var published: String? = nil
        var modified: String? = nil
        var section: String? = nil
        var tags: [String] = []
        var structuredData: [StructuredData.JSON] = []
    }

    let kind: PageKind
    let title: String
    let description: String?
    let canonical: String?
    let feed: String?
    let feedTitle: String?
    let ownFeed: Bool
    let image: String?
    let imageAlt: String?
    let imageSize: (width: Int, height: Int)?
    let published: String?
    let modified: String?
    let section: String?
    let tags: [String]
    /// The structured data as a JSON-LD document, made once (templates look it up more than once).
    let jsonLD: String?

    init(_ parts: Parts) {
        kind = parts.kind
        title = parts.title
        description = parts.description
        canonical = parts.canonical
        feed = parts.feed
        feedTitle = parts.feedTitle
        ownFeed = parts.ownFeed
        image = parts.image
        imageAlt = parts.imageAlt
        imageSize = parts.imageSize
        published = parts.published
        modified = parts.modified
        section = parts.section
        tags = parts.tags
        jsonLD = parts.structuredData.isEmpty ? nil : StructuredData.document(parts.structuredData)
    }

    enum Name: String, CaseIterable {
        case kind, title, description, canonical, feed, image, published, modified, section, tags, jsonld
        case feedTitle = "feed_title", ownFeed = "own_feed", ogType = "og_type", imageAlt = "image_alt"
        case imageWidth = "image_width", imageHeight = "image_height"
    }

    func value(of name: Name) -> TemplateValue? {
        switch name {
        case .kind: .text(kind.name)
        case .title: TemplateValue.nonEmpty(title)
        case .description: TemplateValue.nonEmpty(description)
        case .canonical: canonical.map { .text($0) }
        case .feed: feed.map { .text($0) }
        case .feedTitle: feedTitle.map { .text($0) }
        case .ownFeed: .bool(ownFeed)
        case .ogType: .text(kind == .article ? "article" : "website")
        case .image: image.map { .text($0) }
        case .imageAlt: TemplateValue.nonEmpty(imageAlt)
        case .imageWidth: imageSize.map { .text(String($0.width)) }
        case .imageHeight: imageSize.map { .text(String($0.height)) }
        case .published: published.map { .text($0) }
        case .modified: modified.map { .text($0) }
        case .section: TemplateValue.nonEmpty(section)
        case .tags: tags.isEmpty ? nil : .list(tags.map { .text($0) })
        case .jsonld: jsonLD.map { .text($0) }
        }
    }

    /// Its names, and `is_<kind>`: true for its own kind.
    func value(named name: String) -> TemplateValue? {
        if let own = ownValue(named: name) { return own }
        let kindName = kind.name
        return name.utf8.count == kindName.utf8.count + 3 && name == "is_" + kindName ? .bool(true) : nil
    }
}

final class LinksView: NamedView, Sendable {
    let home, directives, themes, archive, search, stylesheet: String
    let feed: String?
    /// The index of each grouping (by `Taxonomy.rawValue`), named as its page kind (`links.places`).
    let taxonomyIndexes: [String]

    init(home: String, directives: String, themes: String, archive: String, search: String, stylesheet: String, feed: String?, taxonomyIndexes: [String]) {
        self.home = home
        self.directives = directives
        self.themes = themes
        self.archive = archive
        self.search = search
        self.stylesheet = stylesheet
        self.feed = feed
        self.taxonomyIndexes = taxonomyIndexes
    }

    enum Name: String, CaseIterable { case home, directives, themes, archive, search, stylesheet, feed }

    static var names: [String] { Name.allCases.map(\.rawValue) + Taxonomy.allCases.map(\.pageKinds.index) }

    func value(named name: String) -> TemplateValue? {
        if let own = ownValue(named: name) { return own }
        return Taxonomy.allCases.first { $0.pageKinds.index == name }.map { .text(taxonomyIndexes[$0.rawValue]) }
    }

    func value(of name: Name) -> TemplateValue? {
        switch name {
        case .home: .text(home)
        case .directives: .text(directives)
        case .themes: .text(themes)
        case .archive: .text(archive)
        case .search: .text(search)
        case .stylesheet: .text(stylesheet)
        case .feed: feed.map { .text($0) }
        }
    }
}

final class NavItem: NamedView, Sendable {
    let label: String
    let url: String
    /// The item is this page (`aria-current="page"`).
    let current: Bool
    /// This page is under the item (an article under its category, a directive under Văn bản):
    /// `aria-current="true"`.
    let section: Bool

    init(label: String, url: String, current: Bool, section: Bool) {
        self.label = label
        self.url = url
        self.current = current
        self.section = section && !current
    }

    enum Name: String, CaseIterable { case label, url, current, section }

    func value(of name: Name) -> TemplateValue? {
        switch name {
        case .label: .text(label)
        case .url: .text(url)
        case .current: .bool(current)
        case .section: .bool(section)
        }
    }
}

final class Crumb: NamedView, Sendable {
    let label: String
    let url: String?

    init(label: String, url: String?) {
        self.label = label
        self.url = url
    }

    enum Name: String, CaseIterable { case label, url }

    func value(of name: Name) -> TemplateValue? {
        switch name {
        case .label: .text(label)
        case .url: url.map { .text($0) }
        }
    }
}

/// A date in the three forms templates show, formatted once: an article's date appears on
/// many pages, so `PageRenderer` keeps one for each article and shares it (it never changes).
final class DateView: NamedView, Sendable {
    let display: String
    let short: String
    let iso: String

    init(date: LocalDateTime) {
        display = date.vietnameseDisplay
        short = date.vietnameseShort
        iso = date.iso8601
    }

    enum Name: String, CaseIterable { case display, short, iso }

    func value(of name: Name) -> TemplateValue? {
        switch name {
        case .display: .text(display)
        case .short: .text(short)
        case .iso: .text(iso)
        }
    }
}
