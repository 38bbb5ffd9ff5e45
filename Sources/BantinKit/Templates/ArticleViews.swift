// View models of what pages show of articles, directives and themes: each model's own fields
// (`TemplateFields`, derived from its declaration) with what a page adds to them (its address,
// its photo, its rendered body, its links). Names a view adds come first; any other name is
// looked up in the fields.

/// A photo as pages show it: for a photo bantin published, its `srcset` lists (`webp`, `jpeg`),
/// the file at the original's path (`url`, and `print`: the widest variant), its `width` and `height`, and whether it is the `first`
/// image of its page (loaded at once, not lazily); for any other file, `url` alone.
final class ImageView: NamedView, Sendable {
    let url: String
    let alt: String
    let caption: String?
    let picture: PictureSources?
    let first: Bool

    convenience init(_ image: ArticleImage, url: String, picture: PictureSources? = nil, first: Bool = false) {
        self.init(url: picture?.src ?? url, alt: image.alt, caption: image.caption, picture: picture, first: first)
    }

    private init(url: String, alt: String, caption: String?, picture: PictureSources?, first: Bool) {
        self.url = url
        self.alt = alt
        self.caption = caption
        self.picture = picture
        self.first = first
    }

    /// The same photo, as the first image of its page.
    func asFirst() -> ImageView {
        ImageView(url: url, alt: alt, caption: caption, picture: picture, first: true)
    }

    enum Name: String, CaseIterable { case url, print, printCopy = "print_copy", alt, caption, first, webp, jpeg, width, height }

    func value(of name: Name) -> TemplateValue? {
        switch name {
        case .url: .text(url)
        // In a `srcset` (print's `<source>`), where a space would end the address.
        case .print: .text(picture == nil ? url : Photo.candidate(url))
        // The widest file for print, before the `<picture>` (`PictureSources.printCopy`); HTML.
        case .printCopy: .text(picture.map { $0.printCopy(alt: alt) } ?? "")
        case .alt: .text(alt)
        case .caption: TemplateValue.nonEmpty(caption)
        case .first: .bool(first)
        // Absent names would be looked up further down the context stack: false, not nil.
        case .webp: picture.map { .text($0.webp) } ?? .bool(false)
        case .jpeg: picture.map { .text($0.jpeg) } ?? .bool(false)
        case .width: picture.map { .text(String($0.width)) } ?? .bool(false)
        case .height: picture.map { .text(String($0.height)) } ?? .bool(false)
        }
    }
}

/// An article in a list: its fields, its address, its photo, and the address of its entry's
/// page in each grouping (`<key>_url`: `category_url`, `location_url`).
final class CardView: NamedView, Sendable {
    let fields: TemplateFields
    let url: String
    let image: ImageView?
    /// By `Taxonomy.rawValue`: the address of the page of the article's entry, if it is in one.
    let entryURLs: [String?]

    init(fields: TemplateFields, url: String, image: ImageView?, entryURLs: [String?]) {
        self.fields = fields
        self.url = url
        self.image = image
        self.entryURLs = entryURLs
    }

    /// The same card, its photo the first image of its page.
    func withFirstImage() -> CardView {
        CardView(fields: fields, url: url, image: image?.asFirst(), entryURLs: entryURLs)
    }

    enum Name: RawRepresentable, CaseIterable {
        case url, image
        /// The address of the page of the article's entry in a grouping (`category_url`).
        case entryURL(Taxonomy)

        static let allCases: [Name] = [.url, .image] + Taxonomy.allCases.map { .entryURL($0) }

        /// `<key>_url` of each grouping, by `Taxonomy.rawValue`: made once, as cards are asked
        /// for their names on every page.
        private static let entryURLNames = Taxonomy.allCases.map { $0.key + "_url" }

        init?(rawValue: String) {
            switch rawValue {
            case "url": self = .url
            case "image": self = .image
            default:
                // Asked for each name a card's template uses, on every page: compared, not searched.
                for taxonomy in Taxonomy.allCases where Self.entryURLNames[taxonomy.rawValue] == rawValue {
                    self = .entryURL(taxonomy)
                    return
                }
                return nil
            }
        }

        var rawValue: String {
            switch self {
            case .url: "url"
            case .image: "image"
            case .entryURL(let taxonomy): Self.entryURLNames[taxonomy.rawValue]
            }
        }
    }

    func value(of name: Name) -> TemplateValue? {
        switch name {
        case .url: .text(url)
        case .image: image.map { .object($0) }
        case .entryURL(let taxonomy): entryURLs[taxonomy.rawValue].map { .text($0) }
        }
    }

    /// Its own names, then the article's fields. Most names a card template asks for are the
    /// fields: its own are told apart by their length first, without comparing text. What an
    /// article's page adds to it (`body`, `related`…) a card is without: those are absent, not
    /// the page's article's.
    func value(named name: String) -> TemplateValue? {
        let length = name.utf8.count
        guard length < 64, Self.nameLengths & 1 << length != 0, let own = Name(rawValue: name) else {
            if let field = fields.value(named: name) { return field }
            return length < 64 && Self.pageNameLengths & 1 << length != 0 && ArticleView.Name(rawValue: name) != nil ? .absent : nil
        }
        return value(of: own) ?? .absent
    }

    /// A bit for each length of its own names, and of the names an article's page adds.
    private static let nameLengths: UInt64 = names.reduce(0) { $0 | 1 << $1.utf8.count }
    private static let pageNameLengths: UInt64 = ArticleView.names.reduce(0) { $0 | 1 << $1.utf8.count }

    /// Whether the article names its author, source or place.
    var hasByline: Bool { has("author") || has("source") || has("location") }
}

/// A directive or theme an article links to: its fields and its page's address.
final class TermLinkView: NamedView, Sendable {
    let fields: TemplateFields
    let url: String

    init(fields: TemplateFields, url: String) {
        self.fields = fields
        self.url = url
    }

    enum Name: String, CaseIterable { case url }

    func value(of name: Name) -> TemplateValue? { .text(url) }

    /// Its address, then the directive's or theme's fields.
    func value(named name: String) -> TemplateValue? {
        name == Name.url.rawValue ? .text(url) : fields.value(named: name)
    }
}

/// The article of an article page.
final class ArticleView: NamedView, @unchecked Sendable {
    let card: CardView
    /// The Markdown body's HTML, as cmark-gfm wrote it (UTF-8).
    let body: [UInt8]
    let directives: [TermLinkView]
    let themes: [TermLinkView]
    let related: [CardView]

    init(card: CardView, body: [UInt8], directives: [TermLinkView], themes: [TermLinkView], related: [CardView]) {
        self.card = card
        self.body = body
        self.directives = directives
        self.themes = themes
        self.related = related
    }

    enum Name: String, CaseIterable { case body, byline, directives, themes, related, hasTerms = "has_terms", hasRelated = "has_related" }

    func value(of name: Name) -> TemplateValue? {
        switch name {
        case .body: .utf8(body)
        case .byline: .bool(card.hasByline)
        case .directives: TemplateValue.nonEmpty(directives)
        case .themes: TemplateValue.nonEmpty(themes)
        case .hasTerms: .bool(!directives.isEmpty || !themes.isEmpty)
        case .related: TemplateValue.nonEmpty(related)
        case .hasRelated: .bool(!related.isEmpty)
        }
    }

    /// Its own names, then its card's.
    func value(named name: String) -> TemplateValue? {
        ownValue(named: name) ?? card.value(named: name)
    }
}
