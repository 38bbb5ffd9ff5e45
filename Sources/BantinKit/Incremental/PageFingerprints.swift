import Foundation

/// What each page shows, boiled down to a 64-bit fingerprint, so a rebuild can reuse the pages
/// of the previous output whose fingerprint did not change (hard-linked into the new site)
/// and render only the others. Index pages, feeds, search and crawl files are always rendered.
struct PageFingerprints: Sendable {
    let graph: SiteGraph
    /// Everything every page depends on: templates, site settings, options, the executable.
    let global: String
    /// What a card of each article shows, hashed once (a page hashes these, not the texts again).
    let articleHashes: [UInt64]
    /// What pages show of each directive and theme (in site order): without and with its description.
    let directiveHashes: [(card: UInt64, whole: UInt64)]
    let themeHashes: [(card: UInt64, whole: UInt64)]
    /// What search reads besides the articles, for the search records' fingerprints.
    let searchContext: SearchContext

    /// `inputs`: the build's stamp, taken before it read its inputs.
    init(graph: SiteGraph, options: BuildOptions, inputs: InputStamp, baseURL: String?) {
        self.graph = graph
        searchContext = SearchContext(graph)
        // A card shows its article's photo: the files and sizes published from it.
        articleHashes = graph.articles.parallelMap { article in
            guard let image = article.image else { return article.cardHash }
            var h = StableHasher()
            h.add(Int64(bitPattern: article.cardHash))
            h.add(Int64(bitPattern: graph.photos.print(of: image.path)))
            return h.value
        }
        // A description's links, and which codes its mentions may link to, show with it.
        var codes = StableHasher()
        for entry in graph.directives { codes.add(entry.directive.code.slug.value) }
        let described = { (file: String?) in Self.linksHash(file.flatMap { graph.links[$0] }, photos: graph.photos, extra: codes.value) }
        directiveHashes = graph.directives.map { Self.hash(fields: $0.directive.fields, body: $0.directive.body, links: described($0.directive.file)) }
        themeHashes = graph.themes.map { Self.hash(fields: $0.theme.fields, body: $0.theme.body, links: described($0.theme.file)) }
        var hasher = StableHasher()
        // As they were before the build read them (an edit saved since is the next build's).
        hasher.add(inputs.templates)
        hasher.add(inputs.settings)
        hasher.add(InputStamp.executable)
        hasher.add("\(baseURL ?? "")|\(options.includeDrafts)|\(options.includeFuture)")
        // Every page without a photo of its own shows the site's share image.
        if let shared = graph.config.shareImage { hasher.add(Int64(bitPattern: graph.photos.print(of: shared))) }
        // The navigation shows the menu's categories that have articles.
        for index in graph.taxonomies.menu { hasher.add("menu " + graph.taxonomies[.category].entries[index].slug.value + " " + graph.taxonomies[.category].entries[index].name) }
        global = String(hasher.value, radix: 16)
    }

    /// A search record's fingerprint: its number and what search reads of its article (the
    /// record shows nothing else), and the code that makes it.
    func searchRecordPrint(_ number: Int) -> UInt64 {
        var h = StableHasher()
        h.add("search record \(number)")
        h.add(Int64(bitPattern: IndexedArticle.key(graph.articles[SearchShards.siteIndex(ofNumber: number, count: graph.articles.count)], context: searchContext)))
        h.add(Int64(bitPattern: SearchMemo.executableKey))
        return PageManifest.fingerprint(h.value)
    }

