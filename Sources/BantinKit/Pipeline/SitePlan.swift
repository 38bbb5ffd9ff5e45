import Foundation

/// Every file of the site, in memory (pages render as they are written), without touching the output folder.
public struct PlannedSite: Sendable {
    public var files: [OutputFile]
    /// The search index's files: made while `files` are written, and written after them.
    var later = Later.none
    public var articles: Int
    public var pages: Int
    public var notes: [String]
    /// Pages taken unchanged from earlier output.
    public var reused = 0
    /// The articles left out for later (or published early with `--future`).
    public var schedule = PublicationSchedule()
    /// Photos published, and how many of them this build encoded (the others came from the photo cache).
    public var photos = 0
    public var encodedPhotos = 0
    /// The photo cache's entries the site uses, to keep once it is in place (`nil`: keep all).
    var photoKeysInUse: Set<String>? = nil

    /// A template found, while pages were rendered, to include itself without end (checked
    /// before the site is published).
    var endlessTemplate: @Sendable () -> String? = { nil }

    /// Files planned once something made while the others are written is ready, in the order
    /// they are written, with how many bytes of search index they hold.
    struct Later: Sendable {
        let files: @Sendable () -> (files: [OutputFile], bytes: Int)
        static let none = Later { ([], 0) }
    }
}

extension SiteBuilder {
    /// The site `options` describe, made from scratch: every file, the search index's too.
    public static func plan(_ options: BuildOptions) throws(BuildFailure) -> (PlannedSite, [Diagnostic]) {
        var clock = StageClock()
        var (site, diagnostics) = try plan(options, listing: nil, memory: NoMemory(), clock: &clock)
        let later = site.later.files()
        site.files += later.files
        site.later = .none
        return (site, diagnostics)
    }

