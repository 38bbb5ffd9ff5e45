/// The code of a central directive as editors write it (`01-KL/TW`), identified by its slug
/// (`01-kl-tw`) so that spelling differences in case or Unicode form name the same directive.
public struct DirectiveCode: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let text: String
    public let slug: Slug

    /// Accepts `number-LETTERS/LETTERS…` (`01-KL/TW`, `144-QĐ/TW`, `08-QĐi/TW`).
    /// A code saved earlier with its slug, taken as it is.
    init(text: String, slug: Slug) {
        self.text = text
        self.slug = slug
    }

    public init?(_ raw: String) {
        let text = raw.trimmingSpaces
        let parts = text.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, let first = parts.first, !first.isEmpty, first.allSatisfy(\.isASCII), first.allSatisfy(\.isNumber),
            let rest = parts.last, !rest.isEmpty, !rest.contains(where: \.isWhitespace),
            rest.split(separator: "/", omittingEmptySubsequences: false).allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isLetter) })
        else { return nil }
        guard let slug = Slug(from: text) else { return nil }
        self.text = text
        self.slug = slug
    }

    public static func == (lhs: DirectiveCode, rhs: DirectiveCode) -> Bool { lhs.slug == rhs.slug }
    public func hash(into hasher: inout Hasher) { hasher.combine(slug) }
    public static func < (lhs: DirectiveCode, rhs: DirectiveCode) -> Bool { lhs.slug < rhs.slug }
    public var description: String { text }
}

/// A photo attached to an article, path relative to `content/`.
public struct ArticleImage: Sendable, Equatable {
    public var path: String
    public var alt: String
    public var caption: String?
}

/// One news article, as its front matter and body say.
///
/// A value like any struct, but its fields live in one shared box that is copied only when a
/// copy is changed: tens of thousands of articles pass through sorting, grouping and page
/// building, and copying one is then one reference count, not one per field.
public struct Article: Sendable {
    private struct Fields {
        var details: StoredDetails
        var slug: Slug
        var date: LocalDateTime
        var updated: LocalDateTime?
        var image: ArticleImage?
        var directives: [DirectiveCode]
        var themes: [Int]
        var draft: Bool
        var related: [String]
        var bodyText: BodyText
        var bodyLine: Int
        var bodyHash: UInt64
        /// `cardHash`, when known (from the article cache); forgotten when a field changes.
        var cardHash: UInt64?
    }

    private final class Storage: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var storage: Storage

