/// The full-text search index of a site: each article read for search on every core
/// (`IndexedArticle`), then the shards and pair lists the search page loads (`SearchShards`,
/// `PhrasePairs`); each article's result record is a file of its own. Made while the pages are
/// written, and written after them (`PlannedSite.Later`).
struct SearchIndex: Sendable {
    /// Shards and their table of contents.
    var files: [SearchShards.File]
    /// What search keeps of each article, in site order: the records are made from it.
    var articles: ArticleBlobs

    static let none = SearchIndex(files: [], articles: ArticleBlobs([]))

    /// The index of no article (`--without-search-index`): its table and empty pair lists, so
    /// that the search page loads what it asks for and finds nothing.
    static let empty = SearchIndex(articles: ArticleBlobs([]), numbering: "")

    init(files: [SearchShards.File], articles: ArticleBlobs) {
        self.files = files
        self.articles = articles
    }

    /// The index of `articles` (in site order; `numbering`: `SearchShards.numbering`).
    init(articles: ArticleBlobs, numbering: String) {
        self.init(files: SearchShards.files(blobs: articles, numbering: numbering), articles: articles)
    }

    /// Every article read for search (kept in memory): `articles` in site order. `.none` once
    /// `stop` is cancelled.
    static func make(_ articles: [Article], context: SearchContext, stop: Cancellation? = nil) -> SearchIndex {
        let writer = BlobWriter(count: articles.count)
        articleMaker(for: articles, context: context, stop: stop)(Array(articles.indices), writer)
        if stop?.isCancelled == true { return .none }
        return SearchIndex(articles: ArticleBlobs(made: writer), numbering: SearchShards.numbering(articles))
    }

    /// Makes what search keeps of some of `articles` (by index), on every core, into a
    /// `BlobWriter` (numbered in the order of the indices): each core takes runs of `chunk`
    /// articles, with a `WordCache` no other core uses meanwhile and that serves the runs after
    /// (the words of a bulletin are met once per core, not once per run), and writes a run's
    /// bytes at once from memory it uses again for the next (no fresh memory per article). Once
    /// `stop` is cancelled, the runs not begun are left out (the writer then lacks them).
    static func articleMaker(
        for articles: [Article], context: SearchContext, chunk: Int = chunk, stop: Cancellation? = nil
    ) -> @Sendable ([Int], BlobWriter) -> Void {
        { indices, writer in
            let workers = Pool { (words: WordCache(), run: [UInt8]()) }
            let runs = stride(from: 0, to: indices.count, by: chunk).map { $0..<min($0 + chunk, indices.count) }
            _ = runs.parallelMap { run in
                if stop?.isCancelled == true { return }
                workers.with { worker in
                    worker.run.removeAll(keepingCapacity: true)
                    var ranges: [Range<Int>] = []
                    ranges.reserveCapacity(run.count)
                    for index in indices[run] {
                        let start = worker.run.count
                        IndexedArticle.append(articles[index], context: context, words: &worker.words, to: &worker.run)
                        ranges.append(start..<worker.run.count)
                        BlobWriter.sealArticle(from: start, in: &worker.run)
                    }
                    worker.run.withUnsafeBytes { writer.add($0, ranges: ranges, at: run) }
                }
            }
        }
    }

    /// Articles a core reads at a time: few enough that the cores share the work evenly.
    static let chunk = 128

    /// The numbers of the article records (oldest first).
    var recordNumbers: Range<Int> { 0..<articles.count }

    /// The record file of article `number`.
    func record(_ number: Int) -> [UInt8] {
        articles.withBlob(numbered: number) { SearchShards.record(number, blob: $0) }
    }

    /// The index's size in bytes: its files and records.
    var byteCount: Int {
        files.reduce(0) { $0 + $1.bytes.count } + recordNumbers.reduce(0) { total, number in
            total + articles.withBlob(numbered: number) { SearchShards.recordLength(number, blob: $0) }
        }
    }
}
