import Mustache

// View models: what templates see (documented in README.md, "Templates"). Each answers
// `child(named:)` itself rather than through reflection, which keeps rendering fast.
// Empty text is absent (`nil`), so `{{#x}}…{{/x}}` tests for presence.

/// The context of every page.
struct PageContext: MustacheParent, Sendable {
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

    func child(named name: String) -> Any? {
        switch name {
        case "lang": lang
        case "site": site
        case "root": root
        case "page": page
        case "links": links
        case "nav": nav
        case "breadcrumbs": breadcrumbs
        case "article": article
        case "listing": listing
        case "terms": terms
        default: nil
        }
    }
}

struct SiteView: MustacheParent, Sendable {
    var title: String
    var description: String
    var params: ParamValue

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "description": description.nilIfEmpty
        case "params": params
        default: nil
        }
    }
}

extension ParamValue: MustacheParent, CustomStringConvertible {
    public func child(named name: String) -> Any? {
        guard case .map(let map) = self, let value = map[name] else { return nil }
        switch value {
        case .text(let text): return text
        case .list(let items): return items.map { item -> Any in if case .text(let t) = item { t } else { item } }
        case .map: return value
        }
    }

    public var description: String {
        if case .text(let text) = self { return text }
        return ""
    }
}

struct PageView: MustacheParent, Sendable {
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

    func child(named name: String) -> Any? {
        switch name {
        case "kind": kind
        case "title": title.nilIfEmpty
        case "description": description?.nilIfEmpty
        case "canonical": canonical
        case "feed": feed
        case "og_type": kind == "article" ? "article" : "website"
        case "image": image
        case "image_alt": imageAlt?.nilIfEmpty
        case "published": published
        case "modified": modified
        case "section": section?.nilIfEmpty
        case "tags": tags.isEmpty ? nil : tags
        case "jsonld": structuredData.isEmpty ? nil : StructuredData.document(structuredData)
        case "is_\(kind)": true
        default: nil
        }
    }
}

struct LinksView: MustacheParent, Sendable {
    var home, directives, themes, archive, search, stylesheet: String
    var feed: String?

    func child(named name: String) -> Any? {
        switch name {
        case "home": home
        case "directives": directives
        case "themes": themes
        case "archive": archive
        case "search": search
        case "stylesheet": stylesheet
        case "feed": feed
        default: nil
        }
    }
}

struct NavItem: MustacheParent, Sendable {
    var label: String
    var url: String
    var current: Bool

    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "url": url
        case "current": current
        default: nil
        }
    }
}

struct Crumb: MustacheParent, Sendable {
    var label: String
    var url: String?

    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "url": url
        default: nil
        }
    }
}

struct DateView: MustacheParent, Sendable {
    var date: LocalDateTime

    func child(named name: String) -> Any? {
        switch name {
        case "display": date.vietnameseDisplay
        case "short": date.vietnameseShort
        case "iso": date.iso8601
        default: nil
        }
    }
}

struct ImageView: MustacheParent, Sendable {
    var url: String
    var alt: String
    var caption: String?

    func child(named name: String) -> Any? {
        switch name {
        case "url": url
        case "alt": alt
        case "caption": caption?.nilIfEmpty
        default: nil
        }
    }
}

struct CardView: MustacheParent, Sendable {
    var title: String
    var url: String
    var summary: String?
    var category: String?
    var location: String?
    var date: DateView
    var image: ImageView?

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "url": url
        case "summary": summary?.nilIfEmpty
        case "category": category?.nilIfEmpty
        case "location": location?.nilIfEmpty
        case "date": date
        case "image": image
        default: nil
        }
    }
}

struct DirectiveLinkView: MustacheParent, Sendable {
    var code: String
    var kind: String?
    var title: String?
    var url: String

    func child(named name: String) -> Any? {
        switch name {
        case "code": code
        case "kind": kind?.nilIfEmpty
        case "title": title?.nilIfEmpty
        case "url": url
        default: nil
        }
    }
}

