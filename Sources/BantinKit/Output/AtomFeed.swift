/// Atom 1.0 feeds: the site's newest articles, and one per directive, theme and category.
public struct AtomFeed: Sendable {
    public static let limit = 50

    /// The path of the feed, its title, and the page it belongs to.
    public var path: String
    public var title: String
    public var alternate: Route
    public var articles: [Int]
    /// What `updated` says when the feed has no entry (a directive or theme no article cites yet):
    /// the directive's date of issue, else the site's newest article's date.
    public var updatedWhenEmpty: LocalDateTime? = nil

    /// Every feed of the site.
    public static func all(for graph: SiteGraph) -> [AtomFeed] {
        let config = graph.config
        let newest = graph.articles.map { $0.updated ?? $0.date }.max()
        return [AtomFeed(.site(config), alternate: .home(page: 1), articles: Array(graph.articles.indices))]
            + graph.directives.map { entry in
                let d = entry.directive
                return AtomFeed(.directive(d, config), alternate: .directive(d.code.slug, page: 1), articles: entry.articles, updatedWhenEmpty: d.issued ?? newest)
            }
            + graph.themes.map { AtomFeed(.theme($0.theme.year, config), alternate: .theme(year: $0.theme.year, page: 1), articles: $0.articles, updatedWhenEmpty: newest) }
            + Taxonomy.allCases.flatMap { taxonomy in
                graph.taxonomies[taxonomy].entries.compactMap { entry in
                    taxonomy.feed(entry, config).map { AtomFeed($0, alternate: taxonomy.route(entry.slug, page: 1), articles: entry.articles) }
                }
            }
    }

