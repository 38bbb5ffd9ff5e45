import Foundation

/// What search kept of each article at the last build (`IndexedArticle`), beside the output with
/// one key per article (a fingerprint of all that search reads of it), so that a rebuild reads
/// for search only the articles that changed.
struct SearchMemo: Sendable {
    let url: URL

    static let magic: UInt64 = 0x6261_6e74_696e_5335  // "bantinS5"

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

    /// The file: magic and the executable's fingerprint, the articles' bytes, then a table of
    /// `count` × (key, start, length) and a trailer (count, where the table starts, the table's
    /// checksum); little-endian 64-bit numbers. A build appends the articles it made and a new
    /// table, so an edit writes one article's bytes, not every article's; the file is written
    /// anew when more than half of it is bytes no table lists. `nil` for anything that does
    /// not fit, and for a file whose end is not a whole table (cut short while appending).
    private func load() -> Saved? {
        guard let file = MappedFile(path: url.path), file.size >= Self.headerSize + Self.trailerSize else { return nil }
        return file.withBytes { bytes -> Saved? in
            let raw = UnsafeRawBufferPointer(bytes)
            func word(_ at: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
            let trailer = raw.count - Self.trailerSize
            let (count, table, check) = (word(trailer), word(trailer + 8), word(trailer + 16))
            guard word(0) == Self.magic, word(8) == Self.executableKey, count <= UInt64(trailer / 24), table == UInt64(trailer) - count * 24,
                table >= UInt64(Self.headerSize), check == Self.checksum(UnsafeRawBufferPointer(rebasing: raw[Int(table)..<trailer]))
            else { return nil }
            var saved = Saved(keys: [], places: [:], file: file)
            saved.keys.reserveCapacity(Int(count))
            saved.places.reserveCapacity(Int(count))
            for i in 0..<Int(count) {
                let at = Int(table) + 24 * i
                let key = word(at), start = word(at + 8), length = word(at + 16)
                guard start >= UInt64(Self.headerSize), start <= table, length <= table - start, length >= 4 else { return nil }
                saved.keys.append(key)
                saved.places[key] = Int(start)..<Int(start + length)
            }
            return saved
        }
    }

    private static let headerSize = 16, trailerSize = 24

    private static func checksum(_ table: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = StableHasher()
        hasher.add(bytes: table)
        return hasher.value
    }

    /// Saves `articles` under `keys`: appended to the memo they were read from when that is
    /// still the file and mostly in use, otherwise written beside and renamed over it.
    /// `slack`: bytes no table lists always tolerated before the file is written anew.
    func save(_ articles: ArticleBlobs, keys: [UInt64], slack: Int = 1 << 20) {
        if let file = articles.savedFile, file.isStill(at: url.path) {
            let live = keys.indices.reduce(0) { $0 + (articles.savedPlace($1)?.count ?? 0) }
            if file.size <= 2 * live + slack {
                if append(articles, keys: keys, to: file) { return }
                unlink(url.path)
                return
            }
        }
        OutputFolder.replaceFile(at: url.path) { out in
            out.append(number: Self.magic)
            out.append(number: Self.executableKey)
            write(articles, keys: keys, at: Self.headerSize, to: &out) { _ in true }
        }
    }

    /// Appends the articles this build made and a table of all; whether every byte was written.
    private func append(_ articles: ArticleBlobs, keys: [UInt64], to file: MappedFile) -> Bool {
        let fd = open(url.path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        guard lseek(fd, off_t(file.size), SEEK_SET) == off_t(file.size) else {
            close(fd)
            return false
        }
        var out = FileAppender(fd: fd)
        write(articles, keys: keys, at: file.size, to: &out) { articles.savedPlace($0) == nil }
        let written = out.finish()
        return close(fd) == 0 && written
    }

    /// Writes, from `position` in the file, the bytes of the articles `writes` says (the others
    /// are where `articles` read them), then the table and trailer.
    private func write(_ articles: ArticleBlobs, keys: [UInt64], at position: Int, to out: inout FileAppender, _ writes: (Int) -> Bool) {
        var table: [UInt64] = []
        table.reserveCapacity(keys.count * 3)
        var position = position
        for (index, key) in keys.enumerated() {
            if writes(index) {
                let length = articles.withBlob(index) { blob in
                    out.append(blob)
                    return blob.count
                }
                table += [key, UInt64(position), UInt64(length)]
                position += length
            } else {
                let place = articles.savedPlace(index)!
                table += [key, UInt64(place.lowerBound), UInt64(place.count)]
            }
        }
        let check = table.map(\.littleEndian).withUnsafeBytes { bytes in
            out.append(bytes)
            return Self.checksum(bytes)
        }
        out.append(number: UInt64(keys.count))
        out.append(number: UInt64(position))
        out.append(number: check)
    }

    /// Articles are read by this executable's code: another one's bytes are not reused.
    static let executableKey: UInt64 = {
        var hasher = StableHasher()
        hasher.add(InputStamp.executable)
        return hasher.value
    }()
}
