import Foundation

/// The speed-up layer of one build, and the only way the pipeline enters it. It says when the
/// output is already up to date; during the build it answers `BuildMemory` from what earlier
/// builds kept beside the output (article cache, "Xem thêm" ranking, search records, page
/// fingerprints and the retired site); after it, it publishes the site onto the retired one and
/// saves what the next build will need. Everything it keeps can be deleted: the next build is
/// then a full one, with the same bytes.
final class IncrementalBuild: BuildMemory, @unchecked Sendable {
    let options: BuildOptions
    let output: OutputFolder
    let inputs: InputStamp
    /// Taken before this build read any input (`FileKey.mayChangeUnseen`).
    let readSince = FileKey.now
    /// What earlier output can be reused, checked on another core while the content is read.
    private let previous: Background<Reuse>
    /// The addresses the articles were published at, read on another core meanwhile.
    private let lastAddresses: Background<PublishedAddresses>
    /// The articles published, by their paths in the content folder (`moves`, then saved).
    private var publishedByPath: [(path: String, article: Article)] = []
    /// The articles read that wait for their date, by path.
    private var waitingByPath: [(path: String, article: Article)] = []
    /// The files of `publishedByPath` renamed since the last build, to the path each had.
    private var renamedPaths: [String: String] = [:]
    /// Set while planning (each once, before any parallel work reads them).
    private var articleCache: ArticleCache?
    /// Every file planned so far and its fingerprint (`earlier` is called once per group of files).
    private var plannedPaths: [String] = []
    private var plannedPrints: [UInt64] = []
    /// The manifest of the files planned so far.
    private var plannedManifest: PageManifest { PageManifest(paths: plannedPaths, prints: plannedPrints) }
    private var fingerprints: PageFingerprints?
    /// The articles of the site planned, whose bodies must all have been read when it is written.
    private var articles: [Article] = []

    init(options: BuildOptions, output: OutputFolder, listing: ContentListing) {
        self.options = options
        self.output = output
        inputs = InputStamp.inputs(options, content: listing, readSince: readSince)
        lastAddresses = Background { [url = output.addressesURL, read = output.readArticlesURL] in PublishedAddresses(url: url, identitiesURL: read) }
        previous = Background { [output] () -> Reuse in
            // The site before the last one, when exactly as that build left it, becomes the staging
            // folder: only files that differ are written into it (or linked from the output, when
            // the last build wrote them as they are now). Without one, unchanged pages of the
            // output itself (when it is as the last build left it) are hard-linked.
            let last = PageManifest.load(from: output.manifestURL)
            if let base = output.reusableBase() { return Reuse(manifest: base, linkFrom: nil, last: LastOutput(manifest: last, folder: output.url.path)) }
            return Reuse(manifest: last.isAsLeft(in: output.url.path) ? last : PageManifest(), linkFrom: options.output)
        }
    }

    /// The last build's report when its inputs are these, it published the articles a build
    /// at `options.now` would (no scheduled article's time has come since, with no file
    /// changed), and the output is as it left it.
    static func upToDate(options: BuildOptions, output: OutputFolder, listing: ContentListing) -> BuildReport? {
        let inputs = InputStamp.inputs(options, content: listing)
        guard let last = output.lastStamp(), last.inputs == inputs.value,
            var report = BuildReport(saved: last.report), report.schedule?.publishesSame(at: options.now) == true,
            PageManifest.load(from: output.manifestURL).listedPrint(of: output.url.path)?.description == last.output
        else { return nil }
        report.upToDate = true
        return report
    }

    // MARK: BuildMemory

    func articles(zone: SiteTimeZone) -> (any ArticleMemory)? {
        let cache = ArticleCache.load(from: output.cacheURL, context: ArticleCache.context(zone: zone) + "\n" + options.contentName)
        articleCache = cache
        return cache
    }

    func related(_ articles: [Article]) -> [[Int]] { RelatedMemo(url: output.relatedURL).related(articles) }