    /// The feed's XML. Entry ids and `updated` come from the content, never from the clock.
    public func xml(graph: SiteGraph, bodies: [Int: String], baseURL: String?) -> String {
        let link = LinkBuilder(from: .file(path), baseURL: baseURL)
        let url = { (route: Route) in link.absoluteURL(route) ?? link.href(route) }
        let shown = articles.prefix(Self.limit)
        let updated = shown.map { graph.articles[$0].updated ?? graph.articles[$0].date }.max() ?? updatedWhenEmpty
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(Escape.xml(graph.config.language))">
              <title>\(Escape.xml(title))</title>

            """
        if !graph.config.description.isEmpty { out += "  <subtitle>\(Escape.xml(graph.config.description))</subtitle>\n" }
        out += "  <id>\(Escape.xml(id(for: .file(path), baseURL: baseURL)))</id>\n"
        out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(Escape.xml(url(.file(path))))\"/>\n"
        out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(Escape.xml(url(alternate)))\"/>\n"
        out += "  <updated>\(updated?.iso8601 ?? "1970-01-01T00:00:00+00:00")</updated>\n"
        out += "  <author><name>\(Escape.xml(graph.config.title))</name></author>\n"
        out += "  <generator>bantin</generator>\n"
        for index in shown {
            let article = graph.articles[index]
            out += "  <entry>\n"
            out += "    <title>\(Escape.xml(article.title))</title>\n"
            out += "    <id>\(Escape.xml(id(for: .article(article.slug), baseURL: baseURL)))</id>\n"
            out += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(Escape.xml(url(.article(article.slug))))\"/>\n"
            out += "    <published>\(article.date.iso8601)</published>\n"
            out += "    <updated>\((article.updated ?? article.date).iso8601)</updated>\n"
            if let author = article.author ?? article.source {
                out += "    <author><name>\(Escape.xml(author))</name></author>\n"
            }
            for code in article.directives { out += "    <category term=\"\(Escape.xml(code.text))\"/>\n" }
            for year in article.themes { out += "    <category term=\"chuyen-de-\(year)\" label=\"\(Theme.name(year))\"/>\n" }
            if let summary = article.summary { out += "    <summary>\(Escape.xml(summary))</summary>\n" }
            // Bodies are rendered once for every feed, their links from the site's root (absolute with a base URL).
            let base = baseURL == nil && !link.root.isEmpty ? " xml:base=\"\(link.root)\"" : ""
            out += "    <content type=\"html\"\(base)>\(Escape.xml(bodies[index] ?? ""))</content>\n"
            out += "  </entry>\n"
        }
        return out + "</feed>\n"
    }

    /// The HTML bodies every feed needs, each article rendered once whatever the number of feeds it is in.
    public static func bodies(for feeds: [AtomFeed], graph: SiteGraph, markdown: MarkdownRenderer, baseURL: String?) -> [Int: String] {
        let needed = Array(Set(feeds.flatMap { $0.articles.prefix(limit) })).sorted()
        let link = LinkBuilder(from: .file("feed.xml"), baseURL: baseURL)
        let address: @Sendable (Route) -> String = { route in link.absoluteURL(route) ?? link.href(route) }
        let rendered = needed.parallelMap { index in
            let article = graph.articles[index]
            let html = markdown.render(article.bodyText, links: PageBodyLinks(article.file, graph: graph, address: address, pictures: false)).html
            return leadingToPage(leadPhoto(of: article, graph: graph, address: address) + html, page: address(.article(article.slug)))
        }
        return Dictionary(uniqueKeysWithValues: zip(needed, rendered))
    }

    /// The article's own photo (`image`), with its caption, as its page shows it above the body:
    /// feed readers show an entry's first image as its picture. Empty for an article without one.
    static func leadPhoto(of article: Article, graph: SiteGraph, address: (Route) -> String) -> String {
        guard let image = article.image else { return "" }
        let img: String
        if let photo = graph.photos.photo(at: image.path) {
            img = PictureSources(photo, address: { address(.file($0)) }).plainHTML(alt: image.alt, title: nil)
        } else if let size = graph.photos.asIsSizes[image.path] {
            img = PictureSources.imgHTML(src: address(.file(image.path)), width: size.width, height: size.height, alt: image.alt, title: nil, first: nil)
        } else {
            img = "<img src=\"\(Escape.xml(address(.file(image.path))))\" alt=\"\(Escape.xml(image.alt))\" />"
        }
        let caption = image.caption.map { $0.isEmpty ? "" : "<figcaption>\(Escape.xml($0))</figcaption>" } ?? ""
        return "<figure>\(img)\(caption)</figure>\n"
    }

    /// A body's in-page links (`#ket-qua`, a footnote's `#fn-1`) made to lead to its article's
    /// `page`: in a feed they would be read against the feed's own address.
    static func leadingToPage(_ html: String, page: String) -> String {
        // Found by their rare `#` (Foundation's search bridged every body to UTF-16).
        let bytes = Array(html.utf8), opening = Array("href=\"".utf8)
        var out: [UInt8] = []
        var copied = 0
        bytes.withUnsafeBufferPointer { bytes in
            var at = 0
            while let hash = bytes[at...].firstIndex(of: UInt8(ascii: "#")) {
                at = hash + 1
                guard hash >= opening.count, bytes[(hash - opening.count)..<hash].elementsEqual(opening) else { continue }
                if out.isEmpty { out.reserveCapacity(bytes.count + 256) }
                out += bytes[copied..<hash]
                out += Escape.xml(page).utf8
                copied = hash
            }
            if copied > 0 { out += bytes[copied...] }
        }
        return copied == 0 ? html : String(decoding: out, as: UTF8.self)
    }

    /// A stable id: the absolute URL under the base URL, else a URN from the path.
    func id(for route: Route, baseURL: String?) -> String {
        if let baseURL { return LinkBuilder.absolute(route, baseURL: baseURL) }
        return "urn:bantin:" + route.outputPath.replacingOccurrences(of: "/index.html", with: "").replacingOccurrences(of: "/", with: ":")
    }
}

import Foundation

extension AtomFeed {
    init(_ link: FeedLink, alternate: Route, articles: [Int], updatedWhenEmpty: LocalDateTime? = nil) {
        self.init(path: link.path, title: link.title, alternate: alternate, articles: articles, updatedWhenEmpty: updatedWhenEmpty)
    }
}

/// Where a feed is and what it is called: for the feed itself (`AtomFeed.all`) and for the pages
/// that point to it (`<link rel="alternate">`).
struct FeedLink: Sendable, Equatable {
    var path: String
    var title: String

    /// The site's newest articles.
    static func site(_ config: SiteConfig) -> FeedLink { FeedLink(path: "feed.xml", title: config.title) }

    static func directive(_ d: Directive, _ config: SiteConfig) -> FeedLink {
        FeedLink(path: "van-ban/\(d.code.slug.value)/feed.xml", title: "\(d.name) – \(config.title)")
    }

    static func theme(_ year: Int, _ config: SiteConfig) -> FeedLink {
        FeedLink(path: "chuyen-de/\(year)/feed.xml", title: "\(Theme.name(year)) – \(config.title)")
    }

    /// An entry of a grouping that has feeds (a category: `Taxonomy.hasFeeds`).
    static func taxonomy(_ taxonomy: Taxonomy, _ entry: TaxonomyEntry, _ config: SiteConfig) -> FeedLink {
        FeedLink(path: "\(taxonomy.folder)/\(entry.slug.value)/feed.xml", title: "\(entry.name) – \(config.title)")
    }
}