    /// content → catalog → site graph → files: pages, feeds, search index, crawl files, assets, media.
    static func plan(
        _ options: BuildOptions, listing: ContentListing?, memory: any BuildMemory, clock: inout StageClock
    ) throws(BuildFailure) -> (PlannedSite, [Diagnostic]) {
        var (inputs, diagnostics) = try readInputs(options, listing: listing, memory: memory)
        diagnostics += memory.moves(of: inputs.catalog.articles, waiting: inputs.catalog.waiting, bases: inputs.oldAddressBases)
        clock.lap("read content")
        // Photos are decoded and encoded on every core (or taken from the photo cache) while the graph is made.
        let photoFiles = inputs.catalog.staticFiles.filter { PhotoNaming.isPhoto($0.relativePath) }
        let photoWork = Background { [settings = inputs.catalog.config.images, cache = memory.photoCache] in
            PhotoLibrary.publish(photoFiles, settings: settings, cache: cache)
        }
        // The search index reads the articles in site order and its context only: it is made
        // from now, while the rest of the graph is (one core is otherwise idle there), and the pages.
        let articles = SiteGraph.articles(of: inputs.catalog)
        let searchContext = SearchContext(config: inputs.catalog.config, directives: inputs.catalog.directives)
        let stopSearch = Cancellation()
        let search = Background { options.searchIndex ? memory.searchIndex(articles, context: searchContext, stop: stopSearch) : .empty }
        // A build that fails from now on stops the index and waits for it first: no file of it is
        // left half-written in bantin's folder, nor written on while the next build runs (`watch`).
        func failing(_ failure: BuildFailure) -> BuildFailure {
            stopSearch.cancel()
            _ = search.value
            return failure
        }
        var withPhotos = SiteGraph(catalog: inputs.catalog, articles: articles, rankRelated: memory.related)
        clock.lap("site graph")
        let photos = photoWork.value
        withPhotos.photos = photos.set
        withPhotos.photos.addPicturesAsTheyAre(inputs.catalog.staticFiles)
        let graph = withPhotos
        diagnostics += SavedColumns.inSavedFiles(
            PhotoUses.diagnostics(photos, catalog: inputs.catalog, contentName: options.contentName), content: options.content, displayRoot: options.contentName)
        clock.lap("photos")
        let pagePlans = PagePlan.all(for: graph)
        var planned = generatedFiles(graph, pages: pagePlans, assets: inputs.templates.assets, baseURL: inputs.baseURL)
        diagnostics += addMedia(mediaFiles(of: inputs.catalog, photos: photos.files), to: &planned, contentName: options.contentName)
        diagnostics += addOldAddresses(graph.articles, to: &planned, language: graph.config.language, baseURL: inputs.baseURL, bases: inputs.oldAddressBases)
        // Every warning is known by now (the photos' last): `--strict` makes each an error.
        diagnostics = diagnostics.strict(options.strict)
        if diagnostics.hasErrors {
            throw failing(BuildFailure(diagnostics: diagnostics + ownSiteLinks(of: inputs.catalog, media: photos.files, options: options).strict(options.strict)))
        }

        // The search index is made meanwhile (`search`): its files are planned once it is ready.
        let earlier = memory.earlier(planned, graph: graph)
        let reused = zip(planned, earlier).count { if case .page = $0 { $1 != nil } else { false } }
        clock.lap("pages kept")
        // Dates are formatted ahead only when there are many pages to render.
        let renderer = PageRenderer(
            graph: graph, templates: inputs.templates, baseURL: inputs.baseURL, formatDatesAhead: pagePlans.count - reused > graph.articles.count / 8,
            bodies: sharedBodies(planned, earlier: earlier, graph: graph))
        // What `check` would reject in the templates' links, and in texts' links by the site's own
        // address, is told before anything is written.
        let plannedPaths = Set(planned.map(\.path))
        var linkProblems = TemplateLinks.problems(
            pages: pagePlans, graph: graph, templates: inputs.templates, planned: plannedPaths, baseURL: inputs.baseURL, templatesName: options.templatesName)
        var plansByPath: [String: PagePlan] = [:]
        var idsByPath: [String: Set<String>?] = [:]
        let ownSite = OwnSiteLinks.problems(
            inputs.catalog.addressLinks, baseURL: inputs.baseURL, planned: plannedPaths, scheduled: Set(inputs.catalog.waiting.map(\.file))
        ) { path in
            if let known = idsByPath[path] { return known }
            if plansByPath.isEmpty { plansByPath = Dictionary(pagePlans.map { (graph.route(of: $0).outputPath, $0) }) { first, _ in first } }
            // A page, rendered; an HTML file of content/, as it is copied.
            let html = plansByPath[path].map { String(decoding: renderer.html(for: $0), as: UTF8.self) }
                ?? inputs.catalog.staticFiles.first { $0.relativePath == path }.flatMap { try? String(contentsOfFile: $0.path, encoding: .utf8) }
            let ids = html.map(LinkChecker.ids(in:))
            idsByPath[path] = ids
            return ids
        }
        linkProblems += SavedColumns.inSavedFiles(ownSite, content: options.content, displayRoot: options.contentName)
        linkProblems = linkProblems.strict(options.strict)
        if linkProblems.hasErrors { throw failing(BuildFailure(diagnostics: diagnostics + linkProblems)) }
        diagnostics += linkProblems
        let feedBodies = bodies(of: planned, earlier: earlier, graph: graph, renderer: renderer)
        clock.lap("feed bodies")
        let made = Made(graph: graph, renderer: renderer, feedBodies: feedBodies, search: .none, baseURL: inputs.baseURL, pages: pagePlans)
        let files = zip(planned, earlier).map { file, earlier in OutputFile(path: file.path, contents: earlier ?? made.contents(of: file)) }
        // The search index is still being made while those are written; its files come after them.
        let later = PlannedSite.Later {
            var made = made
            made.search = search.value
            let searchFiles: [PlannedFile] = made.search.files.map { .bytes(path: $0.path, $0.bytes) } + made.search.recordNumbers.map { .searchRecord(number: $0) }
            let earlier = memory.earlier(searchFiles, graph: graph)
            let files = zip(searchFiles, earlier).map { file, earlier in OutputFile(path: file.path, contents: earlier ?? made.contents(of: file)) }
            // Without the index, its empty table is no index: its size is not told.
            return (files, options.searchIndex ? made.search.byteCount : 0)
        }
        var notes: [String] = []
        if inputs.baseURL == nil {
            notes.append("no base URL: sitemap.xml not written, feed links left relative, no canonical or Open Graph addresses, and 404.html's links work only for a missing page at the top level (set base_url in site.yml or pass --base-url)")
        }
        if graph.unnumberedIssues > 0, let first = graph.firstIssue {
            notes.append("\(graph.unnumberedIssues) month(s) before first_issue \(first) have print editions without an issue number")
        }
        var site = PlannedSite(files: files, articles: graph.articles.count, pages: pagePlans.count, notes: notes)
        site.later = later
        site.endlessTemplate = { [endless = inputs.templates.endless] in endless.first }
        site.reused = reused
        site.schedule = inputs.catalog.schedule
        site.photos = graph.photos.photos.count
        site.encodedPhotos = graph.photos.encoded
        site.photoKeysInUse = photos.keysInUse
        return (site, diagnostics)
    }

