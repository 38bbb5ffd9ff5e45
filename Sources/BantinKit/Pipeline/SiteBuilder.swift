import Foundation

/// What to build, from where, to where.
public struct BuildOptions: Sendable {
    public var content: URL
    public var templates: URL
    public var output: URL
    /// How to name these folders in messages (as the user typed them).
    public var contentName: String
    public var templatesName: String
    public var outputName: String
    /// Overrides `base_url` in `site.yml`.
    public var baseURL: String?
    public var includeDrafts: Bool
    /// Warnings fail the build too.
    public var strict: Bool
    /// False when the process exits right after the build (the command line): the site held in
    /// memory (tens of thousands of objects) is then left for the exit to drop, not freed one by one.
    public var freesMemory = true

    public init(
        content: URL, templates: URL, output: URL, contentName: String = "content", templatesName: String = "templates",
        outputName: String = "public", baseURL: String? = nil, includeDrafts: Bool = false, strict: Bool = false
    ) {
        self.content = content
        self.templates = templates
        self.output = output
        self.contentName = contentName
        self.templatesName = templatesName
        self.outputName = outputName
        self.baseURL = baseURL
        self.includeDrafts = includeDrafts
        self.strict = strict
    }
}

/// What a build keeps until the process exits (see `BuildOptions.freesMemory`).
enum KeptUntilExit {
    private nonisolated(unsafe) static var kept: [Any] = []
    private static let lock = NSLock()

    static func keep(_ value: Any) {
        lock.lock()
        kept.append(value)
        lock.unlock()
    }
}

/// What a successful build did.
public struct BuildReport: Sendable {
    public var articles: Int
    public var pages: Int
    public var files: Int
    public var searchIndexBytes: Int
    public var diagnostics: [Diagnostic]
    /// Things the user should know (e.g. what was left out without a base URL).
    public var notes: [String]
    /// True when nothing had changed since the last build and the output was left as it was.
    public var upToDate: Bool = false
    /// Pages whose content had not changed, taken from the previous output instead of rendered.
    public var reusedPages: Int = 0
    /// Article files taken from the article cache, and article files read and parsed.
    public var cachedArticles: Int = 0
    public var readArticles: Int? = nil
}

/// The whole pipeline: content → catalog → site graph → rendered files → atomic swap.
public enum SiteBuilder {
    public static func build(_ options: BuildOptions, progress: BuildProgress = .silent) throws(BuildFailure) -> BuildReport {
        let output = OutputFolder(url: options.output, display: options.outputName)
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        if let problem = output.validate(protecting: [options.content, options.templates, cwd]) {
            throw BuildFailure(diagnostics: [problem])
        }
        var clock = StageClock()
        let listing = ContentListing(of: options.content, displayRoot: options.contentName)
        let inputs = InputStamp.inputs(options, content: listing)
        // The output is checked only when the inputs are those of the last build.
        if let last = output.lastStamp(), last.inputs == inputs.value,
            PageManifest.load(from: output.manifestURL).listedPrint(of: output.url.path)?.description == last.output,
            var report = BuildReport(saved: last.report)
        {
            report.upToDate = true
            return report
        }
        progress.report("reading", 0, 0)
        output.clearStamp()
        // The site before the last one, kept beside the output, becomes the new staging folder when it
        // is exactly as that build left it: then only the files that differ are written into it.
        // Without one, unchanged pages of the output itself (when it is as the last build left it) are hard-linked.
        // Checking it takes one `stat` per file and folder of it: done while the content is read.
        let previous = Background { [output] () -> Reuse in
            if let base = output.reusableBase() { return Reuse(manifest: base, linkFrom: nil) }
            let last = PageManifest.load(from: output.manifestURL)
            let intact = FolderPrint(last.outputFingerprint).map { $0 == last.listedPrint(of: output.url.path) } ?? false
            return Reuse(manifest: intact ? last : PageManifest(), linkFrom: options.output)
        }
        clock.lap("fingerprint inputs")
        let (site, diagnostics) = try plan(options, listing: listing, previous: { previous.value }, cacheFile: output.cacheURL,
            relatedFile: output.relatedURL, searchFile: output.searchURL, clock: &clock)
        let published: (print: FolderPrint?, twin: Bool)
        do {
            published = try output.publish(site.files, manifest: site.manifest, base: previous.value.base, progress: progress)
            clock.lap("render and write")
        } catch {
            throw BuildFailure(diagnostics: diagnostics + [.error(options.outputName, "\(error)")])
        }
        var report = BuildReport(
            articles: site.articles, pages: site.pages, files: site.files.count + 1, searchIndexBytes: site.searchIndexBytes,
            diagnostics: diagnostics, notes: site.notes)
        report.reusedPages = site.reused
        report.cachedArticles = site.articleCache?.hits ?? 0
        report.readArticles = site.articleCache?.misses
        let cacheSaved = Background { [site] in site.articleCache?.save(to: output.cacheURL) }
        // Built onto the retired output, the new one's fingerprint is known from the paths written;
        // otherwise the output was made afresh and holds just the files of the site.
        let outputAfter = published.print ?? site.manifest.listedPrint(of: output.url.path) ?? FolderPrint(value: 0)
        output.saveStamp(inputs: inputs, output: outputAfter, report: report.saved)
        var manifest = site.manifest
        manifest.outputFingerprint = outputAfter.description
        manifest.save(to: output.manifestURL)
        // After a build into an empty place, the output's twin is the earlier site the next build writes into.
        if published.twin, let twin = manifest.listedPrint(of: output.retiredURL.path) {
            var retired = manifest
            retired.outputFingerprint = twin.description
            retired.save(to: output.retiredManifestURL)
        }
        cacheSaved.value
        clock.lap("stamp")
        if !options.freesMemory { KeptUntilExit.keep(site) }
        return report
    }

