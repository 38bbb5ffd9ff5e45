import Foundation

/// Front matter fields of an article, in the order the authoring guide lists them.
let articleKeys = [
    "title", "date", "updated", "summary", "category", "location", "author", "source", "image", "image_alt",
    "image_caption", "directives", "themes", "slug", "draft", "related",
]

/// Turns one article file's text into an `Article`, or diagnostics.
enum ArticleReader {
    static func read(text: String, file: String, zone: SiteTimeZone) -> (Article?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let split: SplitSource
        switch FrontMatterSplitter.split(text, path: file) {
        case .success(let s): split = s
        case .failure(let d): return (nil, [d])
        }
        guard var fields = FieldReader(yaml: split.yaml, path: file, firstLine: split.yamlLine, diagnostics: &diagnostics) else {
            return (nil, diagnostics)
        }
        let title = fields.required("title", what: "every article needs a title, e.g. `title: \"Học và làm theo Bác…\"`")
        let date = readDate(&fields, key: "date", zone: zone, required: true)
        let updated = readDate(&fields, key: "updated", zone: zone, required: false)
        let summary = fields.string("summary")
        let category = fields.string("category")
        let location = fields.string("location")
        let author = fields.string("author")
        let source = fields.string("source")
        let imagePath = fields.string("image")
        let imageAlt = fields.string("image_alt")
        let imageCaption = fields.string("image_caption")
        let draft = fields.bool("draft") ?? false
        let relatedItems = fields.list("related")
        var positions = FieldPositions()
        positions.related = relatedItems.map(\.at)
        positions.image = fields.value("image")?.position

        var directives: [DirectiveCode] = []
        for item in fields.list("directives") {
            if let code = DirectiveCode(item.text) {
                if !directives.contains(code) {
                    directives.append(code)
                    positions.directives.append(item.at)
                }
            } else {
                diagnostics.append(
                    item.at.diagnostic(.error, file, "`\(item.text)` is not a directive code; write codes like `01-KL/TW` or `05-CT/TW`, as a list: `directives: [\"01-KL/TW\"]`"))
            }
        }
        var themes: [Int] = []
        for item in fields.list("themes") {
            if let year = Int(item.text), (1900...2200).contains(year) {
                if !themes.contains(year) {
                    themes.append(year)
                    positions.themes.append(item.at)
                }
            } else {
                diagnostics.append(item.at.diagnostic(.error, file, "`\(item.text)` is not a theme year; write years as numbers: `themes: [2023]`"))
            }
        }

        var slug: Slug? = nil
        if let override = fields.string("slug") {
            if Slug.isValid(override) {
                slug = Slug(from: override)
            } else {
                let at = fields.position(of: "slug")
                diagnostics.append(
                    at.diagnostic(.error, file, "slug `\(override)` may only hold lower-case letters a–z, digits and single hyphens (e.g. `\(Slug(from: override)?.value ?? "tin-moi")`)"))
            }
        } else if let title {
            slug = Slug(from: title)
            if slug == nil {
                diagnostics.append(.error(file, line: split.yamlLine, "the title gives no usable slug; add `slug:` with lower-case letters, digits and hyphens"))
            }
        }

        var image: ArticleImage? = nil
        if let imagePath {
            if let imageAlt {
                image = ArticleImage(path: imagePath, alt: imageAlt, caption: imageCaption)
            } else {
                let at = fields.position(of: "image")
                diagnostics.append(at.diagnostic(.error, file, "`image` needs `image_alt`: a short description of the photo for readers who cannot see it"))
            }
        }

        fields.warnUnknownKeys(known: articleKeys)
        diagnostics += fields.diagnostics
        guard let title, let date, let slug, !diagnostics.hasErrors else { return (nil, diagnostics) }
        var article = Article(
            file: file, slug: slug, title: title, date: date, updated: updated, summary: summary, category: category,
            location: location, author: author, source: source, image: image, directives: directives, themes: themes,
            draft: draft, related: relatedItems.map(\.text), body: split.body, bodyLine: split.bodyLine, positions: positions)
        var hasher = FNV1a()
        hasher.add(split.body)
        article.bodyHash = hasher.value
        return (article, diagnostics)
    }

    static func readDate(_ fields: inout FieldReader, key: String, zone: SiteTimeZone, required: Bool) -> LocalDateTime? {
        let raw = required ? fields.required(key, what: "write the publication time, e.g. `date: 2023-05-09T17:00:00+07:00`") : fields.string(key)
        guard let raw else { return nil }
        if let date = DateParser.parse(raw, in: zone) { return date }
        let at = fields.position(of: key)
        fields.diagnostics.append(
            at.diagnostic(.error, fields.path, "`\(key)` is not a valid date: `\(raw)`; write `2023-05-09`, `2023-05-09 17:00` or `2023-05-09T17:00:00+07:00`"))
        return nil
    }
}

/// Reads `content/directives/*.md` and `content/themes/*.md`.
enum TermReader {
    static func directive(text: String, file: String, zone: SiteTimeZone) -> (Directive?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        guard let split = FrontMatterSplitter.split(text, path: file, into: &diagnostics),
            var fields = FieldReader(yaml: split.yaml, path: file, firstLine: split.yamlLine, diagnostics: &diagnostics)
        else { return (nil, diagnostics) }
        var code: DirectiveCode? = nil
        if let raw = fields.required("code", what: "a directive file needs its code, e.g. `code: 01-KL/TW`") {
            code = DirectiveCode(raw)
            if code == nil {
                let at = fields.position(of: "code")
                diagnostics.append(at.diagnostic(.error, file, "`\(raw)` is not a directive code; write it like `01-KL/TW`"))
            }
        }
        let kind = fields.string("kind")
        let title = fields.string("title")
        let issuer = fields.string("issuer")
        let issued = ArticleReader.readDate(&fields, key: "issued", zone: zone, required: false)
        fields.warnUnknownKeys(known: ["code", "kind", "title", "issuer", "issued"])
        diagnostics += fields.diagnostics
        guard let code, !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (Directive(file: file, code: code, kind: kind, title: title, issuer: issuer, issued: issued, body: split.body), diagnostics)
    }

    static func theme(text: String, file: String) -> (Theme?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        guard let split = FrontMatterSplitter.split(text, path: file, into: &diagnostics),
            var fields = FieldReader(yaml: split.yaml, path: file, firstLine: split.yamlLine, diagnostics: &diagnostics)
        else { return (nil, diagnostics) }
        var year: Int? = nil
        if fields.value("year") == nil {
            diagnostics.append(.error(file, line: split.yamlLine, column: 1, "missing `year`: a theme file needs its year, e.g. `year: 2023`"))
        } else {
            year = fields.integer("year", in: 1900...2200)
        }
        let title = fields.string("title")
        fields.warnUnknownKeys(known: ["year", "title"])
        diagnostics += fields.diagnostics
        guard let year, !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (Theme(file: file, year: year, title: title, body: split.body), diagnostics)
    }
}