    /// A templates folder inside the content folder: every file in it would be read as the
    /// bulletin's too (its templates published as files, its scripts refused as content's).
    static func templatesInsideContent(_ options: BuildOptions) -> Diagnostic? {
        let content = options.content.standardizedFileURL.resolvingSymlinksInPath().path
        let templates = options.templates.standardizedFileURL.resolvingSymlinksInPath().path
        let folder = content.hasSuffix("/") ? content : content + "/"
        // The same folder, or one in it that is not hidden (a hidden folder is never read as content).
        guard templates == content || (templates.hasPrefix(folder) && !templates.dropFirst(folder.count).split(separator: "/").contains { $0.hasPrefix(".") })
        else { return nil }
        return .error(options.templatesName,
            "the templates folder \(templates == content ? "is" : "is inside") \(options.contentName), whose every file is read as the bulletin's texts and files (its templates would be published as they are): keep it beside \(options.contentName) (`templates/`, the default, or `--templates DIR`)")
    }

    /// A `--base-url` that is no base URL (`""`, `example.org`): refused whatever the content,
    /// on every build, before anything is read.
    static func baseURLRefused(_ options: BuildOptions) -> Diagnostic? {
        guard let override = options.baseURL, BaseURL.normalize(override) == nil else { return nil }
        return .error("--base-url", BaseURL.refusal(override))
    }

    /// What a build reads: the content, the templates, and the base URL (option over `site.yml`).
    struct Inputs {
        var catalog: Catalog
        var templates: TemplateSet
        var baseURL: String?
        /// The base URLs an old address written in full may be on (`BaseURL.ofOldAddresses`).
        var oldAddressBases: [String]
    }

    static func readInputs(_ options: BuildOptions, listing: ContentListing?, memory: any BuildMemory) throws(BuildFailure) -> (Inputs, [Diagnostic]) {
        if let inside = templatesInsideContent(options) { throw BuildFailure(diagnostics: [inside]) }
        var (catalog, diagnostics) = CatalogLoader.load(
            content: options.content, displayRoot: options.contentName, includeDrafts: options.includeDrafts, now: options.now,
            includeFuture: options.includeFuture, listing: listing,
            memory: memory.articles(zone:), baseURL: options.baseURL, holdingBodies: options.searchIndex
        ) { refused, problems in
            // The photos are read all the same: a broken one is told in this build, not the next.
            let photos = refused.staticFiles.filter { PhotoNaming.isPhoto($0.relativePath) }
            let outcome = PhotoLibrary.publish(photos, settings: refused.config.images, cache: memory.photoCache)
            return PhotoUses.diagnostics(outcome, catalog: refused, contentName: options.contentName)
                + ownSiteLinks(of: refused, media: outcome.files, options: options, textsRefused: problems.contains { $0.severity == .error && $0.line > 0 })
        }
        diagnostics = SavedColumns.inSavedFiles(diagnostics, content: options.content, displayRoot: options.contentName)
        let (templates, templateProblems) = TemplateSet.load(
            folder: options.templates, displayRoot: options.templatesName, site: catalog?.config)
        diagnostics += SavedColumns.inSavedFiles(templateProblems, content: options.templates, displayRoot: options.templatesName)
        if let refused = baseURLRefused(options) { diagnostics.append(refused) }
        // Refused here, the warnings found so far fail as `--strict` says, as they would with the rest.
        guard let catalog, let templates, !diagnostics.hasErrors else { throw BuildFailure(diagnostics: diagnostics.strict(options.strict)) }
        let inputs = Inputs(
            catalog: catalog, templates: templates, baseURL: BaseURL.ofSite(override: options.baseURL, config: catalog.config),
            oldAddressBases: BaseURL.ofOldAddresses(override: options.baseURL, config: catalog.config))
        return (inputs, diagnostics)
    }

