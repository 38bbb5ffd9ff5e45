import Foundation

/// What reading each article file gave (the article, or nothing, and its diagnostics), kept
/// beside the output between builds so that a rebuild reads and parses only the files that
/// changed. A file's entry is used only while its size, modification and change times and
/// inode are the ones recorded, and the whole cache only for the same bantin executable and
/// site timezone. Anything unreadable in it means an empty cache: the cache can cost a full
/// read, never a wrong one.
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
    }

    /// The executable and settings the entries were read with.
    let context: String
    private var entries: [String: Entry]
    /// Entries of this build, by file path, to be saved.
    private var current: [String: Entry] = [:]
    private let lock = NSLock()
    /// How many files were taken from the cache in this build, and how many read and parsed.
    private(set) var hits = 0
    private(set) var misses = 0

    init(context: String, entries: [String: Entry] = [:]) {
        self.context = context
        self.entries = entries
    }

    /// The context a cache must have been saved in to be used: this executable, this timezone.
    static func context(zone: SiteTimeZone) -> String {
        InputStamp.executable + "\n" + zone.identifier
    }

    /// The entry for `path` if the file on disk is still the one it was made from.
    func lookup(_ path: String, key: FileKey) -> Entry? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[path], entry.key == key else { return nil }
        hits += 1
        current[path] = entry
        return entry
    }

    func record(_ path: String, _ entry: Entry) {
        lock.lock()
        defer { lock.unlock() }
        misses += 1
        current[path] = entry
    }

    // MARK: Saving and loading

    static let magic = "bantin-article-cache-3"

    /// Saves this build's entries: header, entries, then a table of where each entry starts (so
    /// loading can split the work) and where that table is. Written through a small buffer into
    /// a temporary file, then renamed over the old cache.
    func save(to url: URL) {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(url.lastPathComponent + ".tmp").path
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        var out = CacheWriter(fd: fd)
        out.string(Self.magic)
        out.string(context)
        var offsets: [Int64] = []
        for path in current.keys.sorted() {
            offsets.append(out.position)
            out.entry(path, current[path]!)
            out.flushIfLarge()
        }
        let table = out.position
        for offset in offsets { out.int(offset) }
        out.int(Int64(offsets.count))
        out.int(table)
        if out.finish() && rename(temporary, url.path) == 0 { return }
        unlink(temporary)
    }

    /// The cache saved at `url`, if it was saved in `context`; otherwise an empty one. Entries
    /// are read and decoded on every core, a few hundred at a time, so the file is never held whole.
    static func load(from url: URL, context: String) -> ArticleCache {
        let empty = ArticleCache(context: context)
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return empty }
        // Kept open while any article body read from it is not loaded yet.
        let file = CacheFile(fd: fd)
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size >= 16 else { return empty }
        let size = Int(info.st_size)
        // The header, and the trailer: entry count and where the offset table starts.
        guard var head = file.read(at: 0, count: min(size, 64 * 1024)), let trailer = file.read(at: size - 16, count: 16) else { return empty }
        let (count, table): (Int, Int) = trailer.withUnsafeBufferPointer { buffer in
            var reader = CacheReader(bytes: buffer)
            return (reader.int().map(Int.init) ?? -1, reader.int().map(Int.init) ?? -1)
        }
        guard count >= 0, table >= 0, count <= size / 8, table + count * 8 + 16 == size else { return empty }
        let headerEnd: Int? = head.withUnsafeBufferPointer { buffer in
            var reader = CacheReader(bytes: buffer)
            guard reader.string() == magic, reader.string() == context else { return nil }
            return reader.offset
        }
        head = []
        guard let firstEntry = headerEnd, let tableBytes = file.read(at: table, count: count * 8) else { return empty }
        var starts: [Int] = tableBytes.withUnsafeBufferPointer { buffer in
            var reader = CacheReader(bytes: buffer)
            return (0..<count).map { _ in reader.int().map(Int.init) ?? -1 }
        }
        starts.append(table)
        guard starts.first.map({ $0 == firstEntry }) ?? true, zip(starts, starts.dropFirst()).allSatisfy({ $0 >= 0 && $0 <= $1 }) else { return empty }
        let chunkSize = 256
        let chunks = Array(stride(from: 0, to: count, by: chunkSize))
        let offsets = starts
        let decoded: [[(String, Entry)]?] = chunks.parallelMap { first in
            let last = min(first + chunkSize, count)
            guard let bytes = file.read(at: offsets[first], count: offsets[last] - offsets[first]) else { return nil }
            return bytes.withUnsafeBufferPointer { buffer in
                var entries: [(String, Entry)] = []
                for index in first..<last {
                    var reader = CacheReader(bytes: buffer, offset: offsets[index] - offsets[first], file: file, fileOffset: offsets[first])
                    guard let entry = reader.entry(), reader.offset == offsets[index + 1] - offsets[first] else { return nil }
                    entries.append(entry)
                }
                return entries
            }
        }
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(count)
        for chunk in decoded {
            guard let chunk else { return empty }
            for (path, entry) in chunk { entries[path] = entry }
        }
        return ArticleCache(context: context, entries: entries)
    }
}

