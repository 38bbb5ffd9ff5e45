// View models: what templates see (documented in README.md, "Templates"). Each answers
// `value(named:)` itself, with a typed `TemplateValue`, which keeps rendering fast.
// Empty text is absent (`nil`), so `{{#x}}…{{/x}}` tests for presence.
// They are classes so that handing one to the template engine costs a reference, not a copy
// of every field; each is built and rendered by one thread, hence `@unchecked Sendable`.

/// The context of every page.
final class PageContext: TemplateObject, @unchecked Sendable {
    var lang: String
    var site: TemplateFields
    var root: String
    var page: PageView
    var links: LinksView
    var nav: [NavItem]
    var breadcrumbs: [Crumb]
    var article: ArticleView? = nil
    var listing: ListingView? = nil
    var terms: TermsView? = nil

    init(lang: String, site: TemplateFields, root: String, page: PageView, links: LinksView, nav: [NavItem], breadcrumbs: [Crumb], article: ArticleView? = nil, listing: ListingView? = nil, terms: TermsView? = nil) {
        self.lang = lang
        self.site = site
        self.root = root
        self.page = page
        self.links = links
        self.nav = nav
        self.breadcrumbs = breadcrumbs
        self.article = article
        self.listing = listing
        self.terms = terms
    }

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "lang": .text(lang)
        case "site": .object(site)
        case "root": .text(root)
        case "page": .object(page)
        case "links": .object(links)
        case "nav": .list(nav.map { .object($0) })
        case "breadcrumbs": .list(breadcrumbs.map { .object($0) })
        case "article": article.map { .object($0) }
        case "listing": listing.map { .object($0) }
        case "terms": terms.map { .object($0) }
        default: nil
        }
    }
}

extension ParamValue: TemplateObject, TemplateRepresentable {
    public func value(named name: String) -> TemplateValue? {
        guard case .map(let map) = self, let value = map[name] else { return nil }
        return value.templateValue
    }

    /// Text as text, a list item by item, a map as an object of its keys.
    var templateValue: TemplateValue {
        switch self {
        case .text(let text): .text(text)
        case .list(let items): .list(items.map(\.templateValue))
        case .map: .object(self)
        }
    }
}

final class PageView: TemplateObject, @unchecked Sendable {
    var kind: String
    var title: String
    var description: String?
    var canonical: String?
    var feed: String?
    /// Absolute URL of the page's photo (Open Graph, Twitter), only with a base URL.
    var image: String? = nil
    var imageAlt: String? = nil
    var published: String? = nil
    var modified: String? = nil
    var section: String? = nil
    var tags: [String] = []
    var structuredData: [StructuredData.JSON] = []
    /// `structuredData` as a JSON-LD document, made once before rendering (templates look it up more than once).
    var jsonLD: String? = nil

    init(kind: String, title: String, description: String?, canonical: String?, feed: String?, image: String? = nil, imageAlt: String? = nil, published: String? = nil, modified: String? = nil, section: String? = nil, tags: [String] = [], structuredData: [StructuredData.JSON] = [], jsonLD: String? = nil) {
        self.kind = kind
        self.title = title
        self.description = description
        self.canonical = canonical
        self.feed = feed
        self.image = image
        self.imageAlt = imageAlt
        self.published = published
        self.modified = modified
        self.section = section
        self.tags = tags
        self.structuredData = structuredData
        self.jsonLD = jsonLD
    }

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "kind": .text(kind)
        case "title": TemplateValue.nonEmpty(title)
        case "description": TemplateValue.nonEmpty(description)
        case "canonical": canonical.map { .text($0) }
        case "feed": feed.map { .text($0) }
        case "og_type": .text(kind == "article" ? "article" : "website")
        case "image": image.map { .text($0) }
        case "image_alt": TemplateValue.nonEmpty(imageAlt)
        case "published": published.map { .text($0) }
        case "modified": modified.map { .text($0) }
        case "section": TemplateValue.nonEmpty(section)
        case "tags": tags.isEmpty ? nil : .list(tags.map { .text($0) })
        case "jsonld": jsonLD.map { .text($0) }
        case "is_\(kind)": .bool(true)
        default: nil
        }
    }
}

final class LinksView: TemplateObject, @unchecked Sendable {
    var home, directives, themes, archive, search, stylesheet: String
    var feed: String?

    init(home: String, directives: String, themes: String, archive: String, search: String, stylesheet: String, feed: String?) {
        self.home = home
        self.directives = directives
        self.themes = themes
        self.archive = archive
        self.search = search
        self.stylesheet = stylesheet
        self.feed = feed
    }

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "home": .text(home)
        case "directives": .text(directives)
        case "themes": .text(themes)
        case "archive": .text(archive)
        case "search": .text(search)
        case "stylesheet": .text(stylesheet)
        case "feed": feed.map { .text($0) }
        default: nil
        }
    }
}

final class NavItem: TemplateObject, @unchecked Sendable {
    var label: String
    var url: String
    var current: Bool

    init(label: String, url: String, current: Bool) {
        self.label = label
        self.url = url
        self.current = current
    }

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "label": .text(label)
        case "url": .text(url)
        case "current": .bool(current)
        default: nil
        }
    }
}

final class Crumb: TemplateObject, @unchecked Sendable {
    var label: String
    var url: String?

    init(label: String, url: String?) {
        self.label = label
        self.url = url
    }

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "label": .text(label)
        case "url": url.map { .text($0) }
        default: nil
        }
    }
}

/// A date in the three forms templates show, formatted once: an article's date appears on
/// many pages, so `PageRenderer` keeps one for each article and shares it (it never changes).
final class DateView: TemplateObject, Sendable {
    let display: String
    let short: String
    let iso: String

    init(date: LocalDateTime) {
        display = date.vietnameseDisplay
        short = date.vietnameseShort
        iso = date.iso8601
    }

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "display": .text(display)
        case "short": .text(short)
        case "iso": .text(iso)
        default: nil
        }
    }
}
