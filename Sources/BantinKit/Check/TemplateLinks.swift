/// What `bantin check` would reject in the links the templates write (a stylesheet not in
/// `templates/assets/`, `{{root}}van-ban/` naming a folder, `#neo` that no element has), found
/// before anything is written: a page of each kind and shape (`shape`) is rendered without the
/// texts of articles, directives and themes (whose links are checked at their source, or told
/// as HTML written in them), and its links are resolved against the files the build plans.
enum TemplateLinks {
    static func problems(pages: [PagePlan], graph: SiteGraph, templates: TemplateSet, planned: Set<String>, baseURL: String?, templatesName: String) -> [Diagnostic] {
        let renderer = PageRenderer(graph: graph, templates: templates, baseURL: baseURL, formatDatesAhead: false, bodies: SharedBodies(), showsBodies: false)
        var seen: Set<[UInt64]> = []
        let samples = pages.filter { seen.insert(shape(of: $0, in: graph)).inserted }
        let rendered: [(path: String, html: String)] = samples.parallelMap { plan in
            (graph.route(of: plan).outputPath, String(decoding: renderer.html(for: plan), as: UTF8.self))
        }
        var ids: [String: Set<String>] = [:]
        for page in rendered { ids[page.path] = Set(LinkChecker.attributeValues(in: page.html, names: ["id", "name"]).map(LinkChecker.decodeEntities)) }
        var diagnostics: [Diagnostic] = []
        var told: Set<String> = []
        for page in rendered {
            let links = LinkChecker.attributeValues(in: page.html, names: ["href", "src"])
                + LinkChecker.attributeValues(in: page.html, names: ["srcset"]).flatMap(LinkChecker.candidates)
            for raw in links {
                let link = LinkChecker.decodeEntities(raw)
                // An anchor in a page not rendered here is left to `check`: only its file is looked for.
                var checked = link
                if let hash = link.firstIndex(of: "#") {
                    let path = link[..<hash].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
                    if ids[path.isEmpty ? page.path : ContentPath.resolve(path, from: page.path) ?? ""] == nil { checked = String(link[..<hash]) }
                }
                let reason = LinkChecker.resolve(checked, from: page.path, existing: planned, idsByPage: ids, baseURL: baseURL)
                // Told once for what it leads to and why: `van-ban/` and `../../van-ban/` are one
                // mistake, and so is `#neo` on every page.
                let path = String(checked.prefix { $0 != "#" && $0 != "?" })
                guard let reason, told.insert((path.isEmpty ? link : ContentPath.resolve(path, from: page.path) ?? path) + "\n" + reason.prefix { $0 != ":" }).inserted
                else { continue }
                diagnostics.append(.error(templatesName, "\(page.path), as the templates render it, links to `\(link)`: \(reason) (`bantin check` would reject the site)"))
            }
        }
        return diagnostics
    }

    /// What decides which sections of its templates a page shows: its kind; for an article, the
    /// front-matter fields written (a section for `image` or `author` shows only where one is)
    /// and whether it has related articles; for a directive, the fields of its file and whether
    /// it is described; for a page of a list, whether it is the first, the last, or empty. One
    /// page of each shape is rendered.
    private static func shape(of plan: PagePlan, in graph: SiteGraph) -> [UInt64] {
        func list(_ slice: PageSlice) -> [UInt64] { [slice.number == 1 ? 1 : 0, slice.number == slice.pageCount ? 1 : 0, slice.range.isEmpty ? 1 : 0] }
        let kind = UInt64(kind(of: plan))
        switch plan {
        case .article(let index): return [kind, graph.articles[index].positions.keySet, graph.related[index].isEmpty ? 0 : 1]
        case .directive(let index, let slice):
            let directive = graph.directives[index].directive
            return [kind, directive.positions.keySet, directive.body.isEmpty ? 0 : 1] + list(slice)
        case .theme(let index, let slice): return [kind, graph.themes[index].theme.body.isEmpty ? 0 : 1] + list(slice)
        case .home(let slice), .category(_, let slice), .place(_, let slice): return [kind] + list(slice)
        default: return [kind]
        }
    }

    /// Which case of `PagePlan` a page is.
    private static func kind(of plan: PagePlan) -> Int {
        switch plan {
        case .home: 0
        case .article: 1
        case .directiveIndex: 2
        case .directive: 3
        case .themeIndex: 4
        case .theme: 5
        case .archiveIndex: 6
        case .month: 7
        case .printEdition: 8
        case .search: 9
        case .notFound: 10
        case .categoryIndex: 11
        case .category: 12
        case .placeIndex: 13
        case .place: 14
        }
    }
}