extension CacheWriter {
    mutating func entry(_ path: String, _ entry: ArticleCache.Entry) {
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
        if let article = entry.article { self.article(article) }
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
private struct CacheWriter {
    let fd: Int32
    var bytes: [UInt8] = []
    private var flushed: Int64 = 0
    private var failed = false

    init(fd: Int32) {
        self.fd = fd
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

    mutating func article(_ a: Article) {
        string(a.file)
        string(a.slug.value)
        string(a.title)
        date(a.date)
        bool(a.updated != nil)
        if let updated = a.updated { date(updated) }
        for field in [a.summary, a.category, a.location, a.author, a.source] { optional(field) }
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
        let body = a.bodyText.utf8
        int(Int64(body.count))
        bytes.append(contentsOf: body)
        int(Int64(bitPattern: a.bodyHash))
        int(Int64(a.bodyLine))
        bool(a.positions.image != nil)
        if let image = a.positions.image { position(image) }
        positions(a.positions.related)
        positions(a.positions.directives)
        positions(a.positions.themes)
    }
}

/// Reads what `CacheWriter` wrote; every read is checked, `nil` past the end or on nonsense.
private struct CacheReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var offset = 0
    /// The file these bytes were read from, and where in it they start: bodies are left there.
    let file: CacheFile?
    let fileOffset: Int

    init(bytes: UnsafeBufferPointer<UInt8>, offset: Int = 0, file: CacheFile? = nil, fileOffset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
        self.file = file
        self.fileOffset = fileOffset
    }

    /// A body: its place in the cache file, read when first used.
    mutating func body() -> BodyText? {
        guard let file, let count = count(), offset + count <= bytes.count else { return nil }
        let text = BodyText(file: file, offset: fileOffset + offset, count: count)
        offset += count
        return text
    }

    /// One file's entry, as `CacheWriter.entry` wrote it.
    mutating func entry() -> (String, ArticleCache.Entry)? {
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
        var article: Article? = nil
        if hasArticle {
            guard let read = self.article() else { return nil }
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

    mutating func string() -> String? {
        guard let count = int(), count >= 0, offset + Int(count) <= bytes.count else { return nil }
        let slice = UnsafeBufferPointer(rebasing: bytes[offset..<(offset + Int(count))])
        offset += Int(count)
        return String(validating: slice, as: UTF8.self)
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

    mutating func article() -> Article? {
        guard let file = string(), let slug = string().flatMap(Slug.init(validated:)), let title = string(), let date = date(),
            let hasUpdated = bool()
        else { return nil }
        var updated: LocalDateTime? = nil
        if hasUpdated {
            guard let value = self.date() else { return nil }
            updated = value
        }
        var fields: [String?] = []
        for _ in 0..<5 {
            guard let field = optional() else { return nil }
            fields.append(field)
        }
        guard let hasImage = bool() else { return nil }
        var image: ArticleImage? = nil
        if hasImage {
            guard let path = string(), let alt = string(), let caption = optional() else { return nil }
            image = ArticleImage(path: path, alt: alt, caption: caption)
        }
        guard let directiveCount = count() else { return nil }
        var directives: [DirectiveCode] = []
        for _ in 0..<directiveCount {
            guard let text = string(), let slug = string().flatMap(Slug.init(validated:)) else { return nil }
            directives.append(DirectiveCode(text: text, slug: slug))
        }
        guard let themeCount = count() else { return nil }
        var themes: [Int] = []
        for _ in 0..<themeCount {
            guard let year = int() else { return nil }
            themes.append(Int(year))
        }
        guard let draft = bool(), let relatedCount = count() else { return nil }
        var related: [String] = []
        for _ in 0..<relatedCount {
            guard let slug = string() else { return nil }
            related.append(slug)
        }
        guard let body = self.body(), let bodyHash = int(), let bodyLine = int(), let hasImagePosition = bool() else { return nil }
        var positions = FieldPositions()
        if hasImagePosition {
            guard let p = position() else { return nil }
            positions.image = p
        }
        guard let relatedPositions = self.positions(), let directivePositions = self.positions(), let themePositions = self.positions() else {
            return nil
        }
        positions.related = relatedPositions
        positions.directives = directivePositions
        positions.themes = themePositions
        return Article(
            file: file, slug: slug, title: title, date: date, updated: updated, summary: fields[0], category: fields[1],
            location: fields[2], author: fields[3], source: fields[4], image: image, directives: directives, themes: themes,
            draft: draft, related: related, bodyText: body, bodyLine: Int(bodyLine), positions: positions,
            bodyHash: UInt64(bitPattern: bodyHash))
    }
}
