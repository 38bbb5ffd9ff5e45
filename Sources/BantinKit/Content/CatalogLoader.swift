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

        let zone = config.timeZone
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
                    article?.bodyText = BodyText(at: place)
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
        directives += cited.values.sorted().map { Directive(file: nil, code: $0, kind: nil, title: nil, issuer: nil, issued: nil, body: "") }

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

/// Checks that need the whole catalog: unique slugs, images and related articles that exist,
/// directives and themes that are described.
enum CatalogValidator {
    static func validate(
        articles: [Article], directives: [Directive], themes: [Theme], staticPaths: Set<String>,
        allSlugs: @autoclosure () -> Set<String>, contentRoot: String
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // Which article first has each slug; slugs had by more than one, in order.
        var firstWithSlug: [Slug: Int] = [:]
        firstWithSlug.reserveCapacity(articles.count)
        var shared: [Slug] = []
        for index in articles.indices {
            let slug = articles[index].slug
            if firstWithSlug[slug] == nil { firstWithSlug[slug] = index } else { shared.append(slug) }
        }
        for slug in Set(shared).sorted() {
            let files = articles.indices.filter { articles[$0].slug == slug }.map { articles[$0].file }.sorted()
            for file in files {
                let others = files.filter { $0 != file }.joined(separator: ", ")
                diagnostics.append(.error(file, line: 1, "two articles have the slug `\(slug)`: this file and \(others); give one of them `slug:`"))
            }
        }
        let isPublished = { (slug: String) in Slug(validated: slug).map { firstWithSlug[$0] != nil } ?? false }
        let describedDirectives = Set(directives.map(\.code))
        let describedThemes = Set(themes.map(\.year))
        var warnedCodes: Set<DirectiveCode> = []
        for article in articles {
            let at = { (position: SourcePosition?) in position ?? SourcePosition(line: 1, column: 1) }
            if let image = article.image {
                let p = at(article.positions.image)
                if !isSafeRelativePath(image.path) {
                    diagnostics.append(.error(article.file, line: p.line, column: p.column, "image `\(image.path)` must be a path inside content/, like `media/2023/anh.jpg`"))
                } else if !staticPaths.contains(SourceDecoder.isKnownNFC(image.path) ? image.path : image.path.precomposedStringWithCanonicalMapping) {
                    diagnostics.append(.error(article.file, line: p.line, column: p.column, "image `\(image.path)` not found: there is no file \(ContentTree.join(contentRoot, image.path))"))
                }
            }
            for (index, slug) in article.related.enumerated() where !isPublished(slug) {
                let p = at(article.positions.related[safe: index])
                let hint = allSlugs().contains(slug) ? " (that article is a draft)" : ""
                diagnostics.append(.error(article.file, line: p.line, column: p.column, "related article `\(slug)` does not exist\(hint); use the slug from its address bai-viet/<slug>/"))
            }
            for (index, code) in article.directives.enumerated() where !describedDirectives.contains(code) && warnedCodes.insert(code).inserted {
                let p = at(article.positions.directives[safe: index])
                diagnostics.append(
                    .warning(article.file, line: p.line, column: p.column, "directive \(code) has no file; its page is made from the code alone (add \(ContentTree.join(contentRoot, "directives/\(code.slug).md")))"))
            }
            for (index, year) in article.themes.enumerated() where !describedThemes.contains(year) {
                let p = at(article.positions.themes[safe: index])
                diagnostics.append(.error(article.file, line: p.line, column: p.column, "unknown theme year \(year): there is no \(ContentTree.join(contentRoot, "themes/\(year).md"))"))
            }
        }
        return diagnostics
    }

    /// Not empty, not absolute, no `\\`, no `://`, no `.` or `..` part.
    static func isSafeRelativePath(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            guard let first = bytes.first, first != UInt8(ascii: "/") else { return false }
            var partStart = 0
            for i in 0...bytes.count {
                if i < bytes.count {
                    switch bytes[i] {
                    case UInt8(ascii: "\\"): return false
                    case UInt8(ascii: ":") where i + 2 < bytes.count && bytes[i + 1] == UInt8(ascii: "/") && bytes[i + 2] == UInt8(ascii: "/"):
                        return false
                    case UInt8(ascii: "/"): break
                    default: continue
                    }
                }
                let part = UnsafeBufferPointer(rebasing: bytes[partStart..<i])
                if part.count <= 2 && !part.isEmpty && part.allSatisfy({ $0 == UInt8(ascii: ".") }) { return false }
                partStart = i + 1
            }
            return true
        }
    }
}

/// Reads `site.yml`.
enum SiteConfigReader {
    static let keys = ["title", "description", "language", "timezone", "base_url", "per_page", "unsafe_html", "params"]

    static func read(text: String, file: String, diagnostics: inout [Diagnostic]) -> SiteConfig {
        var config = SiteConfig()
        guard var fields = FieldReader(yaml: text, path: file, firstLine: 1, diagnostics: &diagnostics, plainReader: false) else { return config }
        if let title = fields.string("title") { config.title = title }
        if let description = fields.string("description") { config.description = description }
        if let language = fields.string("language") { config.language = language }
        if let zone = fields.string("timezone") {
            if let tz = SiteTimeZone(identifier: zone) {
                config.timeZone = tz
            } else {
                let at = fields.position(of: "timezone")
                diagnostics.append(at.diagnostic(.error, file, "unknown timezone `\(zone)`; use an IANA name such as `Asia/Ho_Chi_Minh`"))
            }
        }
        if let base = fields.string("base_url") {
            if let normalized = BaseURL.normalize(base) {
                config.baseURL = normalized
            } else {
                let at = fields.position(of: "base_url")
                diagnostics.append(at.diagnostic(.error, file, "`base_url` must be an absolute http(s) URL such as `https://example.org/bantin/`"))
            }
        }
        if let perPage = fields.integer("per_page", in: 1...1000) { config.perPage = perPage }
        if let unsafe = fields.bool("unsafe_html") { config.unsafeHTML = unsafe }
        if let params = fields.value("params") {
            if let node = params.node, case .map(let map) = paramValue(node) { config.params = map } else {
                diagnostics.append(params.position.diagnostic(.error, file, "`params` must be a mapping of names to values"))
            }
        }
        fields.warnUnknownKeys(known: keys)
        diagnostics += fields.diagnostics
        return config
    }

    static func paramValue(_ node: Node) -> ParamValue {
        switch node {
        case .scalar(let scalar): return .text(scalar.string)
        case .sequence(let sequence): return .list(sequence.map(paramValue))
        case .mapping(let mapping):
            var map: [String: ParamValue] = [:]
            for (key, value) in mapping { map[key.string ?? ""] = paramValue(value) }
            return .map(map)
        case .alias: return .text("")
        }
    }
}

/// A site's base URL, always ending in `/`.
public enum BaseURL {
    public static func normalize(_ raw: String) -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            url.host != nil, url.query == nil, url.fragment == nil
        else { return nil }
        return trimmed.hasSuffix("/") ? trimmed : trimmed + "/"
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