    /// The box, copied first when another article shares it; a field is about to change.
    private var unique: Storage {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
            storage.fields.cardHash = nil
            return storage
        }
    }

    init(
        file: String, slug: Slug, title: String, date: LocalDateTime, updated: LocalDateTime?, summary: String?, category:
        String?, location: String?, author: String?, source: String?, image: ArticleImage?, directives: [DirectiveCode], themes:
        [Int], draft: Bool, related: [String], bodyText: BodyText, bodyLine: Int, positions: FieldPositions = FieldPositions(),
        bodyHash: UInt64 = 0
    ) {
        let details = ArticleDetails(
            file: file, title: title, summary: summary, category: category, location: location, author: author, source: source, positions: positions)
        self.init(
            details: StoredDetails(details), slug: slug, date: date, updated: updated, image: image, directives: directives, themes: themes,
            draft: draft, related: related, bodyText: bodyText, bodyLine: bodyLine, bodyHash: bodyHash, cardHash: nil)
    }

    /// An article whose details may still be in the article cache file, with its card's hash when known.
    init(
        details: StoredDetails, slug: Slug, date: LocalDateTime, updated: LocalDateTime?, image: ArticleImage?, directives: [DirectiveCode],
        themes: [Int], draft: Bool, related: [String], bodyText: BodyText, bodyLine: Int, bodyHash: UInt64, cardHash: UInt64?
    ) {
        storage = Storage(
            Fields(
                details: details, slug: slug, date: date, updated: updated, image: image, directives: directives, themes: themes, draft: draft,
                related: related, bodyText: bodyText, bodyLine: bodyLine, bodyHash: bodyHash, cardHash: cardHash))
    }

    /// What only pages and diagnostics need, all at once (from the article cache, read on first use).
    var details: ArticleDetails {
        get { storage.fields.details.value }
        set { unique.fields.details = StoredDetails(newValue) }
    }
    /// The file, as shown in diagnostics (`content/articles/2023/05/x.md`).
    public var file: String {
        get { storage.fields.details.read(\.file) }
        set { details.file = newValue }
    }
    public var title: String {
        get { storage.fields.details.read(\.title) }
        set { details.title = newValue }
    }
    public var summary: String? {
        get { storage.fields.details.read(\.summary) }
        set { details.summary = newValue }
    }
    public var category: String? {
        get { storage.fields.details.read(\.category) }
        set { details.category = newValue }
    }
    public var location: String? {
        get { storage.fields.details.read(\.location) }
        set { details.location = newValue }
    }
    public var author: String? {
        get { storage.fields.details.read(\.author) }
        set { details.author = newValue }
    }
    public var source: String? {
        get { storage.fields.details.read(\.source) }
        set { details.source = newValue }
    }
    public var slug: Slug {
        get { storage.fields.slug }
        set { unique.fields.slug = newValue }
    }
    public var date: LocalDateTime {
        get { storage.fields.date }
        set { unique.fields.date = newValue }
    }
    public var updated: LocalDateTime? {
        get { storage.fields.updated }
        set { unique.fields.updated = newValue }
    }
    public var image: ArticleImage? {
        get { storage.fields.image }
        set { unique.fields.image = newValue }
    }
    public var directives: [DirectiveCode] {
        get { storage.fields.directives }
        set { unique.fields.directives = newValue }
    }
    public var themes: [Int] {
        get { storage.fields.themes }
        set { unique.fields.themes = newValue }
    }
    public var draft: Bool {
        get { storage.fields.draft }
        set { unique.fields.draft = newValue }
    }
    public var related: [String] {
        get { storage.fields.related }
        set { unique.fields.related = newValue }
    }
    /// The Markdown body, exactly as written after the front matter; from the article cache it
    /// is read only when a page or feed needs it.
    var bodyText: BodyText {
        get { storage.fields.bodyText }
        set { unique.fields.bodyText = newValue }
    }
    /// The line of the file where `body` starts.
    public var bodyLine: Int {
        get { storage.fields.bodyLine }
        set { unique.fields.bodyLine = newValue }
    }
    /// Where fields checked against the rest of the site were written, for diagnostics.
    public var positions: FieldPositions {
        get { storage.fields.details.read(\.positions) }
        set { details.positions = newValue }
    }
    /// A fingerprint of `body`, made once when the file is read (page fingerprints use it).
    public var bodyHash: UInt64 {
        get { storage.fields.bodyHash }
        set { unique.fields.bodyHash = newValue }
    }

    /// The Markdown body, exactly as written after the front matter.
    public var body: String {
        get { bodyText.value }
        set { bodyText = BodyText(newValue) }
    }

    /// Every field of the article that any page shows, its body aside, hashed: what its card
    /// adds to a page's fingerprint. Kept in the article cache, so a rebuild need not read the texts.
    var cardHash: UInt64 {
        if let known = storage.fields.cardHash { return known }
        var h = FNV1a()
        h.add(slug.value)
        h.add(title)
        h.add(date.instant)
        h.add(Int64(date.offset))
        h.add(updated.map { $0.instant } ?? -1)
        h.add(Int64(updated?.offset ?? 0))
        for field in [summary, category, location, author, source, image?.path, image?.alt, image?.caption] {
            h.add(field ?? "\u{0}")
        }
        h.add(directives.map(\.text).joined(separator: "|"))
        h.add(themes.map(String.init).joined(separator: "|"))
        return h.value
    }
}

/// What of an article only pages and diagnostics need: the file's name, title, summary,
/// bylines, and where the fields checked against the rest of the site were written.
struct ArticleDetails: Sendable {
    var file: String
    var title: String
    var summary: String?
    var category: String?
    var location: String?
    var author: String?
    var source: String?
    var positions: FieldPositions
}

/// Locks shared by the values read lazily from the article cache (tens of thousands of them,
/// each too small to own one): a value uses the one its address picks.
enum LazyLocks {
    private static let locks = (0..<64).map { _ in NSLock() }

    static func lock(for object: AnyObject) -> NSLock {
        locks[Int(UInt(bitPattern: ObjectIdentifier(object).hashValue) % UInt(locks.count))]
    }
}

/// An article's details, or where the article cache holds them: a rebuild reads them only for
/// the pages it renders and the problems it reports. (Entries of the cache file are checked
/// against their checksum when it is loaded.)
final class StoredDetails: @unchecked Sendable {
    /// Details given when the article was read: never changed, read without a lock.
    private let known: ArticleDetails?
    /// Details from the cache file, once read (under the lock).
    private var loaded: ArticleDetails?
    private let stored: (file: MappedFile, range: Range<Int>)?

    init(_ details: ArticleDetails) {
        known = details
        stored = nil
    }

    init(file: MappedFile, range: Range<Int>) {
        known = nil
        stored = (file, range)
    }

    var value: ArticleDetails { read { $0 } }

    /// One field, without copying the others (cards read a few fields of thousands of articles).
    func read<Field>(_ field: (ArticleDetails) -> Field) -> Field {
        if let known { return field(known) }
        let lock = LazyLocks.lock(for: self)
        lock.lock()
        defer { lock.unlock() }
        if let loaded { return field(loaded) }
        let details = stored.flatMap { stored in
            var reader = CacheReader(bytes: stored.file.bytes, offset: stored.range.lowerBound)
            return reader.details()
        } ?? ArticleDetails(file: "", title: "", positions: FieldPositions())
        loaded = details
        return field(details)
    }
}

