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
        let text = raw.trimmingCharacters(in: .whitespaces)
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
public struct Article: Sendable {
    /// The file, as shown in diagnostics (`content/articles/2023/05/x.md`).
    public var file: String
    public var slug: Slug
    public var title: String
    public var date: LocalDateTime
    public var updated: LocalDateTime?
    public var summary: String?
    public var category: String?
    public var location: String?
    public var author: String?
    public var source: String?
    public var image: ArticleImage?
    public var directives: [DirectiveCode]
    public var themes: [Int]
    public var draft: Bool
    public var related: [String]
    /// The Markdown body, exactly as written after the front matter.
    public var body: String
    /// The line of the file where `body` starts.
    public var bodyLine: Int
    /// Where fields checked against the rest of the site were written, for diagnostics.
    public var positions: FieldPositions = FieldPositions()
    /// A fingerprint of `body`, made once when the file is read (page fingerprints use it).
    public var bodyHash: UInt64 = 0
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