    func searchIndex(_ sources: [Article], context: SearchContext, stop: Cancellation) -> SearchIndex {
        var clock = StageClock()
        // The bodies held for the articles the memo has (or for all, when the build fails meanwhile).
        defer { for article in sources { article.bodyText.letGo() } }
        let memo = SearchMemo(url: output.searchURL)
        let keys = sources.parallelMap { IndexedArticle.key($0, context: context) }
        clock.lap("  search keys")
        let maker = SearchIndex.articleMaker(for: sources, context: context, stop: stop)
        guard let (articles, changed, earlier) = memo.articles(keys: keys, until: stop, make: maker) else { return .none }
        clock.lap("  search articles")
        // A body read again for search (one not kept since its article was read: `BodyText.readOnce`)
        // that changed since it was read (the build then fails: `checkBodiesWereRead`) gave search
        // nothing: kept, that would stand for the article's text when it is back. (A body kept
        // gives search the bytes its key was made from.)
        let bodiesRead = !sources.contains { $0.bodyText.unreadable != nil }
        // Saved while the index is made from them.
        let saved = Background { [output] in
            guard changed, bodiesRead else { return memo.abandon() }
            if !memo.save(articles, keys: keys) { self.unsaved(output.searchURL) }
        }
        // The build failed meanwhile: the articles made are kept (a whole memo), nothing more made.
        if stop.isCancelled {
            saved.value
            return .none
        }
        // The shards' contents: the last build's when every article gave search the same key,
        // else those updated for the articles that changed, else made from every article.
        let shardMemo = SearchShardMemo(url: output.searchShardsURL)
        let last = shardMemo.load()
        let contents: SearchShards.Contents
        var shardsSaved: Background<Void>? = nil
        if let last, last.keys == keys {
            contents = last.contents
        } else {
            contents = last.flatMap { SearchShards.updated($0.contents, keysBefore: $0.keys, keys: keys, blobs: articles, earlier: earlier.withBlob) }
                ?? SearchShards.contents(blobs: articles)
            shardsSaved = Background { [contents, output] in if bodiesRead, !shardMemo.save(contents, keys: keys) { self.unsaved(output.searchShardsURL) } }
        }
        let index = SearchIndex(files: SearchShards.files(contents, docs: keys.count, numbering: SearchShards.numbering(sources)), articles: articles)
        clock.lap("  search shards")
        shardsSaved?.value
        saved.value
        clock.lap("  search memo saved")
        return index
    }

    func earlier(_ files: [PlannedFile], graph: SiteGraph) -> [OutputFile.Contents?] {
        let fingerprints = prints(graph)
        articles = graph.articles
        let prints: [UInt64] = files.parallelMap { file in
            switch file {
            case .page(let plan, path: _): return fingerprints.fingerprint(plan) ?? PageManifest.alwaysWritten
            case .feed(let feed): return fingerprints.fingerprint(feed)
            case .copy(path: _, source: let source): return PageFingerprints.fingerprint(copyOf: source, readSince: readSince)
            case .bytes(path: _, let bytes): return bytes.withUnsafeBufferPointer { PageManifest.fingerprint(PhotoCache.checksum($0)) }
            case .generated: return PageManifest.alwaysWritten
            case .searchRecord(let number): return fingerprints.searchRecordPrint(number)
            }
        }
        plannedPaths += files.map(\.path)
        plannedPrints += prints
        let reuse = previous.value
        return zip(files, prints).map { reuse.earlier($0.path, print: $1) }
    }

    /// Page fingerprints of `graph`, made once (the search index and the pages both need them).
    private func prints(_ graph: SiteGraph) -> PageFingerprints {
        lock.lock()
        defer { lock.unlock() }
        if let fingerprints { return fingerprints }
        let made = PageFingerprints(graph: graph, options: options, inputs: inputs, baseURL: BaseURL.ofSite(override: options.baseURL, config: graph.config))
        fingerprints = made
        return made
    }

    private let lock = NSLock()

    /// The files bantin keeps for the next build that could not be saved (a full disk).
    private var unsavedFiles: [URL] = []
    /// Why each could not be saved (its `errno`, 0 when unknown).
    private var unsavedCodes: [Int32] = []

    /// `code`: the `errno` of the save that failed (each save leaves it so), read where it failed,
    /// before `url` is made (making a URL may look at the disk, and set `errno` again).
    private func unsaved(_ url: @autoclosure () -> URL, code: Int32 = errno) {
        let url = url()
        lock.lock()
        // Each file once (the photo cache is told of each photo it could not keep).
        if !unsavedFiles.contains(url) {
            unsavedFiles.append(url)
            unsavedCodes.append(code)
        }
        lock.unlock()
    }

