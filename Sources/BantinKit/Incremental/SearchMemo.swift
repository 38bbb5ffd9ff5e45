import Foundation

/// What search kept of each article at the last build (`IndexedArticle`), beside the output with
/// one key per article (a fingerprint of all that search reads of it), so that a rebuild reads
/// for search only the articles that changed. When the memo is written anew (the first build,
/// or most of it no longer used), the articles made are written into the new file as they are
/// made and read back from it mapped (`BlobWriter`), not held in memory and copied again.
final class SearchMemo: @unchecked Sendable {
    let url: URL
    /// Bytes no table lists always tolerated before the file is written anew.
    let slack: Int

    static let magic: UInt64 = 0x6261_6e74_696e_5336  // "bantinS6"

    init(url: URL, slack: Int = 1 << 20) {
        self.url = url
        self.slack = slack
    }

    /// The memo as `articles` read it, and the new file the articles made are written into.
    private var last: MappedFile?
    private var fresh: Fresh?

    private struct Fresh {
        var path: String
        var fd: Int32
        var inode: UInt64
        var writer: BlobWriter
    }

    /// Each article's bytes: the saved ones wherever its key is one of `keys`, otherwise made by
    /// `make` (given the articles' indices, all at once, and where to write them); whether they
    /// differ from what is saved (anything made, or the order changed); and the articles' bytes
    /// the memo held before, by key (still readable after the memo is saved again).
    func articles(keys: [UInt64], make: @Sendable ([Int], BlobWriter) -> Void) -> (ArticleBlobs, changed: Bool, earlier: Earlier) {
        articles(keys: keys, until: nil, make: make)!
    }

    /// The same; nil once `stop` is cancelled (`make` may then leave articles out), the memo
    /// left as it was.
    func articles(
        keys: [UInt64], until stop: Cancellation?, make: @Sendable ([Int], BlobWriter) -> Void
    ) -> (ArticleBlobs, changed: Bool, earlier: Earlier)? {
        abandon()
        let saved = load()
        last = saved?.file
        let missing = keys.indices.filter { saved?.places[keys[$0]] == nil }
        let kept = saved.map { saved in keys.indices.compactMap { index in saved.places[keys[index]].map { (index, saved.file, $0) } } } ?? []
        let live = kept.reduce(0) { $0 + $1.2.count + 8 }
        // Appended to the memo, as `CacheWriter.save` would, or else written anew.
        let appending = saved.map { $0.file.isStill(at: url.path) && $0.file.size <= 2 * live + slack } ?? false
        var writer = BlobWriter(count: missing.count)
        if !missing.isEmpty, !appending, let started = startFile(count: missing.count) {
            fresh = started
            writer = started.writer
        }
        make(missing, writer)
        if stop?.isCancelled == true {
            abandon()
            return nil
        }
        let blobs = ArticleBlobs(count: keys.count, made: writer, at: missing, saved: kept)
        return (blobs, !missing.isEmpty || saved?.keys != keys, Earlier(saved: saved))
    }

    /// The same, with `make` giving the articles' bytes.
    func articles(keys: [UInt64], make: @escaping @Sendable ([Int]) -> [[UInt8]]) -> (ArticleBlobs, changed: Bool, earlier: Earlier) {
        articles(keys: keys) { indices, writer in writer.add(make(indices), at: indices.indices) }
    }

    /// A new file beside the memo, its header written, for `count` articles.
    private func startFile(count: Int) -> Fresh? {
        let path = url.path + ".tmp"
        unlink(path)
        let fd = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard (try? OutputFolder.writeAll(Self.header, to: fd)) != nil, fstat(fd, &info) == 0 else {
            close(fd)
            unlink(path)
            return nil
        }
        return Fresh(path: path, fd: fd, inode: UInt64(info.st_ino), writer: BlobWriter(fd: fd, at: Self.header.count, count: count))
    }

    /// Leaves the memo as it was: the new file begun by `articles`, if any, is removed.
    func abandon() {
        guard let fresh else { return }
        close(fresh.fd)
        unlink(fresh.path)
        self.fresh = nil
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
    /// lists (`CacheWriter.save`, as the article cache), the articles made written into it as
    /// they are made, in the order they are made. `nil` for anything that does not fit,
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

    /// Saves `articles` under `keys`: the new file `articles` began, finished and renamed over
    /// the memo; or appended to the memo they were read from when that is still the file and
    /// mostly in use, otherwise written beside and renamed over it.
    @discardableResult
    func save(_ articles: ArticleBlobs, keys: [UInt64]) -> Bool {
        if let fresh {
            self.fresh = nil
            return finish(fresh, articles: articles, keys: keys)
        }
        let inLast = { (index: Int) -> Range<Int>? in
            guard let last = self.last, let (inode, range) = articles.filePlace(index), inode == last.inode else { return nil }
            return range
        }
        let live = keys.indices.reduce(0) { $0 + (inLast($1).map { $0.count + 8 } ?? 0) }
        return CacheWriter.save(at: url.path, over: last, live: live, slack: slack) { out in
            out.bytes += Self.header
        } entries: { out, appending in
            (Self.entries(articles, keys: keys, into: &out) { appending ? inLast($0) : nil }, keys)
        }
    }

    /// Writes the table of the new file begun by `articles`, after the saved articles still used
    /// (copied from the last memo), and renames it over the memo.
    private func finish(_ fresh: Fresh, articles: ArticleBlobs, keys: [UInt64]) -> Bool {
        let (end, failure) = fresh.writer.end
        guard failure == 0, lseek(fresh.fd, off_t(end), SEEK_SET) == off_t(end) else {
            // Why, for the warning: the caller reads `errno`.
            let code = failure == 0 ? errno : failure
            close(fresh.fd)
            unlink(fresh.path)
            errno = code
            return false
        }
        var out = CacheWriter(fd: fresh.fd, position: Int64(end))
        let places = Self.entries(articles, keys: keys, into: &out) { index in
            articles.filePlace(index).flatMap { $0.inode == fresh.inode ? $0.range : nil }
        }
        out.table(places, keys: keys)
        if out.finish(), rename(fresh.path, url.path) == 0 { return true }
        unlink(fresh.path)
        return false
    }

    /// Every article's place in the file `out` writes, for its table: where `there` says it
    /// already is (its bytes; their checksum follows), else written now, with its checksum.
    private static func entries(_ articles: ArticleBlobs, keys: [UInt64], into out: inout CacheWriter, there: (Int) -> Range<Int>?) -> [Range<Int>] {
        var places: [Range<Int>] = []
        places.reserveCapacity(keys.count)
        for index in keys.indices {
            if let place = there(index) {
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
        return places
    }

    /// What a memo file starts with: the magic and the executable's key, little-endian.
    static let header: [UInt8] = [magic, executableKey].flatMap { number in withUnsafeBytes(of: number.littleEndian, Array.init) }

    /// Articles are read by this executable's code: another one's bytes are not reused.
    static let executableKey: UInt64 = {
        var hasher = StableHasher()
        hasher.add(InputStamp.executable)
        return hasher.value
    }()
}