    /// Nil for pages that are always rendered.
    func fingerprint(_ plan: PagePlan) -> UInt64? {
        var h = StableHasher()
        h.add(global)
        switch plan {
        case .article(let index):
            let article = graph.articles[index]
            h.add("article")
            addArticle(index, body: true, to: &h)
            for code in article.directives { addDirective(code, body: false, to: &h) }
            for year in article.themes { addTheme(year, body: false, to: &h) }
            for other in graph.related[index] { addArticle(other, body: false, to: &h) }
        case .home(let slice):
            h.add("home \(slice.number) \(slice.pageCount)")
            for index in slice.range { addArticle(index, body: false, to: &h) }
        case .directive(let d, let slice):
            let entry = graph.directives[d]
            h.add("directive \(slice.number) \(slice.pageCount) \(entry.articles.count)")
            addDirective(entry.directive.code, body: true, to: &h)
            for index in entry.articles[slice.range] { addArticle(index, body: false, to: &h) }
            // Every page counts the articles that only mention it; the first lists them.
            h.add("mentioned by \(entry.mentions.count)")
            if slice.number == 1 {
                for index in entry.mentions { addArticle(index, body: false, to: &h) }
            }
        case .theme(let t, let slice):
            let entry = graph.themes[t]
            h.add("theme \(slice.number) \(slice.pageCount) \(entry.articles.count)")
            addTheme(entry.theme.year, body: true, to: &h)
            for index in entry.articles[slice.range] { addArticle(index, body: false, to: &h) }
        case .month(let m):
            let month = graph.months[m]
            // The page links to its print edition by number.
            h.add("month \(month.year) \(month.month) \(graph.issueNumber(ofMonth: m) ?? 0)")
            for index in month.articles { addArticle(index, body: false, to: &h) }
        case .printEdition(let m):
            let month = graph.months[m]
            h.add("print \(month.year) \(month.month) \(graph.issueNumber(ofMonth: m) ?? 0)")
            for index in graph.issueOrder(ofMonth: m) {
                let article = graph.articles[index]
                addArticle(index, body: true, to: &h)
                for code in article.directives { addDirective(code, body: false, to: &h) }
                for year in article.themes { addTheme(year, body: false, to: &h) }
            }
        case .taxonomy(let taxonomy, let t, let slice):
            let entry = graph.taxonomies[taxonomy].entries[t]
            h.add("\(taxonomy.pageKinds.entry) \(slice.number) \(slice.pageCount) \(entry.articles.count) \(entry.name)")
            for index in entry.articles[slice.range] { addArticle(index, body: false, to: &h) }
        case .directiveIndex, .themeIndex, .archiveIndex, .search, .notFound, .taxonomyIndex:
            return nil
        }
        return PageManifest.fingerprint(h.value)
    }

    /// A copied file's fingerprint: its source path, size, time and mode.
    static func fingerprint(copyOf source: URL, readSince: Int64) -> UInt64 {
        var signature = StableHasher()
        signature.add("copy " + InputStamp.describe(source, readSince: readSince))
        return PageManifest.fingerprint(signature.value)
    }

    /// A feed's fingerprint: everything its XML shows, bodies included.
    func fingerprint(_ feed: AtomFeed) -> UInt64 {
        var h = StableHasher()
        h.add(global)
        h.add("feed \(feed.path) \(feed.title) \(feed.alternate.outputPath) \(feed.articles.isEmpty ? feed.updatedWhenEmpty?.iso8601 ?? "-" : "-")")
        for index in feed.articles.prefix(AtomFeed.limit) { addArticle(index, body: true, to: &h) }
        return PageManifest.fingerprint(h.value)
    }

    /// An article's card; with its body, also where the body's links and mentions lead: the
    /// addresses of the texts it links to, and whether each code it mentions unlisted has a page.
    private func addArticle(_ index: Int, body: Bool, to h: inout StableHasher) {
        h.add(Int64(bitPattern: articleHashes[index]))
        guard body else { return }
        let article = graph.articles[index]
        h.add(Int64(bitPattern: article.bodyHash))
        guard !article.references.isEmpty else { return }
        h.add(Int64(bitPattern: Self.linksHash(graph.links[article.file], photos: graph.photos, extra: 0)))
        for mention in article.references.mentions { h.add(mention.code.slug.value + (graph.directiveIndex[mention.code] == nil ? " -" : " +")) }
    }

    /// A fingerprint of a body's resolved links, in the order of their destinations, with the
    /// files and sizes of the photos among them.
    private static func linksHash(_ links: [String: ResolvedLink]?, photos: PhotoSet, extra: UInt64) -> UInt64 {
        var h = StableHasher()
        h.add(Int64(bitPattern: extra))
        for (destination, link) in (links ?? [:]).sorted(by: { $0.key < $1.key }) {
            h.add(destination + "\u{0}" + link.key)
            if case .file(let path) = link.target { h.add(Int64(bitPattern: photos.print(of: path))) }
        }
        return h.value
    }

    /// What pages show of a directive or theme: its fields (as declared, so none is forgotten),
    /// then with its description (and where the description's links lead) too.
    private static func hash(fields: some Encodable, body: String, links: UInt64) -> (card: UInt64, whole: UInt64) {
        var h = StableHasher()
        h.add(encoding: fields)
        let card = h.value
        h.add(body)
        h.add(Int64(bitPattern: links))
        return (card, h.value)
    }

    private func addDirective(_ code: DirectiveCode, body: Bool, to h: inout StableHasher) {
        guard let index = graph.directiveIndex[code] else { return h.add(code.text) }
        let hashes = directiveHashes[index]
        h.add(Int64(bitPattern: body ? hashes.whole : hashes.card))
    }

    private func addTheme(_ year: Int, body: Bool, to h: inout StableHasher) {
        guard let index = graph.themeIndex[year] else { return h.add(String(year)) }
        let hashes = themeHashes[index]
        h.add(Int64(bitPattern: body ? hashes.whole : hashes.card))
    }
}

