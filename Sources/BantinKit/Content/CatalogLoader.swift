import Foundation
import Yams

/// Reads the whole of `content/` into a `Catalog`, collecting every problem.
public enum CatalogLoader {
    /// - Parameters:
    ///   - content: the content folder.
    ///   - displayRoot: how to name that folder in diagnostics (`content`).
    ///   - cacheFile: an `ArticleCache` saved by an earlier build: articles whose files have not
    ///     changed are taken from it instead of read again.
    ///   - listing: the folder's files, when they were already listed.
    public static func load(
        content: URL, displayRoot: String, includeDrafts: Bool, cacheFile: URL? = nil, listing: ContentListing? = nil
    ) -> (Catalog?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var clock = StageClock()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: content.path, isDirectory: &isDir), isDir.boolValue else {
            return (nil, [.error(displayRoot, "content folder not found; run bantin where `content/` is, or pass `--content DIR`")])
        }
        let listed = listing ?? ContentListing(of: content, displayRoot: displayRoot)
        let files = listed.files
        diagnostics += listed.diagnostics
        let display: @Sendable (TreeEntry) -> String = { ContentTree.join(displayRoot, $0.relativePath) }

        let config = siteConfig(in: content, displayRoot: displayRoot, diagnostics: &diagnostics)

        var articleFiles: [TreeEntry] = [], directiveFiles: [TreeEntry] = [], themeFiles: [TreeEntry] = [], staticFiles: [TreeEntry] = []
        articleFiles.reserveCapacity(files.count)
        for file in files {
            if file.relativePath.hasPrefix("articles/") && file.relativePath.hasSuffix(".md") {
                articleFiles.append(file)
            } else if isTopLevel(file, in: "directives") {
                directiveFiles.append(file)
            } else if isTopLevel(file, in: "themes") {
                themeFiles.append(file)
            } else if file.relativePath != "site.yml" && file.relativePath != "site.yaml" {
                staticFiles.append(file)
            }
        }

        let zone = config.timezone
        clock.lap("  site settings")
        let cache = cacheFile.map { ArticleCache.load(from: $0, context: ArticleCache.context(zone: zone) + "\n" + displayRoot) }
        clock.lap("  article cache loaded")
        let parsed: [(article: Article?, diagnostics: [Diagnostic], cached: Bool)] = articleFiles.parallelMap { entry in
            let key = entry.fileKey
            if let cache, let key, let hit = cache.lookup(entry.path, key: key) { return (hit.article, hit.diagnostics, true) }
            var local: [Diagnostic] = []
            if let (bytes, text) = readSource(entry.path, display: display(entry), into: &local) {
                var (article, more) = ArticleReader.read(text: text, file: display(entry), zone: zone)
                local += more
                // A body that is the end of its file is read from there again when its page is made:
                // tens of thousands of bodies are not all kept in memory.
                if let body = article?.body, let place = BodyText.place(of: body, endingFile: bytes, at: entry.path) {
                    article = article?.with(bodyAt: place)
                }
                if let cache, let key { cache.record(entry.path, ArticleCache.Entry(key: key, article: article, diagnostics: local)) }
                return (article, local, false)
            }
            return (nil, local, false)
        }
        clock.lap("  articles from cache or read")
        cache?.use(zip(articleFiles, parsed).compactMap { $1.cached ? $0.path : nil })
        var articles = parsed.compactMap(\.article)
        diagnostics += parsed.flatMap(\.diagnostics)

        var directives: [Directive] = []
        for entry in directiveFiles {
            guard let text = readText(entry.path, display: display(entry), into: &diagnostics) else { continue }
            let (directive, more) = TermReader.directive(text: text, file: display(entry), zone: zone)
            diagnostics += more
            guard let directive else { continue }
            if let other = directives.first(where: { $0.code == directive.code }) {
                diagnostics.append(.error(display(entry), line: 1, "directive \(directive.code) is already described in \(other.file ?? "")"))
                continue
            }
            directives.append(directive)
        }
        var themes: [Theme] = []
        for entry in themeFiles {
            guard let text = readText(entry.path, display: display(entry), into: &diagnostics) else { continue }
            let (theme, more) = TermReader.theme(text: text, file: display(entry))
            diagnostics += more
            guard let theme else { continue }
            if let other = themes.first(where: { $0.year == theme.year }) {
                diagnostics.append(.error(display(entry), line: 1, "theme \(theme.year) is already described in \(other.file ?? "")"))
                continue
            }
            themes.append(theme)
        }

        clock.lap("  directives and themes")
        if !includeDrafts { articles.removeAll(where: \.draft) }
        let staticPaths = Set(staticFiles.map(\.relativePath))
        diagnostics += CatalogValidator.validate(
            articles: articles, directives: directives, themes: themes, staticPaths: staticPaths,
            allSlugs: Set(parsed.compactMap { $0.article?.slug.value }), contentRoot: displayRoot)
        clock.lap("  catalog checked")
        // Directives cited without a file still get a page, made from the code alone.
        let known = Set(directives.map(\.code))
        var cited: [DirectiveCode: DirectiveCode] = [:]
        // The spelling of the first article by file name wins.
        if articles.contains(where: { $0.directives.contains { !known.contains($0) } }) {
            for article in articles.sorted(by: { $0.file < $1.file }) {
                for code in article.directives where !known.contains(code) && cited[code] == nil { cited[code] = code }
            }
        }
        directives += cited.values.sorted().map(Directive.init(citing:))

        if diagnostics.hasErrors { return (nil, diagnostics) }
        var catalog = Catalog(config: config, articles: articles, directives: directives, themes: themes, staticFiles: staticFiles)
        catalog.articleCache = cache
        return (catalog, diagnostics)
    }

    /// `site.yml` (or `site.yaml`) of a content folder; the defaults, with a warning, when there is none.
    public static func siteConfig(in content: URL, displayRoot: String, diagnostics: inout [Diagnostic]) -> SiteConfig {
        for name in ["site.yml", "site.yaml"] {
            let url = content.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            let display = ContentTree.join(displayRoot, name)
            guard let text = readText(url.path, display: display, into: &diagnostics) else { return SiteConfig() }
            return SiteConfigReader.read(text: text, file: display, diagnostics: &diagnostics)
        }
        diagnostics.append(.warning(ContentTree.join(displayRoot, "site.yml"), "no site.yml; using a default title"))
        return SiteConfig()
    }

    private static func isTopLevel(_ entry: TreeEntry, in folder: String) -> Bool {
        entry.relativePath.hasPrefix(folder + "/") && entry.relativePath.hasSuffix(".md")
            && !entry.relativePath.dropFirst(folder.count + 1).contains("/")
    }

    static func readText(_ path: String, display: String, into diagnostics: inout [Diagnostic]) -> String? {
        readSource(path, display: display, into: &diagnostics)?.text
    }

    /// A file's bytes and its text.
    static func readSource(_ path: String, display: String, into diagnostics: inout [Diagnostic]) -> (bytes: [UInt8], text: String)? {
        guard let bytes = Directory.contents(of: path) else {
            diagnostics.append(.error(display, "cannot read this file (check its permissions)"))
            return nil
        }
        switch SourceDecoder.decode(bytes, path: display) {
        case .success(let text): return (bytes, text)
        case .failure(let problem):
            diagnostics.append(problem)
            return nil
        }
    }
}
