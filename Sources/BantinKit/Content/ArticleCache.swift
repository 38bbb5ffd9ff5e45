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
public final class ArticleCache: @unchecked Sendable {
    /// What identifies one version of a file on disk.
    struct FileKey: Hashable {
        var size: Int64
        var modified: Int64
        var changed: Int64
        var inode: UInt64
    }

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

    static let magic = "bantin-article-cache-6"

    /// Saves this build's entries: appended to the file they were loaded from when that is still
    /// the file at `url` and mostly in use, otherwise written anew into a temporary file renamed
    /// over the old one. Loaded entries are copied byte for byte, never decoded again.
    /// `slack`: bytes of unused entries always tolerated before the file is written anew.
    func save(to url: URL, slack: Int = 1 << 20) {
        var table: [(path: String, stored: Range<Int>?)] = used.map { ($0, paths.position(of: $0).flatMap { entries[$0].stored }) }
        table += fresh.keys.map { ($0, nil) }
        table.sort { $0.path < $1.path }
        if let file, file.isStill(at: url.path) {
            let live = table.reduce(0) { $0 + ($1.stored?.count ?? 0) }
            if file.size <= 2 * live + slack, append(table, to: file, at: url.path) { return }
        }
        let temporary = url.path + ".tmp"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        var out = CacheWriter(fd: fd)
        out.string(Self.magic)
        out.string(context)
        var places: [Range<Int>] = []
        for (path, stored) in table {
            let start = Int(out.position)
            if let stored, let file {
                out.raw(UnsafeBufferPointer(rebasing: file.bytes[stored]))
            } else if let entry = fresh[path] {
                out.entry(path, entry)
            }
            places.append(start..<Int(out.position))
            out.flushIfLarge()
        }
        out.table(places)
        if out.finish() && rename(temporary, url.path) == 0 { return }
        unlink(temporary)
    }

    /// Appends the new entries and a table of all; false (and no cache) if a write failed.
    private func append(_ table: [(path: String, stored: Range<Int>?)], to file: MappedFile, at path: String) -> Bool {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        guard lseek(fd, off_t(file.size), SEEK_SET) == off_t(file.size) else {
            close(fd)
            return false
        }
        var out = CacheWriter(fd: fd, position: Int64(file.size))
        var places: [Range<Int>] = []
        for (path, stored) in table {
            if let stored {
                places.append(stored)
            } else if let entry = fresh[path] {
                let start = Int(out.position)
                out.entry(path, entry)
                places.append(start..<Int(out.position))
            }
        }
        out.table(places)
        if out.finish() { return true }
        // A half-written end is never taken for a table (see `load`), but leave nothing doubtful.
        unlink(path)
        return false
    }

    /// The cache saved at `url`, if it was saved in `context`; otherwise an empty one. The file is
    /// mapped, not read, and its entries decoded on every core, a few hundred at a time.
    static func load(from url: URL, context: String) -> ArticleCache {
        let empty = ArticleCache(context: context)
        guard let file = MappedFile(path: url.path), file.size >= 24 else { return empty }
        let bytes = file.bytes
        // The trailer: entry count, where the table starts, the table's fingerprint.
        var trailer = CacheReader(bytes: bytes, offset: file.size - 24)
        guard let count = trailer.int().map(Int.init), let table = trailer.int().map(Int.init), let check = trailer.int(),
            count >= 0, table >= 0, count <= file.size / 16, table + count * 16 + 24 == file.size,
            check == CacheWriter.checksum(UnsafeBufferPointer(rebasing: bytes[table..<(table + count * 16)]))
        else { return empty }
        var header = CacheReader(bytes: bytes)
        guard header.string() == magic, header.string() == context else { return empty }
        let firstEntry = header.offset
        var places: [Range<Int>] = []
        places.reserveCapacity(count)
        var reader = CacheReader(bytes: bytes, offset: table)
        for _ in 0..<count {
            guard let start = reader.int().map(Int.init), let length = reader.int().map(Int.init), start >= firstEntry, length > 0,
                start <= table - length
            else { return empty }
            places.append(start..<(start + length))
        }
        let chunkSize = 256
        let chunks = Array(stride(from: 0, to: count, by: chunkSize))
        let ranges = places
        let decoded: [[(String, Entry)]?] = chunks.parallelMap { first in
            var entries: [(String, Entry)] = []
            for place in ranges[first..<min(first + chunkSize, count)] {
                var reader = CacheReader(bytes: file.bytes, offset: place.lowerBound, file: file)
                guard var entry = reader.entry(), reader.offset == place.upperBound else { return nil }
                entry.1.stored = place
                entries.append(entry)
            }
            return entries
        }
        var paths: [String] = []
        var entries: [Entry] = []
        paths.reserveCapacity(count)
        entries.reserveCapacity(count)
        for chunk in decoded {
            guard let chunk else { return empty }
            for (path, entry) in chunk {
                paths.append(path)
                entries.append(entry)
            }
        }
        return ArticleCache(context: context, paths: paths, entries: entries, file: file)
    }
}