    var photoCache: PhotoCache? { PhotoCache(folder: output.photosURL, keysURL: output.photoKeysURL) { self.unsaved($0) } }

    func moves(of articles: [Article], waiting: [Article], bases: [String]) -> [Diagnostic] {
        publishedByPath = articles.map { (contentPath($0), $0) }
        waitingByPath = waiting.map { (path: contentPath($0), article: $0) }
        let present = Set((publishedByPath + waitingByPath).map(\.path))
        renamedPaths = lastAddresses.value.renamed(publishedByPath, present: present)
        let published = { [output] (slug: Slug) in FileManager.default.fileExists(atPath: output.url.appendingPathComponent(Route.article(slug).outputPath).path) }
        return lastAddresses.value.moves(of: publishedByPath, renamed: renamedPaths, contentName: options.contentName, published: published, strict: options.strict, bases: bases)
            + lastAddresses.value.withdrawn(waitingByPath, present: present, contentName: options.contentName, now: options.now, published: published)
    }

    /// An article's path in the content folder, wherever that is.
    private func contentPath(_ article: Article) -> String { ContentIndex.path(of: article.file, under: options.contentName) }

    // MARK: Publishing

    /// Writes the site beside the output (into the retired site when it can), swaps it in, and
    /// saves what the next build needs: stamp, manifests, article cache.
    /// `recovered`: what finishing a killed build's swap kept, told with what this build keeps.
    func publish(_ site: PlannedSite, diagnostics: [Diagnostic], progress: BuildProgress, recovered: OutputFolder.Keeping = .init()) throws(BuildFailure) -> BuildReport {
        var clock = StageClock()
        // With `--strict`, what someone put into the output fails the build before anything
        // moves (moved aside as the new site is put in place, it could only be a warning): in the
        // retired site, which a build without a base to write onto looks through first; and in
        // the output just before the swap (what the last build wrote, or, when no list of it is
        // left, this build's), which also finds a file put there while this build wrote.
        let lastWritten = options.strict ? PageManifest.load(from: output.manifestURL).paths : []
        let retiredWritten = options.strict ? PageManifest.load(from: output.retiredManifestURL).paths : []
        if options.strict, previous.value.base == nil {
            let retired = output.foreignEntries(under: output.retiredURL, written: retiredWritten + lastWritten)
            if !retired.isEmpty { throw BuildFailure(diagnostics: diagnostics + strictlyForeign([], retired: retired)) }
        }
        var foreignBeforeSwap: [String] = []
        output.clearStamp()
        let published: (print: FolderPrint?, twin: Bool, kept: OutputFolder.Keeping)
        var later: (files: [OutputFile], bytes: Int) = ([], 0)
        do throws(FileFault) {
            published = try output.publish(
                site.files, manifest: plannedManifest, base: previous.value.base, progress: progress,
                later: {
                    clock.lap("render and write")
                    // Planning the later files adds them to the planned paths (`earlier`).
                    later = site.later.files()
                    clock.lap("search index")
                    return (later.files, plannedManifest)
                }
            ) { () throws(FileFault) in
                if options.strict {
                    foreignBeforeSwap = output.foreignEntries(under: output.url, written: lastWritten.isEmpty ? plannedManifest.paths + retiredWritten : lastWritten)
                    if !foreignBeforeSwap.isEmpty { throw FileFault("put the new site in place of", options.outputName, reason: "it holds files no build wrote") }
                }
                try Self.checkBodiesWereRead(articles)
                if let name = site.endlessTemplate() {
                    throw FileFault("render", ContentTree.join(options.templatesName, name + ".mustache"), reason: "it includes itself without end (partials \(TemplateRendering.maximumDepth) deep, or sections and partials \(TemplateRendering.maximumNesting) deep): a section around the include must end with the data")
                }
            }
        } catch {
            throw BuildFailure(diagnostics: diagnostics + (foreignBeforeSwap.isEmpty ? [error.diagnostic(output: options.outputName)] : strictlyForeign(foreignBeforeSwap)))
        }
        clock.lap("search index written")
        // The site is in place: the photo cache's entries it does not use go (not before: a build
        // that fails keeps the site it leaves, and undoing the change then encodes nothing).
        if let keys = site.photoKeysInUse { photoCache?.removeAll(except: keys) }
        var manifest = plannedManifest
        let keeping = recovered + published.kept
        if let code = keeping.unlisted { unsaved(output.retiredManifestURL, code: code) }
        var kept = keeping.kept.prefix(Self.keptNamed).map { entry in
            // The output itself, a file someone put there while this build ran.
            entry.name.isEmpty
                ? Diagnostic.warning(options.outputName, "a file stood here when the new site was put in place (saved while bantin was building): it was moved to \(output.stateShown)/\(entry.keptAs)")
                : notWritten(entry.name, movedTo: entry.keptAs)
        }
        if keeping.kept.count > Self.keptNamed {
            kept.append(.warning(options.outputName, "\(keeping.kept.count - Self.keptNamed) more files or folders no build wrote were moved to \(output.stateShown)/kept/, under the same paths"))
        }
        kept += Self.stuckWarnings(keeping, output: output, outputName: options.outputName)
        var report = BuildReport(
            articles: site.articles, pages: site.pages, files: site.files.count + later.files.count + 1, searchIndexBytes: later.bytes,
            diagnostics: diagnostics, notes: site.notes)
        report.reusedPages = site.reused
        report.cachedArticles = articleCache?.hits ?? 0
        report.readArticles = articleCache?.misses
        report.schedule = site.schedule
        report.photos = site.photos
        report.encodedPhotos = site.encodedPhotos
        let cacheSaved = Background { [articleCache, output] in if articleCache?.save(to: output.cacheURL, readSince: self.readSince) == false { self.unsaved(output.cacheURL) } }
        // Each file written only when what it holds changed (a one-article rebuild seldom changes
        // an address, but an edit changes what was read), beside the saves below.
        let addressesSaved = Background { [lastAddresses, publishedByPath, waitingByPath, renamedPaths, output] in
            let last = lastAddresses.value
            let next = last.adding(publishedByPath, waiting: waitingByPath, renamed: renamedPaths)
            if !next.save(to: output.addressesURL, identitiesURL: output.readArticlesURL, unless: last) { self.unsaved(output.addressesURL) }
        }
        // Built onto the retired output, the new one's fingerprint is known from the paths written;
        // otherwise the output was made afresh and holds just the files of the site.
        let sums = published.print == nil ? manifest.listedSums(of: output.url.path) : nil
        let outputAfter = published.print ?? sums.map { FolderPrint(value: $0.files &+ $0.folders) } ?? FolderPrint(value: 0)
        manifest.outputFingerprint = outputAfter.description
        if !manifest.save(to: output.manifestURL) { unsaved(output.manifestURL) }
        // The stamp last: it says the output, its manifest and the cache are this build's.
        if !output.saveStamp(inputs: inputs, output: outputAfter, report: report.saved) { unsaved(output.stampURL) }
        // After a build into an empty place, the output's twin is the earlier site the next build
        // writes into. Its files are hard links to the output's (same size, time and mode): only
        // its folders are looked at.
        if published.twin, let twin = manifest.listedSums(of: output.retiredURL.path, files: sums?.files) {
            var retired = manifest
            retired.outputFingerprint = FolderPrint(value: twin.files &+ twin.folders).description
            if !retired.save(to: output.retiredManifestURL) { unsaved(output.retiredManifestURL) }
        }
        cacheSaved.value
        addressesSaved.value
        clock.lap("stamp, manifest and article cache saved")
        // Said once, by the build that moved them: not part of the report an up-to-date build repeats.
        report.diagnostics += kept
        if !unsavedFiles.isEmpty {
            let names = unsavedFiles.map(\.lastPathComponent).joined(separator: ", ")
            // With the stamp and manifest saved, a next build with nothing changed is up to date all the same.
            let next = unsavedFiles.contains(output.stampURL) || unsavedFiles.contains(output.manifestURL)
                ? "the next build will read and write everything again"
                : unsavedFiles.allSatisfy { [output.photosURL, output.photoKeysURL].contains($0) }
                ? "the next build after an edit will read the photos again, and encode again those that could not be kept"
                : "the next build after an edit will read and write everything again (with nothing changed, the site stays up to date)"
            // The system's reasons, each once; a full disk's has its own advice.
            let codes = unsavedCodes.filter { $0 > 0 }.reduce(into: [Int32]()) { if !$0.contains($1) { $0.append($1) } }
            let why = codes.isEmpty ? "" : ": " + codes.map(FileFault.words).joined(separator: "; ")
            let full = codes.isEmpty || codes.contains { $0 == ENOSPC || $0 == EDQUOT } ? "; check the free space of that disk" : ""
            report.diagnostics.append(.warning(output.stateShown,
                "could not save \(names)\(why) (what the next build reuses; the site itself was published whole): \(next)\(full)"))
        }
        return report
    }