    /// Every file of the site, in memory, without touching the output folder.
    public struct PlannedSite: Sendable {
        public var files: [OutputFile]
        public var articles: Int
        public var pages: Int
        public var searchIndexBytes: Int
        public var notes: [String]
        var manifest = PageManifest()
        var articleCache: ArticleCache? = nil
        /// Pages taken unchanged from the previous output.
        public var reused = 0
    }

    public static func plan(_ options: BuildOptions) throws(BuildFailure) -> (PlannedSite, [Diagnostic]) {
        var clock = StageClock()
        return try plan(options, listing: nil, previous: { Reuse(manifest: PageManifest(), linkFrom: nil) }, clock: &clock)
    }

    /// What a build may take from earlier output: the files `manifest` lists with the same
    /// fingerprint, already in the staging folder or, with `linkFrom`, hard-linked from that folder.
    struct Reuse: Sendable {
        var manifest: PageManifest
        var linkFrom: URL?

        /// The retired output's manifest, when that folder is what the build writes into.
        var base: PageManifest? { linkFrom == nil ? manifest : nil }

        /// The earlier file at `path`, when it had the fingerprint `print` (`nil`: the file must be
        /// made again, always for `alwaysWritten`).
        func earlier(_ path: String, print: UInt64) -> OutputFile.Contents? {
            guard print != PageManifest.alwaysWritten, manifest.print(of: path) == print else { return nil }
            return linkFrom.map { .link($0.path + "/" + path) } ?? .keep
        }
    }

