// View models: what templates see (documented in README.md, "Templates"). Each answers
// `value(named:)` itself, with a typed `TemplateValue`, which keeps rendering fast.
// Empty text is absent (`nil`), so `{{#x}}…{{/x}}` tests for presence.
// They are classes so that handing one to the template engine costs a reference, not a copy
// of every field; each is built and rendered by one thread, hence `@unchecked Sendable`.

/// The context of every page.
final class PageContext: TemplateObject, @unchecked Sendable {
    var lang: String
    var site: SiteView
    var root: String
    var page: PageView
    var links: LinksView
    var nav: [NavItem]
    var breadcrumbs: [Crumb]
    var article: ArticleView? = nil
    var listing: ListingView? = nil
    var terms: TermsView? = nil

    init(lang: String, site: SiteView, root: String, page: PageView, links: LinksView, nav: [NavItem], breadcrumbs: [Crumb], article: ArticleView? = nil, listing: ListingView? = nil, terms: TermsView? = nil) {
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

final class SiteView: TemplateObject, @unchecked Sendable {
    var title: String
    var description: String
    var params: ParamValue

    init(title: String, description: String, params: ParamValue) {
        self.title = title
        self.description = description
        self.params = params
    }

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "title": .text(title)
        case "description": TemplateValue.nonEmpty(description)
        case "params": .object(params)
        default: nil
        }
    }
}

extension ParamValue: TemplateObject {
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

final class ImageView: TemplateObject, @unchecked Sendable {
    var url: String
    var alt: String
    var caption: String?

    init(url: String, alt: String, caption: String?) {
        self.url = url
        self.alt = alt
        self.caption = caption
    }

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "url": .text(url)
        case "alt": .text(alt)
        case "caption": TemplateValue.nonEmpty(caption)
        default: nil
        }
    }
}

final class CardView: TemplateObject, @unchecked Sendable {
    var title: String
    var url: String
    var summary: String?
    var category: String?
    var location: String?
    var date: DateView
    var image: ImageView?

    init(title: String, url: String, summary: String?, category: String?, location: String?, date: DateView, image: ImageView?) {
        self.title = title
        self.url = url
        self.summary = summary
        self.category = category
        self.location = location
        self.date = date
        self.image = image
    }

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "title": .text(title)
        case "url": .text(url)
        case "summary": TemplateValue.nonEmpty(summary)
        case "category": TemplateValue.nonEmpty(category)
        case "location": TemplateValue.nonEmpty(location)
        case "date": .object(date)
        case "image": image.map { .object($0) }
        default: nil
        }
    }
}

final class DirectiveLinkView: TemplateObject, @unchecked Sendable {
    var code: String
    var kind: String?
    var title: String?
    var url: String

    init(code: String, kind: String?, title: String?, url: String) {
        self.code = code
        self.kind = kind
        self.title = title
        self.url = url
    }

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "code": .text(code)
        case "kind": TemplateValue.nonEmpty(kind)
        case "title": TemplateValue.nonEmpty(title)
        case "url": .text(url)
        default: nil
        }
    }
}

final class ThemeLinkView: TemplateObject, @unchecked Sendable {
    var year: Int
    var title: String?
    var url: String

    init(year: Int, title: String?, url: String) {
        self.year = year
        self.title = title
        self.url = url
    }

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "year": .text(String(year))
        case "title": TemplateValue.nonEmpty(title)
        case "url": .text(url)
        default: nil
        }
    }
}

final class ArticleView: TemplateObject, @unchecked Sendable {
    var title: String
    var summary, category, location, author, source: String?
    var date: DateView
    var updated: DateView?
    var image: ImageView?
    /// The Markdown body's HTML, as cmark-gfm wrote it (UTF-8).
    var body: [UInt8]
    var directives: [DirectiveLinkView]
    var themes: [ThemeLinkView]
    var related: [CardView]

    init(title: String, summary: String?, category: String?, location: String?, author: String?, source: String?, date: DateView, updated: DateView?, image: ImageView?, body: [UInt8], directives: [DirectiveLinkView], themes: [ThemeLinkView], related: [CardView]) {
        self.title = title
        self.summary = summary
        self.category = category
        self.location = location
        self.author = author
        self.source = source
        self.date = date
        self.updated = updated
        self.image = image
        self.body = body
        self.directives = directives
        self.themes = themes
        self.related = related
    }