extension Article {
    init(
        file: String, slug: Slug, title: String, date: LocalDateTime, updated: LocalDateTime?, summary: String?, category: String?,
        location: String?, author: String?, source: String?, image: ArticleImage?, directives: [DirectiveCode], themes: [Int],
        draft: Bool, related: [String], body: String, bodyLine: Int, positions: FieldPositions = FieldPositions(), bodyHash: UInt64 = 0
    ) {
        self.init(
            file: file, slug: slug, title: title, date: date, updated: updated, summary: summary, category: category, location: location,
            author: author, source: source, image: image, directives: directives, themes: themes, draft: draft, related: related,
            bodyText: BodyText(body), bodyLine: bodyLine, positions: positions, bodyHash: bodyHash)
    }
}

/// An article body: the text itself, or where its bytes are, read on first use: in the article
/// cache file, or (for a body that is exactly the end of its file, as most are) in the content
/// file itself, so that neither memory nor the cache holds every body of the bulletin.
final class BodyText: @unchecked Sendable {
    enum Place {
        /// `count` bytes at `offset` of an open cache file.
        case cache(MappedFile, offset: Int, count: Int)
        /// The last `count` bytes of the content file at `path`, from `offset`.
        case source(path: String, offset: Int, count: Int)
    }

    private var text: String?
    /// Where the bytes are, when they are read on first use (the article cache says so too).
    let place: Place?

    init(_ text: String) {
        self.text = text
        place = nil
    }

    init(at place: Place) {
        text = nil
        self.place = place
    }

    var value: String {
        let lock = LazyLocks.lock(for: self)
        lock.lock()
        defer { lock.unlock() }
        if let text { return text }
        let loaded = String(decoding: Self.read(place), as: UTF8.self)
        text = loaded
        return loaded
    }

    /// The body as UTF-8, without making a string of it when it is not read yet.
    var utf8: [UInt8] {
        let lock = LazyLocks.lock(for: self)
        lock.lock()
        if let text {
            lock.unlock()
            return Array(text.utf8)
        }
        lock.unlock()
        return Self.read(place)
    }

    /// Where `body` is in the content file at `path` holding `bytes`: when it is exactly the end
    /// of the file (no line endings or Unicode forms changed in reading it).
    static func place(of body: String, endingFile bytes: [UInt8], at path: String) -> Place? {
        var body = body
        return body.withUTF8 { utf8 in
            guard utf8.count <= bytes.count else { return nil }
            let offset = bytes.count - utf8.count
            let same = bytes.withUnsafeBufferPointer { file in utf8.isEmpty || memcmp(file.baseAddress! + offset, utf8.baseAddress!, utf8.count) == 0 }
            return same ? .source(path: path, offset: offset, count: utf8.count) : nil
        }
    }

    /// The bytes at `place`; none when they cannot be read (a content file removed since it was
    /// listed: the next build sees that and reads the article anew).
    private static func read(_ place: Place?) -> [UInt8] {
        switch place {
        case .cache(let file, let offset, let count): return file.read(at: offset, count: count) ?? []
        case .source(let path, let offset, let count): return Directory.contents(of: path, at: offset, count: count) ?? []
        case nil: return []
        }
    }
}

/// Lines and columns of front-matter values that are validated after reading.
public struct FieldPositions: Sendable {
    public var image: SourcePosition?
    public var related: [SourcePosition] = []
    public var directives: [SourcePosition] = []
    public var themes: [SourcePosition] = []
}

/// A central directive (*văn bản*): Kết luận, Chỉ thị, Nghị quyết, Quy định…
public struct Directive: Sendable {
    public var file: String?
    public var code: DirectiveCode
    public var kind: String?
    public var title: String?
    public var issuer: String?
    public var issued: LocalDateTime?
    /// Markdown description.
    public var body: String
}

/// An annual study theme (*chuyên đề năm*).
public struct Theme: Sendable {
    public var file: String?
    public var year: Int
    public var title: String?
    public var body: String
}

/// A value under `params:` in `site.yml`, handed to templates as it is.
public enum ParamValue: Sendable, Equatable {
    case text(String)
    case list([ParamValue])
    case map([String: ParamValue])
}

/// `content/site.yml`.
public struct SiteConfig: Sendable {
    public var title: String = "Bản tin"
    public var description: String = ""
    public var language: String = "vi"
    public var timeZone: SiteTimeZone = .vietnam
    public var baseURL: String?
    public var perPage: Int = 20
    public var unsafeHTML: Bool = false
    public var params: [String: ParamValue] = [:]

    public init() {}
}

/// Everything read from `content/`: typed, normalised, validated.
public struct Catalog: Sendable {
    public var config: SiteConfig
    public var articles: [Article]
    public var directives: [Directive]
    public var themes: [Theme]
    /// Files under `content/` that are not content (images, PDFs), relative paths.
    public var staticFiles: [TreeEntry]
    /// What reading the articles gave, to be saved for the next build (when a cache file was given).
    var articleCache: ArticleCache? = nil
}

import Foundation
