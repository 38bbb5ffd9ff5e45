/// The full-text search index of a site: each article read for search on every core
/// (`IndexedArticle`), then the shards and result records the search page loads (`SearchShards`).
enum SearchIndex {
    static func files(for graph: SiteGraph) -> [SearchShards.File] {
        let blobs = Array(graph.articles.indices).parallelMap(articleMaker(for: graph))
        return SearchShards.files(blobs: blobs)
    }

    /// Makes what search keeps of the article at an index of `graph`.
    static func articleMaker(for graph: SiteGraph) -> @Sendable (Int) -> [UInt8] {
        { IndexedArticle.make(graph.articles[$0], graph: graph) }
    }
}
