// View models: what templates see (documented in README.md, "Templates"). Each answers
// `value(named:)` itself, with a typed `TemplateValue`, which keeps rendering fast.
// Empty text is absent (`nil`), so `{{#x}}…{{/x}}` tests for presence.

/// The context of every page.
struct PageContext: TemplateObject {
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

struct SiteView: TemplateObject {
    var title: String
    var description: String
    var params: ParamValue

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

struct PageView: TemplateObject {
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

struct LinksView: TemplateObject {
    var home, directives, themes, archive, search, stylesheet: String
    var feed: String?

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

struct NavItem: TemplateObject {
    var label: String
    var url: String
    var current: Bool

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "label": .text(label)
        case "url": .text(url)
        case "current": .bool(current)
        default: nil
        }
    }
}

struct Crumb: TemplateObject {
    var label: String
    var url: String?

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "label": .text(label)
        case "url": url.map { .text($0) }
        default: nil
        }
    }
}

struct DateView: TemplateObject {
    var date: LocalDateTime

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "display": .text(date.vietnameseDisplay)
        case "short": .text(date.vietnameseShort)
        case "iso": .text(date.iso8601)
        default: nil
        }
    }
}

struct ImageView: TemplateObject {
    var url: String
    var alt: String
    var caption: String?

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "url": .text(url)
        case "alt": .text(alt)
        case "caption": TemplateValue.nonEmpty(caption)
        default: nil
        }
    }
}

struct CardView: TemplateObject {
    var title: String
    var url: String
    var summary: String?
    var category: String?
    var location: String?
    var date: DateView
    var image: ImageView?

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

struct DirectiveLinkView: TemplateObject {
    var code: String
    var kind: String?
    var title: String?
    var url: String

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

struct ThemeLinkView: TemplateObject {
    var year: Int
    var title: String?
    var url: String

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "year": .text(String(year))
        case "title": TemplateValue.nonEmpty(title)
        case "url": .text(url)
        default: nil
        }
    }
}

struct ArticleView: TemplateObject {
    var title: String
    var summary, category, location, author, source: String?
    var date: DateView
    var updated: DateView?
    var image: ImageView?
    var body: String
    var directives: [DirectiveLinkView]
    var themes: [ThemeLinkView]
    var related: [CardView]

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
        case "body": .text(body)
        case "directives": TemplateValue.nonEmpty(directives)
        case "themes": TemplateValue.nonEmpty(themes)
        case "has_terms": .bool(!directives.isEmpty || !themes.isEmpty)
        case "related": TemplateValue.nonEmpty(related)
        case "has_related": .bool(!related.isEmpty)
        default: nil
        }
    }
}

struct FactView: TemplateObject {
    var label: String
    var value: String

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "label": .text(label)
        case "value": .text(value)
        default: nil
        }
    }
}

struct PageNumberView: TemplateObject {
    var number: Int
    var url: String
    var current: Bool
    /// Stands for the pages left out between two shown numbers.
    var gap: Bool = false

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

struct PaginationView: TemplateObject {
    var label: String
    var prev: String?
    var next: String?
    var pages: [PageNumberView]

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

struct ListingView: TemplateObject {
    var kicker: String?
    var heading: String
    var subtitle: String?
    var facts: [FactView]
    var description: String?
    var lead: CardView?
    var articles: [CardView]
    var pagination: PaginationView?

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

struct TermItemView: TemplateObject {
    var label: String
    var sublabel: String?
    var meta: String?
    var url: String
    var count: Int

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

struct TermGroupView: TemplateObject {
    var heading: String
    var items: [TermItemView]

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "heading": TemplateValue.nonEmpty(heading)
        case "items": .list(items.map { .object($0) })
        default: nil
        }
    }
}

struct TermsView: TemplateObject {
    var heading: String
    var intro: String?
    var groups: [TermGroupView]

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