extension CacheWriter {
    /// One file's entry: what reading it gave and where its body is, a checksum of all that, then
    /// the body's bytes when they are kept here.
    mutating func entry(_ path: String, _ entry: ArticleCache.Entry) {
        let start = bytes.count
        string(path)
        int(entry.key.size)
        int(entry.key.modified)
        int(entry.key.changed)
        int(Int64(bitPattern: entry.key.inode))
        int(Int64(entry.diagnostics.count))
        for d in entry.diagnostics {
            string(d.severity.rawValue)
            string(d.file)
            int(Int64(d.line))
            int(Int64(d.column))
            string(d.message)
        }
        bool(entry.article != nil)
        var bodyHere: [UInt8]? = nil
        if let article = entry.article {
            articleHead(article)
            // A body that is the end of its file is read from there when needed; any other follows the checksum.
            if case .source(let source, let offset, let count) = article.bodyText.place, source == path {
                bool(true)
                int(Int64(offset))
                int(Int64(count))
            } else {
                let body = article.bodyText.utf8
                bool(false)
                int(Int64(body.count))
                bodyHere = body
            }
        }
        let check = bytes.withUnsafeBufferPointer { Self.checksum(UnsafeBufferPointer(rebasing: $0[start...])) }
        int(check)
        if let bodyHere { bytes.append(contentsOf: bodyHere) }
    }
}

extension ArticleCache.FileKey {
    init(_ info: stat) {
        self.init(
            size: Int64(info.st_size),
            modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
            changed: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec),
            inode: UInt64(info.st_ino))
    }
}

/// Length-prefixed little-endian values, buffered and written to a file descriptor.
struct CacheWriter {
    let fd: Int32
    var bytes: [UInt8] = []
    private var flushed: Int64 = 0
    private var failed = false

    /// `position`: where in the file the descriptor writes first.
    init(fd: Int32, position: Int64 = 0) {
        self.fd = fd
        flushed = position
        bytes.reserveCapacity(Self.flushSize + 64 * 1024)
    }

    static let flushSize = 1 << 20

    /// Where the next byte goes in the file.
    var position: Int64 { flushed + Int64(bytes.count) }

    mutating func flushIfLarge() {
        if bytes.count >= Self.flushSize { flush() }
    }

    private mutating func flush() {
        do {
            try OutputFolder.writeAll(bytes, to: fd)
        } catch {
            failed = true
        }
        flushed += Int64(bytes.count)
        bytes.removeAll(keepingCapacity: true)
    }

    /// Writes what is left and closes the file; false if any write failed.
    mutating func finish() -> Bool {
        flush()
        return close(fd) == 0 && !failed
    }

    mutating func int(_ value: Int64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func raw(_ value: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: value) }

    /// Where each entry is, then the trailer: entry count, where this table starts, its checksum.
    mutating func table(_ places: [Range<Int>]) {
        let start = bytes.count
        let table = position
        for place in places {
            int(Int64(place.lowerBound))
            int(Int64(place.count))
        }
        let check = bytes.withUnsafeBufferPointer { Self.checksum(UnsafeBufferPointer(rebasing: $0[start...])) }
        int(Int64(places.count))
        int(table)
        int(check)
    }

