/// What `bantin check` would reject in the links the templates write (a stylesheet not in
/// `templates/assets/`, `{{root}}van-ban/` naming a folder, `#neo` that no element has), found
/// before anything is written: the pages that show each section the site's data opens
/// (`samples`) are rendered without the texts of articles, directives and themes (whose links
/// are checked at their source, or told as HTML written in them), and their links are resolved
/// against the files the build plans.
enum TemplateLinks {
    static func problems(pages: [PagePlan], graph: SiteGraph, templates: TemplateSet, planned: Set<String>, baseURL: String?, templatesName: String) -> [Diagnostic] {
        let renderer = PageRenderer(graph: graph, templates: templates, baseURL: baseURL, formatDatesAhead: false, bodies: SharedBodies(), showsBodies: false)
        let samples = samples(pages, graph: graph)
        let rendered: [(path: String, html: String)] = samples.parallelMap { plan in
            (graph.route(of: plan).outputPath, String(decoding: renderer.html(for: plan), as: UTF8.self))
        }
        var ids: [String: Set<String>] = [:]
        for page in rendered { ids[page.path] = LinkChecker.ids(in: page.html) }
        var diagnostics: [Diagnostic] = []
        var told: Set<String> = []
        for page in rendered {
            let links = LinkChecker.attributeValues(in: page.html, names: ["href", "src"])
                + LinkChecker.attributeValues(in: page.html, names: ["srcset"]).flatMap(LinkChecker.candidates) + LinkChecker.refreshTargets(in: page.html)
            // A `<base>`, a `<meta http-equiv="refresh">` to another page: each once.
            for (tag, reason) in LinkChecker.misdirecting(page.html) where told.insert(tag + "\n" + reason).inserted {
                diagnostics.append(.error(templatesName, "\(page.path), as the templates render it, has \(tag): \(reason) (`bantin check` would reject the site)"))
            }
            for raw in links {
                let link = HTMLReference.decode(raw)
                // An anchor in a page not rendered here is left to `check`: only its file is looked for
                // (by a path, or by the site's own full address).
                var checked = link
                if let hash = link.firstIndex(of: "#") {
                    let before = String(link[..<hash])
                    var target: String? = before.prefix { $0 != "?" }.isEmpty ? page.path : nil
                    if target == nil, case .file(let file, _) = LinkChecker.locate(before, from: page.path, existing: planned, baseURL: baseURL) { target = file }
                    if target.flatMap({ ids[$0] }) == nil { checked = before }
                }
                let reason = LinkChecker.resolve(checked, from: page.path, existing: planned, idsByPage: ids, baseURL: baseURL)
                // Told once for what it leads to and why: `van-ban/` and `../../van-ban/` are one
                // mistake, and so is `#neo` on every page.
                let path = String(checked.prefix { $0 != "#" && $0 != "?" })
                guard let reason, told.insert(Self.target(of: path, link: link, from: page.path, baseURL: baseURL) + "\n" + reason.prefix { $0 != ":" }).inserted
                else { continue }
                diagnostics.append(.error(templatesName, "\(page.path), as the templates render it, links to `\(link)`: \(reason) (`bantin check` would reject the site)"))
            }
        }
        return diagnostics
    }

    /// What a link leads to, the same from every page: its path in the site (by the site's own
    /// full address too), another site's address as written, the page itself for an anchor.
    private static func target(of path: String, link: String, from page: String, baseURL: String?) -> String {
        if let baseURL, let under = LinkChecker.pathUnder(baseURL, of: path) { return String(under) }
        if path.hasPrefix("//") || LinkChecker.hasScheme(path) { return path }
        return path.isEmpty ? link : ContentPath.resolve(path, from: page) ?? path
    }

