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

    /// A code written all in lower case (`35-nq/tw`) is shown in capitals (`35-NQ/TW`), as every
    /// code is written; one with a capital is kept as written (`08-QĐi/TW`).
    /// The dashes and invisible characters a word processor puts into a code (`01–KL/TW`, an
    /// en dash for the hyphen) are read as it means them, and `/TƯ` (Trung ương, which many type
    /// for `/TW`) as `/TW`: never the `/TU` of a provincial committee (Tỉnh ủy), whose address
    /// it would otherwise share.
    public init?(_ raw: String) {
        var text = raw.trimmingSpaces
        if !text.utf8.allSatisfy({ $0 < 0x80 }) {
            text = Self.asTyped(text)
            // In the case it is typed in: `12-nq/tư` is shown `12-NQ/TW`, as `12-nq/tw` is.
            // `TW` whichever of its letters was typed a capital (`12-NQ/Tư` is `12-NQ/TW`, not `Tw`).
            if Self.endsWithTƯ(text) { text = String(text.dropLast(2)) + (text.suffix(2).contains(where: \.isUppercase) ? "TW" : "tw") }
        }
        guard Self.isASCIICode(text) ?? Self.isCode(text), let slug = Slug(from: Self.numberedAsOne(text)) else { return nil }
        self.text = Self.hasCapital(text) ? text : text.uppercased()
        self.slug = slug
    }

    /// `text` with its number written as codes write it: two digits at least, no other leading
    /// zero (`1-KL/TW` and `001-KL/TW` are `01-KL/TW`, one document with one address).
    static func numberedAsOne(_ text: String) -> String {
        let digits = text.utf8.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        let significant = digits.drop { $0 == UInt8(ascii: "0") }
        guard digits.count != max(significant.count, 2) else { return text }
        return String(repeating: "0", count: max(0, 2 - significant.count)) + String(decoding: significant, as: UTF8.self) + text.dropFirst(digits.count)
    }

    /// Its number as either spelling writes it, `01 1` for `01-KL/TW` or `1-KL/TW` (one document):
    /// searched with the code, so that either finds the other.
    var numberSpellings: String {
        let digits = slug.value.prefix { $0.isASCII && $0.isNumber }
        let significant = digits.drop { $0 == "0" }
        return significant.count == digits.count ? String(digits) : "\(digits) \(significant.isEmpty ? "0" : significant)"
    }

    /// Whether `text` ends in `/TƯ`, in any case (composed: the content is read so).
    static func endsWithTƯ(_ text: String) -> Bool {
        text.hasSuffix("/TƯ") || text.hasSuffix("/tư") || text.hasSuffix("/Tư") || text.hasSuffix("/tƯ")
    }

    /// `text` with a word processor's dashes as hyphens and its invisible characters (zero-width
    /// spaces and joiners, soft hyphens, no-break spaces at either end) left out.
    private static func asTyped(_ text: String) -> String {
        LookAlikes.typed(text).trimmingCharacters(in: .whitespaces)
    }

    /// Whether `stem` is what a code's address looks like (`05-ct-tw`, `08-qdi-tw`: a number, then
    /// two short groups of lower-case letters), not a name of words (`35-nq-tw-moi`) or a year's
    /// (`2016-chi-thi`).
    static func isSlugOfACode(_ stem: String) -> Bool {
        let parts = stem.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, (1...4).contains(parts[0].count), parts[0].allSatisfy({ $0.isASCII && $0.isNumber }), !(1900...2100).contains(Int(parts[0]) ?? 0)
        else { return false }
        return parts.dropFirst().allSatisfy { (1...6).contains($0.count) && $0.allSatisfy { $0.isASCII && $0.isLowercase } }
    }

    /// Whether `text` has a capital letter: an ASCII one found on its bytes (nearly every code).
    private static func hasCapital(_ text: String) -> Bool {
        var ascii = true
        for byte in text.utf8 {
            if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { return true }
            if byte >= 0x80 { ascii = false }
        }
        return !ascii && text.contains(where: \.isUppercase)
    }

    /// `number-KIND/ISSUER…` (SPEC: `<number>-<KIND>/<ISSUER>`, two groups at least), letters in
    /// any script; a group with capitals holds no lower-case letter with a mark but `đ` and `ư`
    /// (`QĐi`, `BTGTư`): a Vietnamese word typed on without a space (`21-KL/TWđã`) is no part of a code.
    private static func isCode(_ text: String) -> Bool {
        let parts = text.split(separator: "-", maxSplits: 1)
        guard parts.count == 2, let first = parts.first, !first.isEmpty, first.allSatisfy(\.isASCII), first.allSatisfy(\.isNumber),
            let rest = parts.last, !rest.isEmpty, !rest.contains(where: \.isWhitespace)
        else { return false }
        let groups = rest.split(separator: "/", omittingEmptySubsequences: false)
        return groups.count >= 2 && groups.allSatisfy { group in
            guard !group.isEmpty, group.allSatisfy(\.isLetter) else { return false }
            return !group.contains(where: \.isUppercase) || group.allSatisfy { !$0.isLowercase || $0.isASCII || "đư".contains($0) }
        }
    }

    /// `isCode` for ASCII text, on its bytes (most codes: `05-CT/TW`); `nil` for any other text.
    private static func isASCIICode(_ text: String) -> Bool? {
        let bytes = text.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        let isLetter = { (byte: UInt8) in (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        guard let dash = bytes.firstIndex(of: UInt8(ascii: "-")), dash != bytes.startIndex, bytes[..<dash].allSatisfy(isDigit) else { return false }
        let rest = bytes[bytes.index(after: dash)...]
        let groups = rest.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        return groups.count >= 2 && groups.allSatisfy { !$0.isEmpty && $0.allSatisfy(isLetter) }
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

/// One news article: its front matter (`fields`, read as `article.title`, `article.summary`…),
/// what was derived from it, and its body. Immutable and shared: tens of thousands pass through
/// sorting, grouping and page building, each copy one reference.
@dynamicMemberLookup
public final class Article: Sendable {
    /// The file, as shown in diagnostics (`content/articles/2023/05/x.md`).
    public let file: String
    public let fields: ArticleFields
    /// From `slug:` or the title.
    public let slug: Slug
    /// The Markdown body, exactly as written after the front matter (read on first use).
    let bodyText: BodyText
    /// The line of the file where the body starts.
    public let bodyLine: Int
    /// Where each front-matter value was written, for diagnostics.
    public let positions: FieldPositions
    /// A fingerprint of the body, made once when the file is read.
    public let bodyHash: UInt64
    /// `fields` in `BinaryCoding`'s form, made once: what the article cache stores and `cardHash` hashes.
    let encodedFields: [UInt8]
    /// A fingerprint of every field and the slug: what the article adds to the fingerprint of a
    /// page that shows it without its body. Derived from `ArticleFields`' encoding, so no field is forgotten.
    public let cardHash: UInt64
    /// The body's links to files and headings, and its mentions of codes `directives` lacks.
    public let references: BodyReferences

    /// `encodedFields`: `fields` already encoded (read from the article cache).
    init(
        file: String, fields: ArticleFields, slug: Slug, bodyText: BodyText, bodyLine: Int, positions: FieldPositions = FieldPositions(),
        bodyHash: UInt64, encodedFields: [UInt8]? = nil, references: BodyReferences = .none
    ) {
        self.file = file
        self.fields = fields
        self.slug = slug
        self.bodyText = bodyText
        self.bodyLine = bodyLine
        self.positions = positions
        self.bodyHash = bodyHash
        self.references = references
        let encoded = encodedFields ?? BinaryCoding.encode(fields)
        self.encodedFields = encoded
        cardHash = Self.cardHash(encoded, slug: slug)
    }

    /// An article from its front matter and body (tests, and anything made in memory).
    public convenience init(file: String, fields: ArticleFields, slug: Slug, body: String, bodyLine: Int = 1) {
        var hasher = StableHasher()
        hasher.add(body)
        self.init(file: file, fields: fields, slug: slug, bodyText: BodyText(body), bodyLine: bodyLine, bodyHash: hasher.value)
    }

    static func cardHash(_ fields: ArticleFields, slug: Slug) -> UInt64 { cardHash(BinaryCoding.encode(fields), slug: slug) }

    private static func cardHash(_ encodedFields: [UInt8], slug: Slug) -> UInt64 {
        var hasher = StableHasher()
        hasher.add(slug.value)
        encodedFields.withUnsafeBytes { hasher.add(bytes: $0) }
        return hasher.value
    }

    public subscript<Value>(dynamicMember field: KeyPath<ArticleFields, Value>) -> Value { fields[keyPath: field] }

    /// The photo, when `image` is given (the reader requires `image_alt` with it).
    public var image: ArticleImage? {
        guard let path = fields.image, let alt = fields.imageAlt else { return nil }
        return ArticleImage(path: path, alt: alt, caption: fields.imageCaption)
    }

    /// The Markdown body, exactly as written after the front matter.
    public var body: String { bodyText.value }

    /// Where old address `number` of `aliases` is written (the file's start when unknown).
    func position(ofAlias number: Int) -> SourcePosition { positions.item("aliases", number) ?? SourcePosition(line: 1, column: 1) }

    /// The same article, its body read from `place` when a page needs it (`holding`: the bytes
    /// just read there, kept for the search index: `BodyText.readOnce`).
    func with(bodyAt place: BodyText.Place, holding bytes: BodyStore.Kept? = nil) -> Article {
        Article(
            file: file, fields: fields, slug: slug, bodyText: BodyText(at: place, holding: bytes), bodyLine: bodyLine, positions: positions,
            bodyHash: bodyHash, encodedFields: encodedFields, references: references)
    }

    /// The same article citing `directives` (spelt as their files spell them).
    func with(directives: [DirectiveCode]) -> Article {
        var fields = fields
        fields.directives = directives
        return Article(
            file: file, fields: fields, slug: slug, bodyText: bodyText, bodyLine: bodyLine, positions: positions, bodyHash: bodyHash,
            references: references)
    }
}

/// A central directive (*văn bản*): Kết luận, Chỉ thị, Nghị quyết, Quy định…
@dynamicMemberLookup
public struct Directive: Sendable {
    /// `nil` for a directive that articles cite but no file describes.
    public var file: String?
    public var fields: DirectiveFields
    /// Markdown description.
    public var body: String
    /// The line of the file where `body` starts.
    public var bodyLine = 1
    /// Where each field is written in `file`.
    public var positions = FieldPositions()

    public subscript<Value>(dynamicMember field: KeyPath<DirectiveFields, Value>) -> Value { fields[keyPath: field] }

    /// What pages and feeds call it: its kind and code (`Nghị quyết 35-NQ/TW`); its code alone
    /// when no kind is known (`DirectiveKind`).
    var name: String { [fields.kind, fields.code.text].compactMap { $0 }.joined(separator: " ") }

    /// A directive known only by its code.
    init(citing code: DirectiveCode) {
        var fields = DirectiveFields()
        fields.code = code
        self.init(file: nil, fields: fields, body: "")
    }

    init(file: String?, fields: DirectiveFields, body: String, bodyLine: Int = 1) {
        self.file = file
        self.fields = fields
        self.body = body
        self.bodyLine = bodyLine
    }
}

/// An annual study theme (*chuyên đề năm*).
@dynamicMemberLookup
public struct Theme: Sendable {
    public var file: String?
    public var fields: ThemeFields
    public var body: String
    /// The line of the file where `body` starts.
    public var bodyLine = 1

    public subscript<Value>(dynamicMember field: KeyPath<ThemeFields, Value>) -> Value { fields[keyPath: field] }

    /// What every page, feed and search record calls a year's theme: `Chuyên đề năm 2023`.
    static func name(_ year: Int) -> String { "Chuyên đề năm \(year)" }
}

/// A directive or a theme: what makes two files describe the same one.
protocol IdentifiedTerm {
    associatedtype Identity: Equatable & CustomStringConvertible
    var identity: Identity { get }
    var file: String? { get }
    /// The name of the file it is expected in (`05-ct-tw.md`, `2023.md`).
    var fileName: String { get }
    /// What the messages call it.
    static var noun: String { get }
}

extension Directive: IdentifiedTerm {
    var identity: DirectiveCode { fields.code }
    var fileName: String { fields.code.slug.value + ".md" }
    static let noun = "directive"
}

extension Theme: IdentifiedTerm {
    var identity: Int { fields.year }
    var fileName: String { "\(fields.year).md" }
    static let noun = "theme"
}

/// Everything read from `content/`: typed, normalised, validated.
public struct Catalog: Sendable {
    public var config: SiteConfig
    public var articles: [Article]
    public var directives: [Directive]
    public var themes: [Theme]
    /// Files under `content/` that are not content (images, PDFs), relative paths.
    public var staticFiles: [TreeEntry]
    /// The articles dated after "now": left out (and counted), or published early with `--future`.
    public var schedule = PublicationSchedule()
    /// The articles left out until their date: checked all the same (a photo they show, …).
    public var waiting: [Article] = []
    /// Where the links of each body lead (`BodyLinkResolver`).
    public var links: BodyLinkMap = [:]
    /// The links by a full address of each text published or scheduled (`BodyReferences.remote`, no images), by
    /// its file: those to the site's own base URL are checked once the site is planned (`OwnSiteLinks`).
    public var addressLinks: [String: [BodyLink]] = [:]
    /// Files of `staticFiles` that only articles still waiting use: not published yet
    /// (`PublicationSchedule.filesWaiting`).
    public var waitingFiles: Set<String> = []
}

extension Article {
    /// Whether `a` comes before `b` in the site's order: newest first, then by slug.
    static func inSiteOrder(_ a: Article, _ b: Article) -> Bool {
        let x = a.date.instant, y = b.date.instant
        return x != y ? x > y : a.slug < b.slug
    }
}
