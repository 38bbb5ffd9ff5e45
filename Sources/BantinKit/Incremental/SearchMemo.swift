import Foundation

/// What search kept of each article at the last build (`IndexedArticle`), beside the output with
/// one key per article (a fingerprint of all that search reads of it), so that a rebuild reads
/// for search only the articles that changed.
struct SearchMemo: Sendable {
    let url: URL

    static let magic: UInt64 = 0x6261_6e74_696e_5336  // "bantinS6"

    /// Each article's bytes: the saved ones wherever its key is one of `keys`, otherwise made by
    /// `make` (given the articles' indices, all at once); whether they differ from what is saved
    /// (anything made, or the order changed); and the articles' bytes the memo held before, by
    /// key (still readable after the memo is saved again).
    func articles(keys: [UInt64], make: @Sendable ([Int]) -> [[UInt8]]) -> (ArticleBlobs, changed: Bool, earlier: Earlier) {
        let saved = load()
        let missing = keys.indices.filter { saved?.places[keys[$0]] == nil }
        var made = [[UInt8]?](repeating: nil, count: keys.count)
        for (index, bytes) in zip(missing, make(missing)) { made[index] = bytes }
        let blobs = ArticleBlobs(made: made, saved: saved?.file, places: keys.map { saved?.places[$0] })
        return (blobs, !missing.isEmpty || saved?.keys != keys, Earlier(saved: saved))
    }

    /// The articles' bytes a memo held, by key.
    struct Earlier {
        fileprivate let saved: Saved?

        /// Calls `body` with the bytes of the article whose key was `key`; whether there were any.
        func withBlob(key: UInt64, _ body: (UnsafeRawBufferPointer) -> Void) -> Bool {
            guard let saved, let place = saved.places[key] else { return false }
            saved.file.withBytes { body(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer($0)[place])) }
            return true
        }
    }

    fileprivate struct Saved {
        var keys: [UInt64]
        var places: [UInt64: Range<Int>]
        /// The file, mapped; `places` are ranges of it.
        var file: MappedFile
    }

    /// The file: magic and the executable's fingerprint (little-endian 64-bit numbers), the
    /// articles' bytes, each followed by its checksum (8 bytes: an article whose bytes do not
    /// match it is made again), then their table of keys and places (`CacheWriter.table`). A build
    /// appends the articles it made and a new table, so an edit writes one article's bytes, not
    /// every article's; the file is written anew when more than half of it is bytes no table
    /// lists (`CacheWriter.save`, as the article cache). `nil` for anything that does not fit,
    /// and for a file whose end is not a whole table (cut short while appending).
    private func load() -> Saved? {
        guard let file = MappedFile(path: url.path) else { return nil }
        return file.withBytes { bytes -> Saved? in
            var header = CacheReader(bytes: bytes)
            guard header.int() == Int64(bitPattern: Self.magic), header.int() == Int64(bitPattern: Self.executableKey),
                let (keys, entries) = CacheReader.table(of: bytes, firstEntry: header.offset, keyed: true),
                entries.allSatisfy({ $0.count >= 12 })
            else { return nil }
            // Each article's bytes, checked on every core; a damaged one is left out (made again).
            let places: [Range<Int>?] = entries.parallelMap { entry in
                file.withBytes { bytes in
                    let place = entry.lowerBound..<(entry.upperBound - 8)
                    let raw = UnsafeRawBufferPointer(bytes)
                    let sum = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: place.upperBound, as: UInt64.self))
                    return StableHasher.hash(of: UnsafeRawBufferPointer(rebasing: raw[place])) == sum ? place : nil
                }
            }
            var byKey: [UInt64: Range<Int>] = [:]
            for (key, place) in zip(keys, places) { byKey[key] = place }
            return Saved(keys: keys, places: byKey.compactMapValues { $0 }, file: file)
        }
    }

    /// Saves `articles` under `keys`: appended to the memo they were read from when that is
    /// still the file and mostly in use, otherwise written beside and renamed over it.
    /// `slack`: bytes no table lists always tolerated before the file is written anew.
    @discardableResult
    func save(_ articles: ArticleBlobs, keys: [UInt64], slack: Int = 1 << 20) -> Bool {
        let live = keys.indices.reduce(0) { $0 + (articles.savedPlace($1).map { $0.count + 8 } ?? 0) }
        return CacheWriter.save(at: url.path, over: articles.savedFile, live: live, slack: slack) { out in
            out.int(Int64(bitPattern: Self.magic))
            out.int(Int64(bitPattern: Self.executableKey))
        } entries: { out, appending in
            var places: [Range<Int>] = []
            places.reserveCapacity(keys.count)
            for index in keys.indices {
                if appending, let place = articles.savedPlace(index) {
                    places.append(place.lowerBound..<(place.upperBound + 8))
                    continue
                }
                let start = Int(out.position)
                articles.withBlob(index) { blob in
                    out.raw(blob.assumingMemoryBound(to: UInt8.self))
                    out.int(Int64(bitPattern: StableHasher.hash(of: blob)))
                }
                places.append(start..<Int(out.position))
                out.flushIfLarge()
            }
            return (places, keys)
        }
    }

    /// Articles are read by this executable's code: another one's bytes are not reused.
    static let executableKey: UInt64 = {
        var hasher = StableHasher()
        hasher.add(InputStamp.executable)
        return hasher.value
    }()
}