/// Every file a successful build wrote, with the fingerprint of what it holds, kept beside
/// the output (and beside the retired output, when that is kept to be built into next time).
struct PageManifest: Sendable {
    /// The folder's fingerprint right after that build: its files are reused only while it holds.
    var outputFingerprint = ""
    /// Every file, in the site's order, and the fingerprint of each (`alwaysWritten` for files never reused).
    private let index: PathIndex
    private(set) var prints: [UInt64] = []
    var paths: [String] { index.paths }

    static let alwaysWritten: UInt64 = 0
    /// The first word of the file; a manifest without it (an older bantin's) is not trusted.
    static let format = "bantin-manifest-5"

    init() { index = PathIndex([]) }

    init(paths: [String], prints: [UInt64]) {
        precondition(paths.count == prints.count)
        index = PathIndex(paths)
        self.prints = prints
    }

    /// A fingerprint that is never `alwaysWritten`.
    static func fingerprint(_ hash: UInt64) -> UInt64 { hash == alwaysWritten ? 1 : hash }

    /// The fingerprint recorded for the file at `path`; `nil` when there is none.
    func print(of path: String) -> UInt64? {
        index.position(of: path).map { prints[$0] }
    }

    func contains(_ path: String) -> Bool { index.position(of: path) != nil }

    /// The fingerprint of a folder holding exactly the files listed here (and bantin's marker):
    /// what `outputFingerprint` is while nothing in that folder changed.
    func listedPrint(of folder: String) -> FolderPrint? {
        FolderPrint.listed(paths, extra: [OutputFolder.markerName], under: folder)
    }

    /// Whether `folder` is as the build that wrote this manifest left it: its listing gives the
    /// fingerprint recorded then (a manifest with none, or cut short, describes no folder).
    func isAsLeft(in folder: String) -> Bool {
        FolderPrint(outputFingerprint).map { $0 == listedPrint(of: folder) } ?? false
    }

    /// `listedPrint` in its two parts; with `files` known, only the folders are looked up.
    func listedSums(of folder: String, files: UInt64? = nil) -> (files: UInt64, folders: UInt64)? {
        FolderPrint.listedSums(paths, extra: [OutputFolder.markerName], under: folder, files: files)
    }

    static func load(from url: URL) -> PageManifest {
        guard let bytes = Directory.contents(of: url.path) else { return PageManifest() }
        return bytes.withUnsafeBufferPointer(parse) ?? PageManifest()
    }

    /// The first line, then one line per file: its fingerprint (16 hexadecimal digits), a tab,
    /// its path; then `end <number of files>`, so that a file cut short (a full disk, a damaged
    /// copy) is no manifest at all, not one of fewer files, whose others would look foreign.
    /// Read on bytes, for the tens of thousands of lines of a large site.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> PageManifest? {
        let newline = UInt8(ascii: "\n")
        var end = bytes.firstIndex(of: newline) ?? bytes.count
        let first = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<end]), as: UTF8.self)
        guard first.hasPrefix(format + " ") else { return nil }
        var paths: [String] = []
        var prints: [UInt64] = []
        while end < bytes.count {
            let start = end + 1
            end = UnsafeBufferPointer(rebasing: bytes[start...]).firstIndex(of: newline).map { start + $0 } ?? bytes.count
            guard end - start > 17, bytes[start + 16] == UInt8(ascii: "\t"), let print = hexadecimal(UnsafeBufferPointer(rebasing: bytes[start..<(start + 16)])) else {
                let last = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                guard end == bytes.count, last == Self.end(paths.count) else { return nil }
                var manifest = PageManifest(paths: paths, prints: prints)
                manifest.outputFingerprint = String(first.dropFirst(format.count + 1))
                return manifest
            }
            prints.append(print)
            paths.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 17)..<end]), as: UTF8.self))
        }
        // No last line: cut short.
        return nil
    }

    private static func end(_ count: Int) -> String { "end \(count)" }

    private static func hexadecimal(_ digits: UnsafeBufferPointer<UInt8>) -> UInt64? {
        var value: UInt64 = 0
        for digit in digits {
            let nibble: UInt8
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = digit - UInt8(ascii: "a") + 10
            default: return nil
            }
            value = value << 4 | UInt64(nibble)
        }
        return value
    }

    /// Saved in the site's order: sorting tens of thousands of paths costs more than writing them.
    @discardableResult
    func save(to url: URL) -> Bool {
        var out = Array("\(Self.format) \(outputFingerprint)".utf8)
        out.reserveCapacity(out.count + paths.count * 64)
        let digits = Array("0123456789abcdef".utf8)
        for (path, print) in zip(paths, prints) {
            out.append(UInt8(ascii: "\n"))
            for shift in stride(from: 60, through: 0, by: -4) { out.append(digits[Int(print >> UInt64(shift) & 0xF)]) }
            out.append(UInt8(ascii: "\t"))
            out += path.utf8
        }
        out += "\n\(Self.end(paths.count))".utf8
        return OutputFolder.replaceFile(parts: [out], at: url.path)
    }
}
