import Foundation

/// What a build may take from earlier builds: the one door between the plain pipeline and the
/// speed-up layer (`Incremental/`). A plain build (`NoMemory`) reads, ranks, indexes and renders
/// everything; an incremental one answers each question from what it kept.
protocol BuildMemory: Sendable {
    /// What earlier builds remember of article files, for files read in `zone`.
    func articles(zone: SiteTimeZone) -> (any ArticleMemory)?
    /// The "Xem thêm" ranking of the articles in site order.
    func related(_ articles: [Article]) -> [[Int]]
    /// The search index of `articles` (in site order), made while the rest of the site's graph
    /// is; `.none`, with nothing of it kept, once `stop` is cancelled (the build failed).
    func searchIndex(_ articles: [Article], context: SearchContext, stop: Cancellation) -> SearchIndex
    /// For each of `files`, what of earlier output is exactly what it would hold (`nil`: make
    /// it). Feeds and pages are planned before anything is rendered, so kept ones cost nothing.
    /// Called once per group of the site's files (the search index's come last), in the order
    /// they are written.
    func earlier(_ files: [PlannedFile], graph: SiteGraph) -> [OutputFile.Contents?]
    /// Where encoded photos are kept between builds (`nil`: encoded for this build only).
    var photoCache: PhotoCache? { get }
    /// A warning for each of `articles` whose address changed since a build published it, and
    /// for each article now `waiting` for its date that a build published, while that page is in
    /// the output (`PublishedAddresses`); `bases`: the site's base URLs, under which an old
    /// address written in full is a path (`OldAddresses`).
    func moves(of articles: [Article], waiting: [Article], bases: [String]) -> [Diagnostic]
}

/// A plain build: nothing remembered, everything made.
struct NoMemory: BuildMemory {
    func articles(zone: SiteTimeZone) -> (any ArticleMemory)? { nil }
    func related(_ articles: [Article]) -> [[Int]] { RelatedArticles.compute(articles) }
    func searchIndex(_ articles: [Article], context: SearchContext, stop: Cancellation) -> SearchIndex {
        SearchIndex.make(articles, context: context, stop: stop)
    }
    func earlier(_ files: [PlannedFile], graph: SiteGraph) -> [OutputFile.Contents?] {
        Array(repeating: nil, count: files.count)
    }
    var photoCache: PhotoCache? { nil }
    func moves(of articles: [Article], waiting: [Article], bases: [String]) -> [Diagnostic] { [] }
}

/// A file of the site as planned, before it is made: what it will show.
enum PlannedFile: Sendable {
    case page(PagePlan, path: String)
    case feed(AtomFeed)
    /// A file copied from `source` (content media, theme assets).
    case copy(path: String, source: URL)
    /// Bytes made by this build (a photo's variant when there is no photo cache).
    case bytes(path: String, [UInt8])
    /// Made anew on every build (crawl files).
    case generated(path: String)
    /// The search record of article `number` (oldest first), made as it is written.
    case searchRecord(number: Int)

    var path: String {
        switch self {
        case .page(_, path: let path): return path
        case .copy(path: let path, source: _): return path
        case .bytes(path: let path, _): return path
        case .generated(path: let path): return path
        case .feed(let feed): return feed.path
        case .searchRecord(let number): return SearchShards.recordPath(number)
        }
    }
}