    /// The warning for `name`, in the output though no build wrote it: moved to `kept/` as
    /// `movedTo`, or (`nil`) to be moved there.
    private func notWritten(_ name: String, movedTo: String?) -> Diagnostic {
        let moved = movedTo.map { "it was moved to \(output.stateShown)/kept/\($0)" } ?? "the build would move it to \(output.stateShown)/kept/"
        return .warning(
            ContentTree.join(options.outputName, name),
            "no build wrote this, and bantin replaces \(options.outputName)/ as a whole: \(moved); " + publishing(name))
    }

    /// How the file at `name` could be published instead.
    private func publishing(_ name: String) -> String {
        name.split(separator: "/").last?.hasPrefix(".") == true
            ? "bantin publishes no hidden file (a name starting with a dot)" : "to publish a file, put it in \(options.contentName)/"
    }

    /// The errors of `--strict` for what no build wrote, found before anything moved: as many
    /// named as a build moving them would name, the rest counted.
    /// `retired`: found in the retired site (`old/`, the output an earlier build replaced), named there.
    private func strictlyForeign(_ paths: [String], retired: [String] = []) -> [Diagnostic] {
        var told = paths.prefix(Self.keptNamed).map { notWritten($0, movedTo: nil) }
        told += retired.prefix(max(0, Self.keptNamed - told.count)).map { path in
            Diagnostic.warning(ContentTree.join(output.stateShown, "old/" + path),
                "no build wrote this: it was in \(options.outputName)/ when an earlier build put a new site in place, and the build would move it to \(output.stateShown)/kept/; " + publishing(path))
        }
        let count = paths.count + retired.count
        if count > Self.keptNamed {
            told.append(.warning(options.outputName, "\(count - Self.keptNamed) more files or folders no build wrote would be moved to \(output.stateShown)/kept/, under the same paths"))
        }
        return told.strict(true)
    }