    /// The links by the site's own address of a catalog refused for other errors, checked against
    /// the files its site would have (its pages' ids unknown), so that every problem is told in one
    /// build: fixing the others would only uncover these.
    /// `textsRefused`: whether texts were refused for their errors; the pages of the site are then
    /// not all known (a refused article's own, its category's and its feed, its month's): a link
    /// to a page or feed is a warning that says so, a link to a file an error.
    static func ownSiteLinks(of catalog: Catalog, media: [(file: PlannedFile, source: String)], options: BuildOptions, textsRefused: Bool = false) -> [Diagnostic] {
        guard !catalog.addressLinks.isEmpty, let baseURL = BaseURL.ofSite(override: options.baseURL, config: catalog.config) else { return [] }
        let toPage = { (link: BodyLink) -> Bool in
            guard textsRefused, let path = LinkChecker.pathUnder(baseURL, of: LinkParts(link.destination).path) else { return false }
            // A page, or a feed (a refused text's category may have one).
            return path.isEmpty || path.hasSuffix("/") || path.hasSuffix(".html") || path.hasSuffix(".xml") || PhotoNaming.fileExtension(of: String(path)).isEmpty
        }
        let graph = SiteGraph(catalog: catalog)
        // The templates are not read yet: their assets are the files of their folder.
        let folder = options.templates.appendingPathComponent("assets")
        let assets = (FileManager.default.subpaths(atPath: folder.path) ?? []).map {
            TreeEntry(relativePath: "assets/" + $0, path: folder.appendingPathComponent($0).path)
        }
        let planned = Set((generatedFiles(graph, pages: PagePlan.all(for: graph), assets: assets, baseURL: baseURL)
            + mediaFiles(of: catalog, photos: media).map(\.file)).map(\.path) + OldAddresses.kept(graph.articles, bases: BaseURL.ofOldAddresses(override: options.baseURL, config: catalog.config)).kept.map(\.path))
        let check = { (links: [String: [BodyLink]]) in
            OwnSiteLinks.problems(links, baseURL: baseURL, planned: planned, scheduled: Set(catalog.waiting.map(\.file))) { _ in nil }
        }
        let toFiles = check(catalog.addressLinks.mapValues { $0.filter { !toPage($0) } })
        let toPages = check(catalog.addressLinks.mapValues { $0.filter(toPage) }).map { told in
            Diagnostic(.warning, told.file, line: told.line, column: told.column,
                told.message + " (as far as the site can be made in this build: a text refused for its errors may make that page; told again once they are fixed)")
        }
        let told = toFiles + toPages
        return SavedColumns.inSavedFiles(told, content: options.content, displayRoot: options.contentName)
    }

    /// The files bantin writes for a site besides its media and search index: its pages, feeds,
    /// robots.txt, the sitemaps (with a base URL) and the templates' assets.
    static func generatedFiles(_ graph: SiteGraph, pages: [PagePlan], assets: [TreeEntry], baseURL: String?) -> [PlannedFile] {
        var planned: [PlannedFile] = pages.map { .page($0, path: graph.route(of: $0).outputPath) }
        planned += AtomFeed.all(for: graph).map { .feed($0) }
        planned.append(.generated(path: "robots.txt"))
        if baseURL != nil { planned += CrawlFiles.sitemapPaths(pages: pages.count).map { .generated(path: $0) } }
        return planned + assets.map { .copy(path: $0.relativePath, source: $0.url) }
    }

    /// The files of `content/` published, each with the path under `content/` of what it is made
    /// from: copied as they are, and the photos' variants (`photos`). Files only scheduled articles
    /// use wait with them (their photos are made all the same).
    static func mediaFiles(of catalog: Catalog, photos: [(file: PlannedFile, source: String)]) -> [(file: PlannedFile, source: String)] {
        let waiting = catalog.waitingFiles
        let copied = catalog.staticFiles.filter { !PhotoNaming.isPhoto($0.relativePath) && !waiting.contains($0.relativePath) }
        return copied.map { (file: PlannedFile.copy(path: $0.relativePath, source: $0.url), source: $0.relativePath) } + photos.filter { !waiting.contains($0.source) }
    }