    static func checksum(_ table: UnsafeBufferPointer<UInt8>) -> Int64 {
        var hasher = FNV1a()
        hasher.add(bytes: UnsafeRawBufferPointer(table))
        return Int64(bitPattern: hasher.value)
    }

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            int(Int64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func optional(_ value: String?) {
        bool(value != nil)
        if let value { string(value) }
    }

    mutating func position(_ p: SourcePosition) {
        int(Int64(p.line))
        int(Int64(p.column))
    }

    mutating func positions(_ list: [SourcePosition]) {
        int(Int64(list.count))
        for p in list { position(p) }
    }

    mutating func date(_ d: LocalDateTime) {
        int(d.instant)
        int(Int64(d.offset))
    }

    /// Everything of an article but its body; its details last, after their length, so that a
    /// reader can leave them in the file until a page or a diagnostic needs them.
    mutating func articleHead(_ a: Article) {
        string(a.slug.value)
        date(a.date)
        bool(a.updated != nil)
        if let updated = a.updated { date(updated) }
        bool(a.image != nil)
        if let image = a.image {
            string(image.path)
            string(image.alt)
            optional(image.caption)
        }
        int(Int64(a.directives.count))
        for code in a.directives {
            string(code.text)
            string(code.slug.value)
        }
        int(Int64(a.themes.count))
        for year in a.themes { int(Int64(year)) }
        bool(a.draft)
        int(Int64(a.related.count))
        for slug in a.related { string(slug) }
        int(Int64(bitPattern: a.bodyHash))
        int(Int64(a.bodyLine))
        int(Int64(bitPattern: a.cardHash))
        let details = a.details
        let lengthAt = bytes.count
        int(0)
        string(details.file)
        string(details.title)
        for field in [details.summary, details.category, details.location, details.author, details.source] { optional(field) }
        bool(details.positions.image != nil)
        if let image = details.positions.image { position(image) }
        positions(details.positions.related)
        positions(details.positions.directives)
        positions(details.positions.themes)
        let length = Int64(bytes.count - lengthAt - 8).littleEndian
        bytes.withUnsafeMutableBytes { $0.storeBytes(of: length, toByteOffset: lengthAt, as: Int64.self) }
    }
}

/// Reads what `CacheWriter` wrote; every read is checked, `nil` past the end or on nonsense.
struct CacheReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0
    /// The cache file these bytes are (all of it): bodies are left there.
    let file: MappedFile?

    init(bytes: UnsafeBufferPointer<UInt8>, offset: Int = 0, file: MappedFile? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.file = file
    }

    /// Where a body is: in the content file at `path`, or (`nil` offset) in the cache file after the checksum.
    mutating func bodyPlace() -> (inSource: Bool, offset: Int, count: Int)? {
        guard let inSource = bool() else { return nil }
        if inSource {
            guard let start = count(), let length = count() else { return nil }
            return (true, start, length)
        }
        guard let length = count() else { return nil }
        return (false, 0, length)
    }

    /// One file's entry, as `CacheWriter.entry` wrote it; `nil` unless its checksum holds.
    mutating func entry() -> (String, ArticleCache.Entry)? {
        let start = offset
        guard let path = string(), let size = int(), let modified = int(), let changed = int(), let inode = int(),
            let diagnosticCount = count()
        else { return nil }
        var diagnostics: [Diagnostic] = []
        for _ in 0..<diagnosticCount {
            guard let severity = string().flatMap(Severity.init(rawValue:)), let file = string(), let line = int(), let column = int(),
                let message = string()
            else { return nil }
            diagnostics.append(Diagnostic(severity, file, line: Int(line), column: Int(column), message))
        }
        guard let hasArticle = bool() else { return nil }
        var head: ArticleHead? = nil
        var place: (inSource: Bool, offset: Int, count: Int)? = nil
        if hasArticle {
            guard let read = articleHead(), let body = bodyPlace() else { return nil }
            head = read
            place = body
        }
        let end = offset
        guard let check = int(), check == CacheWriter.checksum(UnsafeBufferPointer(rebasing: bytes[start..<end])) else { return nil }
        var article: Article? = nil
        if let head, let place {
            let body: BodyText
            if place.inSource {
                body = BodyText(at: .source(path: path, offset: place.offset, count: place.count))
            } else {
                guard let file, offset + place.count <= bytes.count else { return nil }
                body = BodyText(at: .cache(file, offset: offset, count: place.count))
                offset += place.count
            }
            guard let read = head.article(body: body) else { return nil }
            article = read
        }
        let key = ArticleCache.FileKey(size: size, modified: modified, changed: changed, inode: UInt64(bitPattern: inode))
        return (path, ArticleCache.Entry(key: key, article: article, diagnostics: diagnostics))
    }

    mutating func int() -> Int64? {
        guard offset + 8 <= bytes.count else { return nil }
        let value = UnsafeRawBufferPointer(bytes).loadUnaligned(fromByteOffset: offset, as: Int64.self)
        offset += 8
        return Int64(littleEndian: value)
    }

    mutating func bool() -> Bool? {
        guard offset < bytes.count, bytes[offset] <= 1 else { return nil }
        offset += 1
        return bytes[offset - 1] == 1
    }

