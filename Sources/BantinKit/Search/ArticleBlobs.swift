/// What search keeps of each article (`IndexedArticle` bytes), in site order: made by this
/// build, or still in the mapped memo file of the last one (not copied out of it).
final class ArticleBlobs: @unchecked Sendable {
    private let made: [Int: [UInt8]]
    private let saved: MappedFile?
    /// For each article not in `made`, where its bytes are in `saved`.
    private let places: [Range<Int>?]

    var count: Int { places.count }

    init(made: [Int: [UInt8]], saved: MappedFile?, places: [Range<Int>?]) {
        self.made = made
        self.saved = saved
        self.places = places
    }

    /// Every article made now.
    convenience init(_ all: [[UInt8]]) {
        self.init(made: Dictionary(uniqueKeysWithValues: all.enumerated().map { ($0.offset, $0.element) }), saved: nil, places: Array(repeating: nil, count: all.count))
    }

    /// Calls `body` with the bytes of the article at `index` (site order).
    func withBlob<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        if let bytes = made[index] { return bytes.withUnsafeBytes(body) }
        return saved!.withBytes { body(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer($0)[places[index]!])) }
    }
}