    /// The pages rendered: the first of each kind, then each page that shows something no page
    /// of its kind rendered so far shows (`features`), so that a link inside any section the
    /// site's data opens is checked once: `{{#image}}` of a card on the one list page holding an
    /// article with a photo, `{{#prev}}` on a second page.
    private static func samples(_ pages: [PagePlan], graph: SiteGraph) -> [PagePlan] {
        var bits: [Substring: Int] = [:]
        // Worked out once for each set of keys written (10,000 articles write a handful).
        var masks: [String: UInt64] = [:]
        func bit(_ key: Substring) -> UInt64 {
            let bit = bits[key] ?? min(bits.count, Feature.firstOfPage - 1)
            bits[key] = bit
            return 1 << UInt64(bit)
        }
        func mask(_ positions: FieldPositions) -> UInt64 {
            if let known = masks[positions.keysWritten] { return known }
            let mask = positions.keyNames.reduce(UInt64(0)) { $0 | bit($1) }
            masks[positions.keysWritten] = mask
            return mask
        }
        let written = graph.articles.map { mask($0.positions) }
        // A kind its code names (`DirectiveKind`) is shown as one its file writes.
        let directives = graph.directives.map { mask($0.directive.positions) | ($0.directive.kind != nil ? bit("kind") : 0) }
        var covered: [PageKind: UInt64] = [:]
        return pages.filter { plan in
            let kind = plan.kind, shown = features(of: plan, in: graph, written: written, directives: directives)
            let seen = covered[kind]
            covered[kind] = (seen ?? 0) | shown
            return seen.map { shown & ~$0 != 0 } ?? true
        }
    }

    /// The bits of `features` past the front-matter fields' (one bit each, in the order first met).
    private enum Feature {
        static let firstOfPage = 54, numbered = 54, unnumbered = 55
        static let related = 56, firstPage = 57, lastPage = 58, middlePage = 59, emptyPage = 60, mentions = 61, described = 62
    }

    /// What sections of its templates a page may show: for an article, the front-matter fields
    /// written by it and by the files of the directives it cites, and whether it has related
    /// articles; for a month and its print edition, whether it has an issue number or not; for a list, the fields its articles have
    /// written (their cards), whether it is the first, a middle, the last or an empty page, and
    /// for a directive or theme its own fields, description and mentions.
    private static func features(of plan: PagePlan, in graph: SiteGraph, written: [UInt64], directives: [UInt64]) -> UInt64 {
        func bit(_ n: Int, _ on: Bool) -> UInt64 { on ? 1 << UInt64(n) : 0 }
        func list(_ articles: some Collection<Int>) -> UInt64 { articles.reduce(0) { $0 | written[$1] } }
        func page<Articles: RandomAccessCollection<Int>>(_ slice: PageSlice, of articles: Articles) -> UInt64 where Articles.Index == Int {
            let first = slice.number == 1, last = slice.number == slice.pageCount
            let shown = slice.range.clamped(to: articles.startIndex..<articles.endIndex)
            return list(shown.lazy.map { articles[$0] }) | bit(Feature.firstPage, first) | bit(Feature.lastPage, last)
                | bit(Feature.middlePage, !first && !last) | bit(Feature.emptyPage, slice.range.isEmpty)
        }
        switch plan {
        case .article(let index):
            let cited = graph.articles[index].directives.reduce(0) { $0 | (graph.directiveIndex[$1].map { directives[$0] } ?? 0) }
            return written[index] | cited | bit(Feature.related, !graph.related[index].isEmpty)
        case .home(let slice): return page(slice, of: graph.articles.indices)
        case .taxonomy(let taxonomy, let index, let slice): return page(slice, of: graph.taxonomies[taxonomy].entries[index].articles)
        case .directive(let index, let slice):
            let entry = graph.directives[index]
            return page(slice, of: entry.articles) | directives[index] | bit(Feature.described, !entry.directive.body.isEmpty)
                | bit(Feature.mentions, !entry.mentions.isEmpty)
        case .theme(let index, let slice):
            let entry = graph.themes[index]
            return page(slice, of: entry.articles) | bit(Feature.described, !entry.theme.body.isEmpty)
        case .month(let index), .printEdition(let index):
            let numbered = graph.issueNumber(ofMonth: index) != nil
            return list(graph.months[index].articles) | bit(Feature.numbered, numbered) | bit(Feature.unnumbered, !numbered)
        // Listed, not `default`: a new page kind is then one the compiler asks about here.
        case .directiveIndex, .themeIndex, .archiveIndex, .search, .notFound, .taxonomyIndex: return 0
        }
    }
}