    /// Media and other files of `content/` (copied to the same path, or a photo's variants), each
    /// with the path under `content/` of what it is made from; one that would overwrite a page,
    /// an asset or another file is an error.
    static func addMedia(_ media: [(file: PlannedFile, source: String)], to planned: inout [PlannedFile], contentName: String) -> [Diagnostic] {
        guard !media.isEmpty else { return [] }
        let generated = PathIndex(planned.map(\.path))
        // The folders bantin writes into, with the search index's (its files are known later).
        let folders = Self.folders(of: planned.map(\.path) + [SearchShards.folder])
        // Each path written for a file of content/, and that file.
        var copied: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        // Two photos clash at each width: said once for the pair, at their first clash.
        var clashing: Set<[String]> = []
        for (file, source) in media {
            let what = file.path == source ? "this file" : "this photo's \(file.path)"
            if generated.contains(file.path) {
                diagnostics.append(.error(ContentTree.join(contentName, source), "\(what) would overwrite the page or asset bantin writes at \(file.path); rename it"))
                continue
            }
            if let clash = Self.folderClash(file.path, generated: generated, folders: folders) {
                diagnostics.append(.error(ContentTree.join(contentName, source), "\(what) \(clash); rename it"))
                continue
            }
            if let other = copied[file.path] {
                guard clashing.insert([source, other]).inserted else { continue }
                let theirs = file.path == other ? "" : " (its \(file.path))"
                diagnostics.append(.error(ContentTree.join(contentName, source), "\(what) would overwrite what \(ContentTree.join(contentName, other)) makes\(theirs); rename one of them"))
                continue
            }
            copied[file.path] = source
            planned.append(file)
        }
        return diagnostics
    }

    /// The pages kept at the articles' old addresses (`OldAddresses`), after every other file: one
    /// that would stand where bantin writes a page or file, or a folder of them (or another old
    /// address's), is an error at its place.
    static func addOldAddresses(_ articles: [Article], to planned: inout [PlannedFile], language: String, baseURL: String?, bases: [String]) -> [Diagnostic] {
        var (kept, diagnostics) = OldAddresses.kept(articles, bases: bases)
        guard !kept.isEmpty else { return diagnostics }
        // Compared without case too: on a host or computer that tells none apart, `Bai-Viet/x/` is `bai-viet/x/`.
        let paths = planned.map(\.path), lowered = paths.map { $0.lowercased() }
        let generated = PathIndex(paths), generatedLowered = PathIndex(lowered)
        let folders = Self.folders(of: paths + [SearchShards.folder]), foldersLowered = Self.folders(of: lowered + [SearchShards.folder])
        let byLowered = Dictionary(zip(lowered, paths)) { first, _ in first }
        // The old addresses' pages kept so far, by their paths without case.
        var added: [String: String] = [:]
        // By path without case (a page before any inside its path), then as written: of two differing only in case, the later is told.
        kept.sort { ($0.path.lowercased(), $0.article, $0.alias) < ($1.path.lowercased(), $1.article, $1.alias) }
        for old in kept {
            let article = articles[old.article]
            let at = { article.position(ofAlias: old.alias) }
            let low = old.path.lowercased()
            let caseless = " on a host or computer that tells no case apart"
            let clash = generated.contains(old.path) ? "would stand where bantin writes \(old.path)" : Self.folderClash(old.path, generated: generated, folders: folders)
                ?? (generatedLowered.contains(low) ? "would stand\(caseless) where bantin writes \(byLowered[low] ?? low)" : nil)
                ?? Self.folderClash(low, generated: generatedLowered, folders: foldersLowered).map { $0 + caseless }
                ?? added[low].map { "would stand\(caseless) where another old address's page is written, \($0)" }
                ?? Self.folders(of: [low]).first { added[String($0)] != nil }.map { "would be inside \(added[String($0)]!), the page of another old address" }
            if let clash {
                diagnostics.append(at().diagnostic(.error, article.file, "old address `\(article.fields.aliases[old.alias])`: its page \(clash); leave it out"))
                continue
            }
            added[low] = old.path
            planned.append(.bytes(path: old.path, OldAddresses.page(at: old.path, for: article, language: language, baseURL: baseURL)))
        }
        return diagnostics
    }

    /// Every folder above `paths` (`bai-viet/tien-giang`, `bai-viet` for `bai-viet/tien-giang/index.html`).
    static func folders(of paths: [String]) -> Set<Substring> {
        var folders: Set<Substring> = []
        for path in paths {
            var end = path.endIndex
            while let slash = path[..<end].lastIndex(of: "/") {
                // A folder already met has had its own folders met too.
                guard folders.insert(path[..<slash]).inserted else { break }
                end = slash
            }
        }
        return folders
    }