    var hasByline: Bool { [author, source, location].contains { !($0 ?? "").isEmpty } }

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "title": .text(title)
        case "summary": TemplateValue.nonEmpty(summary)
        case "category": TemplateValue.nonEmpty(category)
        case "location": TemplateValue.nonEmpty(location)
        case "author": TemplateValue.nonEmpty(author)
        case "source": TemplateValue.nonEmpty(source)
        case "byline": .bool(hasByline)
        case "date": .object(date)
        case "updated": updated.map { .object($0) }
        case "image": image.map { .object($0) }
        case "body": .utf8(body)
        case "directives": TemplateValue.nonEmpty(directives)
        case "themes": TemplateValue.nonEmpty(themes)
        case "has_terms": .bool(!directives.isEmpty || !themes.isEmpty)
        case "related": TemplateValue.nonEmpty(related)
        case "has_related": .bool(!related.isEmpty)
        default: nil
        }
    }
}

final class FactView: TemplateObject, @unchecked Sendable {
    var label: String
    var value: String

    init(label: String, value: String) {
        self.label = label
        self.value = value
    }

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "label": .text(label)
        case "value": .text(value)
        default: nil
        }
    }
}

final class PageNumberView: TemplateObject, @unchecked Sendable {
    var number: Int
    var url: String
    var current: Bool
    /// Stands for the pages left out between two shown numbers.
    var gap: Bool = false

    init(number: Int, url: String, current: Bool, gap: Bool = false) {
        self.number = number
        self.url = url
        self.current = current
        self.gap = gap
    }

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "number": gap ? nil : .text(String(number))
        case "url": gap ? nil : .text(url)
        case "current": .bool(current)
        case "gap": .bool(gap)
        default: nil
        }
    }
}

final class PaginationView: TemplateObject, @unchecked Sendable {
    var label: String
    var prev: String?
    var next: String?
    var pages: [PageNumberView]

    init(label: String, prev: String?, next: String?, pages: [PageNumberView]) {
        self.label = label
        self.prev = prev
        self.next = next
        self.pages = pages
    }

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "label": .text(label)
        case "prev": prev.map { .text($0) }
        case "next": next.map { .text($0) }
        case "pages": .list(pages.map { .object($0) })
        default: nil
        }
    }
}

final class ListingView: TemplateObject, @unchecked Sendable {
    var kicker: String?
    var heading: String
    var subtitle: String?
    var facts: [FactView]
    var description: String?
    var lead: CardView?
    var articles: [CardView]
    var pagination: PaginationView?

    init(kicker: String?, heading: String, subtitle: String?, facts: [FactView], description: String?, lead: CardView?, articles: [CardView], pagination: PaginationView?) {
        self.kicker = kicker
        self.heading = heading
        self.subtitle = subtitle
        self.facts = facts
        self.description = description
        self.lead = lead
        self.articles = articles
        self.pagination = pagination
    }

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "kicker": TemplateValue.nonEmpty(kicker)
        case "heading": .text(heading)
        case "subtitle": TemplateValue.nonEmpty(subtitle)
        case "facts": TemplateValue.nonEmpty(facts)
        case "description": TemplateValue.nonEmpty(description)
        case "lead": lead.map { .object($0) }
        case "articles": TemplateValue.nonEmpty(articles)
        case "empty": .bool(articles.isEmpty && lead == nil)
        case "pagination": pagination.map { .object($0) }
        default: nil
        }
    }
}

final class TermItemView: TemplateObject, @unchecked Sendable {
    var label: String
    var sublabel: String?
    var meta: String?
    var url: String
    var count: Int

    init(label: String, sublabel: String?, meta: String?, url: String, count: Int) {
        self.label = label
        self.sublabel = sublabel
        self.meta = meta
        self.url = url
        self.count = count
    }

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "label": .text(label)
        case "sublabel": TemplateValue.nonEmpty(sublabel)
        case "meta": TemplateValue.nonEmpty(meta)
        case "url": .text(url)
        case "count": .text(String(count))
        default: nil
        }
    }
}

final class TermGroupView: TemplateObject, @unchecked Sendable {
    var heading: String
    var items: [TermItemView]

    init(heading: String, items: [TermItemView]) {
        self.heading = heading
        self.items = items
    }

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "heading": TemplateValue.nonEmpty(heading)
        case "items": .list(items.map { .object($0) })
        default: nil
        }
    }
}

final class TermsView: TemplateObject, @unchecked Sendable {
    var heading: String
    var intro: String?
    var groups: [TermGroupView]

    init(heading: String, intro: String?, groups: [TermGroupView]) {
        self.heading = heading
        self.intro = intro
        self.groups = groups
    }

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "heading": .text(heading)
        case "intro": TemplateValue.nonEmpty(intro)
        case "groups": TemplateValue.nonEmpty(groups)
        case "empty": .bool(groups.isEmpty)
        default: nil
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
