import Foundation

/// What search kept of each article at the last build (`IndexedArticle`), beside the output with
/// one key per article (a fingerprint of all that search reads of it), so that a rebuild reads
/// for search only the articles that changed.
struct SearchMemo: Sendable {
    let url: URL

    static let magic: UInt64 = 0x6261_6e74_696e_5334  // "bantinS4"

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

    /// The file: magic, the executable's fingerprint, count, `count` × (key, start, length), then
    /// the articles' bytes; little-endian 64-bit numbers. `nil` for anything that does not fit.
    private func load() -> Saved? {
        guard let file = MappedFile(path: url.path), file.size >= 24 else { return nil }
        return file.withBytes { bytes -> Saved? in
            let raw = UnsafeRawBufferPointer(bytes)
            func word(_ at: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at * 8, as: UInt64.self)) }
            guard word(0) == Self.magic, word(1) == Self.executableKey, word(2) <= UInt64(raw.count / 24) else { return nil }
            let count = Int(word(2))
            let blobStart = 24 + count * 24
            guard blobStart <= raw.count else { return nil }
            let blobCount = raw.count - blobStart
            var saved = Saved(keys: [], places: [:], file: file)
            saved.keys.reserveCapacity(count)
            saved.places.reserveCapacity(count)
            for i in 0..<count {
                let key = word(3 + i * 3), start = word(4 + i * 3), length = word(5 + i * 3)
                guard start <= UInt64(blobCount), length <= UInt64(blobCount) - start, length >= 4 else { return nil }
                saved.keys.append(key)
                saved.places[key] = (blobStart + Int(start))..<(blobStart + Int(start + length))
            }
            return saved
        }
    }

    /// Saves `articles` under `keys` (written beside, then renamed over the last memo), each
    /// article's bytes straight from where they are.
    func save(_ articles: ArticleBlobs, keys: [UInt64]) {
        var words: [UInt64] = [Self.magic, Self.executableKey, UInt64(keys.count)]
        words.reserveCapacity(3 + keys.count * 3)
        var start = 0
        for (index, key) in keys.enumerated() {
            let length = articles.withBlob(index) { $0.count }
            words += [key, UInt64(start), UInt64(length)]
            start += length
        }
        OutputFolder.replaceFile(at: url.path) { file in
            words.map(\.littleEndian).withUnsafeBytes { file.append($0) }
            for index in keys.indices { articles.withBlob(index) { file.append($0) } }
        }
    }

    /// Articles are read by this executable's code: another one's bytes are not reused.
    static let executableKey: UInt64 = {
        var hasher = StableHasher()
        hasher.add(InputStamp.executable)
        return hasher.value
    }()
}
