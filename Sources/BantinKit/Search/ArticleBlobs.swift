/// What search keeps of each article (`IndexedArticle` bytes), in site order: made by this
/// build, or still in the mapped memo file of the last one (not copied out of it).
final class ArticleBlobs: @unchecked Sendable {
    /// For each article, its bytes when made by this build.
    private let made: [[UInt8]?]
    private let saved: MappedFile?
    /// For each article not made, where its bytes are in `saved`.
    private let places: [Range<Int>?]

    var count: Int { places.count }

    init(made: [[UInt8]?], saved: MappedFile?, places: [Range<Int>?]) {
        self.made = made
        self.saved = saved
        self.places = places
    }

    /// Every article made now.
    convenience init(_ all: [[UInt8]]) {
        self.init(made: all, saved: nil, places: Array(repeating: nil, count: all.count))
    }

    /// The file the articles not made were read from.
    var savedFile: MappedFile? { saved }

    /// Where the bytes of the article at `index` are in `savedFile`; `nil` when made by this build.
    func savedPlace(_ index: Int) -> Range<Int>? { made[index] == nil ? places[index] : nil }

    /// Calls `body` with the bytes of the article at `index` (site order).
    func withBlob<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        if let bytes = made[index] { return bytes.withUnsafeBytes(body) }
        return saved!.withBytes { body(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer($0)[places[index]!])) }
    }

    /// The same, for the article numbered `number` by search (oldest first).
    func withBlob<R>(numbered number: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        withBlob(SearchShards.siteIndex(ofNumber: number, count: count), body)
    }
}
