/// `sitemap.xml` and `robots.txt`.
public enum CrawlFiles {
    /// The most addresses one sitemap file may list (sitemaps.org); a site with more gets
    /// `sitemap.xml` as an index of files `sitemap-1.xml`, `sitemap-2.xml`, … each listing at
    /// most that many.
    static let urlsPerSitemap = 50_000

    /// The sitemap files of a site of `pages` pages (the 404 page is not listed), `sitemap.xml` first.
    static func sitemapPaths(pages: Int, perFile: Int = urlsPerSitemap) -> [String] {
        let listed = max(pages - 1, 0)
        guard listed > perFile else { return ["sitemap.xml"] }
        return ["sitemap.xml"] + (1...((listed + perFile - 1) / perFile)).map { "sitemap-\($0).xml" }
    }

    /// The sitemap file at `path` (one of `sitemapPaths`). The sitemap needs absolute URLs, so
    /// it exists only with a base URL.
    static func sitemap(_ path: String, pages: [(route: Route, lastmod: LocalDateTime?)], baseURL: String, perFile: Int = urlsPerSitemap) -> String {
        let listed = pages.filter { $0.route != .notFound }
        let parts = stride(from: 0, to: listed.count, by: perFile).map { listed[$0..<min($0 + perFile, listed.count)] }
        guard parts.count > 1 else { return urlset(listed[...], baseURL: baseURL) }
        if path != "sitemap.xml", let number = Int(path.dropFirst("sitemap-".count).dropLast(".xml".count)), parts.indices.contains(number - 1) {
            return urlset(parts[number - 1], baseURL: baseURL)
        }
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
        for (k, part) in parts.enumerated() {
            out += "  <sitemap><loc>\(Escape.xml(baseURL + "sitemap-\(k + 1).xml"))</loc>"
            if let lastmod = part.compactMap(\.lastmod).max() { out += "<lastmod>\(lastmod.iso8601)</lastmod>" }
            out += "</sitemap>\n"
        }
        return out + "</sitemapindex>\n"
    }

    /// One sitemap file listing `pages`.
    private static func urlset(_ pages: ArraySlice<(route: Route, lastmod: LocalDateTime?)>, baseURL: String) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

            """
        for page in pages {
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