struct ThemeLinkView: MustacheParent, Sendable {
    var year: Int
    var title: String?
    var url: String

    func child(named name: String) -> Any? {
        switch name {
        case "year": String(year)
        case "title": title?.nilIfEmpty
        case "url": url
        default: nil
        }
    }
}

struct ArticleView: MustacheParent, Sendable {
    var title: String
    var summary, category, location, author, source: String?
    var date: DateView
    var updated: DateView?
    var image: ImageView?
    var body: String
    var directives: [DirectiveLinkView]
    var themes: [ThemeLinkView]
    var related: [CardView]

    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "summary": summary?.nilIfEmpty
        case "category": category?.nilIfEmpty
        case "location": location?.nilIfEmpty
        case "author": author?.nilIfEmpty
        case "source": source?.nilIfEmpty
        case "byline": [author, source, location].contains { !($0 ?? "").isEmpty }
        case "date": date
        case "updated": updated
        case "image": image
        case "body": body
        case "directives": directives.isEmpty ? nil : directives
        case "themes": themes.isEmpty ? nil : themes
        case "has_terms": !directives.isEmpty || !themes.isEmpty
        case "related": related.isEmpty ? nil : related
        case "has_related": !related.isEmpty
        default: nil
        }
    }
}

struct FactView: MustacheParent, Sendable {
    var label: String
    var value: String

    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "value": value
        default: nil
        }
    }
}

struct PageNumberView: MustacheParent, Sendable {
    var number: Int
    var url: String
    var current: Bool
    /// Stands for the pages left out between two shown numbers.
    var gap: Bool = false

    func child(named name: String) -> Any? {
        switch name {
        case "number": gap ? nil : String(number)
        case "url": gap ? nil : url
        case "current": current
        case "gap": gap
        default: nil
        }
    }
}

struct PaginationView: MustacheParent, Sendable {
    var label: String
    var prev: String?
    var next: String?
    var pages: [PageNumberView]

    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "prev": prev
        case "next": next
        case "pages": pages
        default: nil
        }
    }
}

struct ListingView: MustacheParent, Sendable {
    var kicker: String?
    var heading: String
    var subtitle: String?
    var facts: [FactView]
    var description: String?
    var lead: CardView?
    var articles: [CardView]
    var pagination: PaginationView?

    func child(named name: String) -> Any? {
        switch name {
        case "kicker": kicker?.nilIfEmpty
        case "heading": heading
        case "subtitle": subtitle?.nilIfEmpty
        case "facts": facts.isEmpty ? nil : facts
        case "description": description?.nilIfEmpty
        case "lead": lead
        case "articles": articles.isEmpty ? nil : articles
        case "empty": articles.isEmpty && lead == nil
        case "pagination": pagination
        default: nil
        }
    }
}

struct TermItemView: MustacheParent, Sendable {
    var label: String
    var sublabel: String?
    var meta: String?
    var url: String
    var count: Int

    func child(named name: String) -> Any? {
        switch name {
        case "label": label
        case "sublabel": sublabel?.nilIfEmpty
        case "meta": meta?.nilIfEmpty
        case "url": url
        case "count": String(count)
        default: nil
        }
    }
}

struct TermGroupView: MustacheParent, Sendable {
    var heading: String
    var items: [TermItemView]

    func child(named name: String) -> Any? {
        switch name {
        case "heading": heading.nilIfEmpty
        case "items": items
        default: nil
        }
    }
}

struct TermsView: MustacheParent, Sendable {
    var heading: String
    var intro: String?
    var groups: [TermGroupView]

    func child(named name: String) -> Any? {
        switch name {
        case "heading": heading
        case "intro": intro?.nilIfEmpty
        case "groups": groups.isEmpty ? nil : groups
        case "empty": groups.isEmpty
        default: nil
        }
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
