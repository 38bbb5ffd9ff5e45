/// `sitemap.xml` and `robots.txt`.
public enum CrawlFiles {
    /// The sitemap needs absolute URLs, so it exists only with a base URL.
    public static func sitemap(pages: [(route: Route, lastmod: LocalDateTime?)], baseURL: String) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
        for page in pages where page.route != .notFound {
            out += "  <url><loc>\(Escape.xml(LinkBuilder.absolute(page.route, baseURL: baseURL)))</loc>"
            if let lastmod = page.lastmod { out += "<lastmod>\(lastmod.iso8601)</lastmod>" }
            out += "</url>\n"
        }
        return out + "</urlset>\n"
    }

    public static func robots(baseURL: String?) -> String {
        var out = "User-agent: *\nAllow: /\n"
        if let baseURL { out += "\nSitemap: \(baseURL)sitemap.xml\n" }
        return out
    }
}
