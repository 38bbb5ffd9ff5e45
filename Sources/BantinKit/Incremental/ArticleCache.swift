import Foundation

/// What reading each article file gave (the article, or nothing, and its diagnostics), kept
/// beside the output between builds so that a rebuild reads and parses only the files that
/// changed. A file's entry is used only while its size, modification and change times and
/// inode are the ones recorded, and the whole cache only for the same bantin executable and
/// site timezone. Anything unreadable in it means an empty cache: the cache can cost a full
/// read, never a wrong one.
///
/// The file is a header, entries, then a table of where each entry is and a trailer. A build
/// that read a few files appends their entries and a new table; the file is written anew only
/// when more than half of it is entries no table lists any more.
public final class ArticleCache: ArticleMemory, @unchecked Sendable {
    struct Entry {
        var key: FileKey
        var article: Article?
        var diagnostics: [Diagnostic]
        /// Where the entry is in the cache file it was loaded from.
        var stored: Range<Int>? = nil
    }

    /// The executable and settings the entries were read with.
    let context: String
    /// Entries loaded from `file`, and the file path of each.
    private let entries: [Entry]
    private let paths: PathIndex
    private let file: MappedFile?
    /// Entries made in this build, and the paths whose loaded entries this build used.
    private var fresh: [String: Entry] = [:]
    private var used: [String] = []
    private let lock = NSLock()

    init(context: String, paths: [String] = [], entries: [Entry] = [], file: MappedFile? = nil) {
        self.context = context
        self.paths = PathIndex(paths)
        self.entries = entries
        self.file = file
    }

    /// How many files were taken from the cache in this build, and how many read and parsed.
    var hits: Int { used.count }
    var misses: Int { fresh.count }

    /// The context a cache must have been saved in to be used: this executable, this timezone.
    static func context(zone: SiteTimeZone) -> String {
        InputStamp.executable + "\n" + zone.identifier
    }

    /// The entry for `path` if the file on disk is still the one it was made from. Safe to call
    /// from many threads; a build then says which entries it used (`use`).
    func lookup(_ path: String, key: FileKey) -> Entry? {
        guard let index = paths.position(of: path), entries[index].key == key else { return nil }
        return entries[index]
    }

    /// The loaded entries this build used, to be kept.
    func used(_ paths: [String]) { use(paths) }

    func recall(_ path: String, key: FileKey) -> (article: Article?, diagnostics: [Diagnostic])? {
        lookup(path, key: key).map { ($0.article, $0.diagnostics) }
    }

    func remember(_ path: String, key: FileKey, article: Article?, diagnostics: [Diagnostic]) {
        record(path, Entry(key: key, article: article, diagnostics: diagnostics))
    }

    /// The loaded entries this build used, to be kept.
    func use(_ paths: [String]) {
        lock.lock()
        defer { lock.unlock() }
        used = paths
    }

    func record(_ path: String, _ entry: Entry) {
        lock.lock()
        defer { lock.unlock() }
        fresh[path] = entry
    }

    // MARK: Saving and loading

    static let magic = "bantin-article-cache-8"

    /// Saves this build's entries: appended to the file they were loaded from when that is still
    /// the file at `url` and mostly in use, otherwise written anew into a temporary file renamed
    /// over the old one. Loaded entries are copied byte for byte, never decoded again.
    /// `slack`: bytes of unused entries always tolerated before the file is written anew.
    /// `readSince`: a time taken before the files were read; one that could have changed again
    /// unseen since then (`FileKey.mayChangeUnseen`) is not kept, and is read again next time.
    @discardableResult
    func save(to url: URL, readSince: Int64 = 0, slack: Int = 1 << 20) -> Bool {
        var table: [(path: String, stored: Range<Int>?)] = used.map { ($0, paths.position(of: $0).flatMap { entries[$0].stored }) }
        table += fresh.filter { !$0.value.key.mayChangeUnseen(readSince: readSince) }.keys.map { ($0, nil) }
        table.sort { $0.path < $1.path }
        let live = table.reduce(0) { $0 + ($1.stored?.count ?? 0) }
        return CacheWriter.save(at: url.path, over: file, live: live, slack: slack) { out in
            out.text(Self.magic)
            out.text(context)
        } entries: { out, appending in
            var places: [Range<Int>] = []
            for (path, stored) in table {
                if appending, let stored {
                    places.append(stored)
                    continue
                }
                let start = Int(out.position)
                if let stored, let file {
                    out.raw(UnsafeBufferPointer(rebasing: file.bytes[stored]))
                } else if let entry = fresh[path] {
                    out.entry(path, entry)
                } else {
                    continue
                }
                places.append(start..<Int(out.position))
                out.flushIfLarge()
            }
            return (places, nil)
        }
    }

    /// The cache saved at `url`, if it was saved in `context`; otherwise an empty one. The file is
    /// mapped, not read, and its entries decoded on every core, a few hundred at a time.
    static func load(from url: URL, context: String) -> ArticleCache {
        let empty = ArticleCache(context: context)
        guard let file = MappedFile(path: url.path), file.size >= 24 else { return empty }
        defer { withExtendedLifetime(file) {} }  // `bytes` points into it
        let bytes = file.bytes
        var header = CacheReader(bytes: bytes)
        guard header.string() == magic, header.string() == context,
            let places = CacheReader.table(of: bytes, firstEntry: header.offset, keyed: false)?.places
        else { return empty }
        let count = places.count
        let chunkSize = 256
        let chunks = Array(stride(from: 0, to: count, by: chunkSize))
        let ranges = places
        // An entry that does not check or decode is left out: its file is read again.
        let decoded: [[(String, Entry)]] = chunks.parallelMap { first in
            ranges[first..<min(first + chunkSize, count)].compactMap { entry(at: $0, of: file) }
        }
        var paths: [String] = []
        var entries: [Entry] = []
        paths.reserveCapacity(count)
        entries.reserveCapacity(count)
        for (path, entry) in decoded.joined() {
            paths.append(path)
            entries.append(entry)
        }
        return ArticleCache(context: context, paths: paths, entries: entries, file: file)
    }
}