    /// Text as written; the entry's checksum, checked when it is loaded, vouches for its bytes.
    mutating func string() -> String? {
        guard let count = int(), count >= 0, offset + Int(count) <= bytes.count else { return nil }
        let slice = UnsafeBufferPointer(rebasing: bytes[offset..<(offset + Int(count))])
        offset += Int(count)
        return count > 0 ? String(decoding: slice, as: UTF8.self) : ""
    }

    mutating func optional() -> String?? {
        guard let present = bool() else { return nil }
        guard present else { return .some(nil) }
        guard let value = string() else { return nil }
        return .some(value)
    }

    mutating func count() -> Int? {
        guard let n = int(), n >= 0, n <= Int64(bytes.count) else { return nil }
        return Int(n)
    }

    mutating func position() -> SourcePosition? {
        guard let line = int(), let column = int() else { return nil }
        return SourcePosition(line: Int(line), column: Int(column))
    }

    mutating func positions() -> [SourcePosition]? {
        guard let n = count() else { return nil }
        var list: [SourcePosition] = []
        for _ in 0..<n {
            guard let p = position() else { return nil }
            list.append(p)
        }
        return list
    }

    mutating func date() -> LocalDateTime? {
        guard let instant = int(), let offset = int() else { return nil }
        return LocalDateTime(instant: instant, offset: Int(offset))
    }

    /// An article's entry up to its body, its texts left where they are.
    mutating func articleHead() -> ArticleHead? {
        guard let slug = string().map(Slug.init(checked:)), let date = date(), let hasUpdated = bool() else { return nil }
        var head = ArticleHead(slug: slug, date: date)
        if hasUpdated {
            guard let value = self.date() else { return nil }
            head.updated = value
        }
        guard let hasImage = bool() else { return nil }
        if hasImage {
            guard let path = string(), let alt = string(), let caption = optional() else { return nil }
            head.image = ArticleImage(path: path, alt: alt, caption: caption)
        }
        guard let directiveCount = count() else { return nil }
        head.directives.reserveCapacity(directiveCount)
        for _ in 0..<directiveCount {
            guard let text = string(), let slug = string().map(Slug.init(checked:)) else { return nil }
            head.directives.append(DirectiveCode(text: text, slug: slug))
        }
        guard let themeCount = count() else { return nil }
        head.themes.reserveCapacity(themeCount)
        for _ in 0..<themeCount {
            guard let year = int() else { return nil }
            head.themes.append(Int(year))
        }
        guard let draft = bool(), let relatedCount = count() else { return nil }
        head.draft = draft
        for _ in 0..<relatedCount {
            guard let slug = string() else { return nil }
            head.related.append(slug)
        }
        guard let bodyHash = int(), let bodyLine = int(), let cardHash = int(), let length = count(), offset + length <= bytes.count,
            let file
        else { return nil }
        head.bodyHash = UInt64(bitPattern: bodyHash)
        head.bodyLine = Int(bodyLine)
        head.cardHash = UInt64(bitPattern: cardHash)
        head.details = StoredDetails(file: file, range: offset..<(offset + length))
        offset += length
        return head
    }

    /// The details `CacheWriter.articleHead` wrote.
    mutating func details() -> ArticleDetails? {
        guard let file = string(), let title = string(), let summary = optional(), let category = optional(), let location = optional(),
            let author = optional(), let source = optional(), let hasImagePosition = bool()
        else { return nil }
        var positions = FieldPositions()
        if hasImagePosition {
            guard let p = position() else { return nil }
            positions.image = p
        }
        guard let related = self.positions(), let directives = self.positions(), let themes = self.positions() else { return nil }
        positions.related = related
        positions.directives = directives
        positions.themes = themes
        return ArticleDetails(
            file: file, title: title, summary: summary, category: category, location: location, author: author, source: source,
            positions: positions)
    }
}

/// An article as read from the cache before its body.
struct ArticleHead {
    var slug: Slug
    var date: LocalDateTime
    var updated: LocalDateTime? = nil
    var image: ArticleImage? = nil
    var directives: [DirectiveCode] = []
    var themes: [Int] = []
    var draft = false
    var related: [String] = []
    var bodyHash: UInt64 = 0
    var bodyLine = 0
    var cardHash: UInt64 = 0
    var details: StoredDetails? = nil

    func article(body: BodyText) -> Article? {
        guard let details else { return nil }
        return Article(
            details: details, slug: slug, date: date, updated: updated, image: image, directives: directives, themes: themes, draft: draft,
            related: related, bodyText: body, bodyLine: bodyLine, bodyHash: bodyHash, cardHash: cardHash)
    }
}