    /// Why a file of content/ published at `path` cannot be where bantin writes its own files: it
    /// would stand where a folder of them goes, or inside one of them or the search index's folder.
    static func folderClash(_ path: String, generated: PathIndex, folders: Set<Substring>) -> String? {
        if folders.contains(path[...]) { return "would stand where bantin writes the folder \(path)/ (its pages and files)" }
        let index = SearchShards.folder
        if path.hasPrefix(index) { return "would be inside \(index), the folder of the search index bantin writes" }
        var end = path.endIndex
        while let slash = path[..<end].lastIndex(of: "/") {
            let folder = String(path[..<slash])
            if generated.contains(folder) { return "would be inside \(folder), which is a page or file bantin writes" }
            end = slash
        }
        return nil
    }

    /// Which bodies two pages of this build show: an article's page and its month's print edition,
    /// when both are rendered (not kept from earlier output).
    static func sharedBodies(_ planned: [PlannedFile], earlier: [OutputFile.Contents?], graph: SiteGraph) -> SharedBodies {
        var articlePages = [Bool](repeating: false, count: graph.articles.count)
        var printEditions = [Bool](repeating: false, count: graph.months.count)
        for (file, earlier) in zip(planned, earlier) where earlier == nil {
            switch file {
            case .page(.article(let index), path: _): articlePages[index] = true
            case .page(.printEdition(let index), path: _): printEditions[index] = true
            default: continue
            }
        }
        return SharedBodies(graph: graph, articlePages: articlePages, printEditions: printEditions)
    }

    /// The rendered bodies the feeds to be made show (kept feeds need none).
    static func bodies(of planned: [PlannedFile], earlier: [OutputFile.Contents?], graph: SiteGraph, renderer: PageRenderer) -> [Int: String] {
        let feeds: [AtomFeed] = zip(planned, earlier).compactMap { file, earlier in
            if case .feed(let feed) = file, earlier == nil { return feed }
            return nil
        }
        return AtomFeed.bodies(for: feeds, graph: graph, markdown: renderer.markdown, baseURL: renderer.baseURL)
    }

    /// How each planned file is made.
    struct Made: Sendable {
        let graph: SiteGraph
        let renderer: PageRenderer
        let feedBodies: [Int: String]
        var search: SearchIndex
        let baseURL: String?
        let pages: [PagePlan]

        func contents(of file: PlannedFile) -> OutputFile.Contents {
            switch file {
            case .page(let plan, path: _): return .render { [renderer] in renderer.html(for: plan) }
            case .feed(let feed): return .render { [graph, feedBodies, baseURL] in Array(feed.xml(graph: graph, bodies: feedBodies, baseURL: baseURL).utf8) }
            case .copy(path: _, source: let source): return .copy(source)
            case .bytes(path: _, let bytes): return .parts([bytes])
            case .generated(let path): return generated(path)
            case .searchRecord(let number): return .render { [search] in search.record(number) }
            }
        }

        private func generated(_ path: String) -> OutputFile.Contents {
            switch path {
            case "robots.txt": return .text(CrawlFiles.robots(baseURL: baseURL))
            default:
                let dated = pages.map { (route: graph.route(of: $0), lastmod: SiteBuilder.lastModified($0, graph: graph)) }
                return .text(CrawlFiles.sitemap(path, pages: dated, baseURL: baseURL ?? ""))
            }
        }
    }

    /// The newest date of what a page shows.
    static func lastModified(_ plan: PagePlan, graph: SiteGraph) -> LocalDateTime? {
        func newest(_ indices: some Sequence<Int>) -> LocalDateTime? {
            indices.map { graph.articles[$0].updated ?? graph.articles[$0].date }.max()
        }
        switch plan {
        case .home(let slice): return newest(slice.range)
        case .article(let i): return newest([i])
        case .directive(let i, let slice): return newest(graph.directives[i].articles[slice.range])
        case .theme(let i, let slice): return newest(graph.themes[i].articles[slice.range])
        case .month(let i), .printEdition(let i): return newest(graph.months[i].articles)
        case .taxonomy(let taxonomy, let i, let slice): return newest(graph.taxonomies[taxonomy].entries[i].articles[slice.range])
        case .directiveIndex, .themeIndex, .archiveIndex, .taxonomyIndex: return newest(graph.articles.indices)
        case .search, .notFound: return nil
        }
    }
}
