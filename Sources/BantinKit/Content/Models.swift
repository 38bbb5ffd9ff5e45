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
        var file: String
        var slug: Slug
        var title: String
        var date: LocalDateTime
        var updated: LocalDateTime?
        var summary: String?
        var category: String?
        var location: String?
        var author: String?
        var source: String?
        var image: ArticleImage?
        var directives: [DirectiveCode]
        var themes: [Int]
        var draft: Bool
        var related: [String]
        var bodyText: BodyText
        var bodyLine: Int
        var positions: FieldPositions
        var bodyHash: UInt64
    }

    private final class Storage: @unchecked Sendable {
        var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var storage: Storage

    /// The box, copied first when another article shares it.
    private var unique: Storage {
        mutating get {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
            return storage
        }
    }

    init(
        file: String, slug: Slug, title: String, date: LocalDateTime, updated: LocalDateTime?, summary: String?, category:
        String?, location: String?, author: String?, source: String?, image: ArticleImage?, directives: [DirectiveCode], themes:
        [Int], draft: Bool, related: [String], bodyText: BodyText, bodyLine: Int, positions: FieldPositions = FieldPositions(),
        bodyHash: UInt64 = 0
    ) {
        storage = Storage(
            Fields(
                file: file, slug: slug, title: title, date: date, updated: updated, summary: summary, category: category,
                location: location, author: author, source: source, image: image, directives: directives, themes: themes, draft:
                draft, related: related, bodyText: bodyText, bodyLine: bodyLine, positions: positions, bodyHash: bodyHash))
    }

    /// The file, as shown in diagnostics (`content/articles/2023/05/x.md`).
    public var file: String {
        get { storage.fields.file }
        set { unique.fields.file = newValue }
    }
    public var slug: Slug {
        get { storage.fields.slug }
        set { unique.fields.slug = newValue }
    }
    public var title: String {
        get { storage.fields.title }
        set { unique.fields.title = newValue }
    }
    public var date: LocalDateTime {
        get { storage.fields.date }
        set { unique.fields.date = newValue }
    }
    public var updated: LocalDateTime? {
        get { storage.fields.updated }
        set { unique.fields.updated = newValue }
    }
    public var summary: String? {
        get { storage.fields.summary }
        set { unique.fields.summary = newValue }
    }
    public var category: String? {
        get { storage.fields.category }
        set { unique.fields.category = newValue }
    }
    public var location: String? {
        get { storage.fields.location }
        set { unique.fields.location = newValue }
    }
    public var author: String? {
        get { storage.fields.author }
        set { unique.fields.author = newValue }
    }
    public var source: String? {
        get { storage.fields.source }
        set { unique.fields.source = newValue }
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
        get { storage.fields.positions }
        set { unique.fields.positions = newValue }
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

/// An article body: the text itself, or where the article cache holds it, read on first use.
final class BodyText: @unchecked Sendable {
    private let lock = NSLock()
    private var text: String?
    private let stored: (file: MappedFile, offset: Int, count: Int)?

    init(_ text: String) {
        self.text = text
        stored = nil
    }

    /// `count` bytes of UTF-8 at `offset` of an open cache file.
    init(file: MappedFile, offset: Int, count: Int) {
        text = nil
        stored = (file, offset, count)
    }

    var value: String {
        lock.lock()
        defer { lock.unlock() }
        if let text { return text }
        let loaded = String(decoding: stored.flatMap { $0.file.read(at: $0.offset, count: $0.count) } ?? [], as: UTF8.self)
        text = loaded
        return loaded
    }

    /// The body as UTF-8, without making a string of it when it is still in the cache file.
    var utf8: [UInt8] {
        lock.lock()
        if let text {
            lock.unlock()
            return Array(text.utf8)
        }
        lock.unlock()
        return stored.flatMap { $0.file.read(at: $0.offset, count: $0.count) } ?? []
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