    /// How many of the entries moved to `kept/` are named one by one; the rest are counted.
    static let keptNamed = 10

    /// What no build wrote and could not be moved into `kept/` by itself: where it is now.
    static func stuckWarnings(_ keeping: OutputFolder.Keeping, output: OutputFolder, outputName: String) -> [Diagnostic] {
        keeping.stuck.prefix(keptNamed).map { name, code in
            let why = "no build wrote this, and it could not be moved into \(output.stateShown)/kept/ by itself (\(output.keptProblem ?? FileFault.words(for: code)))"
            let file = name.isEmpty ? outputName : ContentTree.join(outputName, name)
            if let whole = keeping.whole {
                return .warning(file, "\(why): the whole site it was in was kept, as \(output.stateShown)/\(whole)/")
            }
            let place = name.isEmpty ? keeping.stuckIn : keeping.stuckIn + "/" + name
            return .warning(file, "\(why): it is in \(output.stateShown)/\(place) for now; move it somewhere safe")
        }
    }

    /// A body read from its content file while the page was made, but gone or cut short by then
    /// (the file was removed or rewritten during the build), fails the build: no page is published
    /// without its body.
    static func checkBodiesWereRead(_ articles: [Article]) throws(FileFault) {
        guard let lost = articles.first(where: { $0.bodyText.unreadable != nil }), let code = lost.bodyText.unreadable else { return }
        switch code {
        case BodyText.changed: throw FileFault("read", lost.file, reason: "it changed during the build; build again")
        case ENOENT: throw FileFault("read", lost.file, reason: FileFault.words(for: code) + " (it was removed during the build); build again")
        default: throw FileFault("read", lost.file, code: code)
        }
    }
}