    /// `previous` is asked for only once the site graph is made (it may still be being checked).
    static func plan(
        _ options: BuildOptions, listing: ContentListing?, previous reuse: () -> Reuse, cacheFile: URL? = nil,
        relatedFile: URL? = nil, searchFile: URL? = nil, clock: inout StageClock
    ) throws(BuildFailure) -> (PlannedSite, [Diagnostic]) {
        var (catalog, diagnostics) = CatalogLoader.load(
            content: options.content, displayRoot: options.contentName, includeDrafts: options.includeDrafts, cacheFile: cacheFile,
            listing: listing)
        clock.lap("read content")
        let (templates, templateProblems) = TemplateSet.load(folder: options.templates, displayRoot: options.templatesName)
        diagnostics += templateProblems
        var chosenBaseURL = catalog?.config.baseURL
        if let override = options.baseURL {
            if let normalized = BaseURL.normalize(override) {
                chosenBaseURL = normalized
            } else {
                diagnostics.append(.error("--base-url", "`\(override)` is not an absolute http(s) URL such as `https://example.org/bantin/`"))
            }
        }
        let baseURL = chosenBaseURL
        if options.strict, diagnostics.warningCount > 0 {
            diagnostics.append(.error(options.contentName, "--strict: \(diagnostics.warningCount) warning(s) treated as errors"))
        }
        guard let catalog, let templates, !diagnostics.hasErrors else { throw BuildFailure(diagnostics: diagnostics) }

        let memo = relatedFile.map { RelatedMemo(url: $0) }
        let graph = SiteGraph(catalog: catalog, rankRelated: { memo?.related($0) ?? RelatedArticles.compute($0) })
        clock.lap("site graph")
        let plans = PagePlan.all(for: graph)
        let fingerprints = PageFingerprints(graph: graph, options: options, baseURL: baseURL)
        // Made on another core while pages are fingerprinted; records of unchanged articles are reused.
        let search = Background {
            SearchIndex.jsonBytes(for: graph, memo: searchFile.map(SearchMemo.init), keys: graph.articles.indices.map(fingerprints.searchKey))
        }
        let previous = reuse()
        let prints: [UInt64] = plans.parallelMap { fingerprints.fingerprint($0) ?? PageManifest.alwaysWritten }
        clock.lap("page fingerprints")
        let paths: [String] = plans.map { graph.route(of: $0).outputPath }
        let earlier = zip(paths, prints).map { previous.earlier($0, print: $1) }
        let reused = earlier.count { $0 != nil }
        clock.lap("pages kept")
        // Dates are formatted ahead only when there are many pages to render.
        let renderer = PageRenderer(graph: graph, templates: templates, baseURL: baseURL, formatDatesAhead: plans.count - reused > graph.articles.count / 8)
        let pages: [OutputFile] = plans.indices.map { index in
            let plan = plans[index]
            return OutputFile(path: paths[index], contents: earlier[index] ?? .render { renderer.html(for: plan) })
        }
        // Feeds are fingerprinted like pages: an unchanged one is kept, and its bodies are not rendered.
        let allFeeds = AtomFeed.all(for: graph)
        let feedPrints = allFeeds.map(fingerprints.fingerprint)
        let earlierFeeds = zip(allFeeds, feedPrints).map { previous.earlier($0.path, print: $1) }
        let changedFeeds = zip(allFeeds, earlierFeeds).filter { $0.1 == nil }.map(\.0)
        let bodies = AtomFeed.bodies(for: changedFeeds, graph: graph, markdown: renderer.markdown)
        let feeds: [OutputFile] = zip(allFeeds, earlierFeeds).map { feed, earlier in
            OutputFile(path: feed.path, contents: earlier ?? .render { Array(feed.xml(graph: graph, bodies: bodies, baseURL: baseURL).utf8) })
        }
        clock.lap("feed bodies")
        let searchJSON = search.value
        clock.lap("search index")
        var files = pages + feeds
        files.append(OutputFile(path: "search-index.json", contents: .parts([searchJSON])))
        files.append(OutputFile(path: "search-index.js", contents: .parts([SearchIndex.scriptPrefix, searchJSON])))
        files.append(OutputFile(path: "robots.txt", contents: .text(CrawlFiles.robots(baseURL: baseURL))))
        var notes: [String] = []
        if let baseURL {
            let dated = plans.map { (route: graph.route(of: $0), lastmod: lastModified($0, graph: graph)) }
            files.append(OutputFile(path: "sitemap.xml", contents: .text(CrawlFiles.sitemap(pages: dated, baseURL: baseURL))))
        } else {
            notes.append("no base URL: sitemap.xml not written and feed links left relative (set base_url in site.yml or pass --base-url)")
        }
        files += templates.assets.map { OutputFile(path: $0.relativePath, contents: .copy($0.url)) }
        let generated = catalog.staticFiles.isEmpty ? nil : PathIndex(files.map(\.path))
        var copied: Set<String> = []
        for file in catalog.staticFiles {
            guard generated?.contains(file.relativePath) == false, copied.insert(file.relativePath).inserted else {
                diagnostics.append(.error(ContentTree.join(options.contentName, file.relativePath), "this file would overwrite a page or asset that bantin writes at the same path; rename it"))
                continue
            }
            files.append(OutputFile(path: file.relativePath, contents: .copy(file.url)))
        }
        if diagnostics.hasErrors { throw BuildFailure(diagnostics: diagnostics) }
        // Copies are kept while their source is unchanged; every other file is written again.
        var filePrints = prints + feedPrints
        for index in filePrints.count..<files.count {
            guard case .copy(let source) = files[index].contents else {
                filePrints.append(PageManifest.alwaysWritten)
                continue
            }
            var signature = StableHasher()
            signature.add("copy " + InputStamp.describe(source))
            filePrints.append(PageManifest.fingerprint(signature.value))
            if let earlier = previous.earlier(files[index].path, print: filePrints[index]) { files[index].contents = earlier }
        }
        let manifest = PageManifest(paths: files.map(\.path), prints: filePrints)
        var site = PlannedSite(files: files, articles: graph.articles.count, pages: pages.count, searchIndexBytes: searchJSON.count, notes: notes)
        site.manifest = manifest
        site.reused = reused
        site.articleCache = catalog.articleCache
        return (site, diagnostics)
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
        case .month(let i): return newest(graph.months[i].articles)
        case .directiveIndex, .themeIndex, .archiveIndex: return newest(graph.articles.indices)
        case .search, .notFound: return nil
        }
    }
}

extension BuildReport {
    /// The report as saved beside the output, to be given again when nothing changed.
    var saved: String {
        var lines = ["\(articles) \(pages) \(files) \(searchIndexBytes)"]
        lines += diagnostics.map { "\($0.severity.rawValue)\t\($0.file)\t\($0.line)\t\($0.column)\t\($0.message)" }
        lines += notes.map { "note\t" + $0 }
        return lines.joined(separator: "\n")
    }

    init?(saved: String) {
        let lines = saved.split(separator: "\n", omittingEmptySubsequences: false)
        let numbers = lines.first?.split(separator: " ").compactMap { Int($0) } ?? []
        guard numbers.count == 4 else { return nil }
        var diagnostics: [Diagnostic] = []
        var notes: [String] = []
        for line in lines.dropFirst() {
            let parts = line.split(separator: "\t", maxSplits: 4, omittingEmptySubsequences: false).map(String.init)
            if parts.count == 2, parts[0] == "note" { notes.append(parts[1]) }
            if parts.count == 5, let severity = Severity(rawValue: parts[0]), let l = Int(parts[2]), let c = Int(parts[3]) {
                diagnostics.append(Diagnostic(severity, parts[1], line: l, column: c, parts[4]))
            }
        }
        self.init(articles: numbers[0], pages: numbers[1], files: numbers[2], searchIndexBytes: numbers[3], diagnostics: diagnostics, notes: notes)
    }
}
