// View models of what pages show of articles, directives and themes: each model's own fields
// (`TemplateFields`, derived from its declaration) with what a page adds to them (its address,
// its photo, its rendered body, its links). Names a view adds come first; any other name is
// looked up in the fields.

/// A photo as pages show it.
final class ImageView: TemplateObject, Sendable {
    let url: String
    let alt: String
    let caption: String?

    init(_ image: ArticleImage, url: String) {
        self.url = url
        alt = image.alt
        caption = image.caption
    }

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "url": .text(url)
        case "alt": .text(alt)
        case "caption": TemplateValue.nonEmpty(caption)
        default: nil
        }
    }
}

/// An article in a list: its fields, its address, its photo, and the addresses of its
/// category's and place's pages (`category_url`, `location_url`).
final class CardView: TemplateObject, Sendable {
    let fields: TemplateFields
    let url: String
    let image: ImageView?
    let categoryURL: String?
    let locationURL: String?

    init(fields: TemplateFields, url: String, image: ImageView?, categoryURL: String? = nil, locationURL: String? = nil) {
        self.fields = fields
        self.url = url
        self.image = image
        self.categoryURL = categoryURL
        self.locationURL = locationURL
    }

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "url": .text(url)
        case "image": image.map { .object($0) }
        case "category_url": categoryURL.map { .text($0) }
        case "location_url": locationURL.map { .text($0) }
        default: fields.value(named: name)
        }
    }
}

/// A directive or theme an article links to: its fields and its page's address.
final class TermLinkView: TemplateObject, Sendable {
    let fields: TemplateFields
    let url: String

    init(fields: TemplateFields, url: String) {
        self.fields = fields
        self.url = url
    }

    func value(named name: String) -> TemplateValue? {
        name == "url" ? .text(url) : fields.value(named: name)
    }
}

/// The article of an article page.
final class ArticleView: TemplateObject, @unchecked Sendable {
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

    func value(named name: String) -> TemplateValue? {
        switch name {
        case "body": .utf8(body)
        case "byline": .bool(card.value(named: "author") != nil || card.value(named: "source") != nil || card.value(named: "location") != nil)
        case "directives": TemplateValue.nonEmpty(directives)
        case "themes": TemplateValue.nonEmpty(themes)
        case "has_terms": .bool(!directives.isEmpty || !themes.isEmpty)
        case "related": TemplateValue.nonEmpty(related)
        case "has_related": .bool(!related.isEmpty)
        default: card.value(named: name)
        }
    }
}
