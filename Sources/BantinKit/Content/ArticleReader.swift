import Foundation

/// Turns one article file's text into an `Article`, or diagnostics. A file whose front matter
/// has errors is checked all the same (its body's links and, when its slug could be made, the
/// article as far as it was read, by the caller: `rejected`; its mentions of directives, when
/// `directives` itself is sound), so that one build reports every problem of the file.
enum ArticleReader {
    /// What is still checked of a file that gives no article: its body's links (resolved with
    /// the others') and the article as far as it was read (for the checks that need the whole
    /// catalog: a slug another article has, a photo or related article that does not exist, a
    /// theme year with no file), so that one build reports every problem of the file.
    struct Rejected {
        var file: String
        /// Its links by file, and by address (`https://…`, checked when the address is the site's
        /// own: `addresses(unsafeHTML:)`).
        var links: [BodyLink]
        private var references: BodyReferences
        var article: Article?

        init(file: String, references: BodyReferences?, article: Article?) {
            self.file = file
            links = references?.links ?? []
            self.references = references ?? .none
            self.article = article
        }

        func addresses(unsafeHTML: Bool) -> [BodyLink] { references.addressLinks(unsafeHTML: unsafeHTML) }

        /// Whether anything of it is left to check.
        var isEmpty: Bool { links.isEmpty && addresses(unsafeHTML: true).isEmpty && article == nil }
    }

    /// The front-matter keys of an article, found once.
    static let articleFieldNames = Set(FieldDefaults.names(of: ArticleFields.self))

    /// Whether a name has a tab or two spaces together (read byte by byte: Foundation's search
    /// bridged every name to UTF-16).
    private static func hasSpacesToJoin(_ name: String) -> Bool {
        var afterSpace = false
        for byte in name.utf8 {
            if byte == UInt8(ascii: "\t") || (byte == UInt8(ascii: " ") && afterSpace) { return true }
            afterSpace = byte == UInt8(ascii: " ")
        }
        return false
    }

    /// Hugo's page of a section's list (`_index.md`), which is no article: its error, read no further.
    static func listPage(_ file: String) -> Diagnostic? {
        guard let name = file.split(separator: "/").last, ["_index.md", "_index.markdown"].contains(name.lowercased()) else { return nil }
        return .error(file, line: 1, column: 1, "`\(name)` is Hugo's page of a section's list, not an article: bantin makes its lists itself; delete it (or, to publish its text as an article, rename it and give it a `date:`)")
    }

    /// A text in Jekyll's folder of posts not published (`_drafts/`), which bantin would publish
    /// unless it is marked a draft.
    /// `path`: the file's path under the content folder (the folders above it say nothing).
    static func otherGeneratorsFiles(_ file: String, path: String, draft: Bool) -> [Diagnostic] {
        if !draft, path.split(separator: "/").dropLast().contains("_drafts") {
            return [.error(file, line: 1, column: 1, "this text is in `_drafts/`, Jekyll's folder of posts not published, which bantin publishes as any other: write `draft: true` in its front matter to keep it out (or move it out of `_drafts/` to publish it)")]
        }
        return []
    }

    /// `path`: the file's path under the content folder, when it is not `file`'s.
    static func read(text: String, file: String, path: String? = nil, zone: SiteTimeZone) -> (article: Article?, diagnostics: [Diagnostic], rejected: Rejected?) {
        if let listPage = listPage(file) { return (nil, [listPage], Rejected(file: file, references: nil, article: nil)) }
        let split: SplitSource
        switch FrontMatterSplitter.split(text, path: file) {
        case .success(let source): split = source
        case .failure(let problem): return (nil, [problem], nil)
        }
        var diagnostics: [Diagnostic] = []
        // A body that would blow up is not parsed: its error is all that is told of it.
        let blowUp = BodyScan.blowUp(in: split.body, bodyLine: split.bodyLine, file: file)
        diagnostics += [blowUp].compactMap { $0 }
        guard let reader = FieldReader(yaml: split.yaml, path: file, firstLine: split.yamlLine, diagnostics: &diagnostics) else {
            return (nil, diagnostics, Rejected(file: file, references: blowUp == nil ? BodyScan.links(of: split.body, bodyLine: split.bodyLine) : nil, article: nil))
        }
        var decoded = FieldDecoding.decode(ArticleFields.self, from: reader, zone: zone)
        diagnostics += decoded.diagnostics
        ArticleChecks.dropRepeatedTerms(&decoded.fields, positions: &decoded.positions)
        // A category or place is one name however many spaces were typed between its words
        // (`Hà  Nội` is `Hà Nội`): each spelling counts when the page's name is chosen.
        for key in Taxonomy.allCases.map(\.field) {
            if let name = decoded.fields[keyPath: key], Self.hasSpacesToJoin(name) {
                decoded.fields[keyPath: key] = name.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            }
        }
        decoded.fields.image = decoded.fields.image.map(ContentPath.fromContent)
        diagnostics += Self.otherGeneratorsFiles(file, path: path ?? file, draft: decoded.fields.draft)
        var problems = ArticleChecks(file: file, positions: decoded.positions)
        problems.checkThemeYears(decoded.fields)
        problems.checkImage(decoded.fields, altWritten: reader.value("image_alt")?.position)
        problems.checkPageNames(decoded.fields)
        problems.checkUpdated(&decoded.fields)
        let slug = problems.slug(of: decoded.fields, headerLine: split.yamlLine)
        diagnostics += problems.diagnostics
        // No text and no photo (an editor's `<!-- dán nội dung vào đây -->` left as it was): told,
        // as a body left empty by HTML the page does not show is.
        if decoded.fields.image == nil, BodyScan.isEmpty(split.body) {
            diagnostics.append(.warning(file, line: split.bodyLine, column: 1,
                "the article has no text under its front matter (only blank lines or HTML comments): its page shows just the title and sapo; write the text under the closing `---`"))
        }
        let references = blowUp == nil ? BodyScan.references(of: split.body, listed: decoded.fields.directives, bodyLine: split.bodyLine) : .none
        diagnostics += BodyScan.unlinkedProblems(references, file: file)
        diagnostics += BodyScan.lostText(references, file: file)
        diagnostics += BodyScan.titleHeadings(in: split.body, bodyLine: split.bodyLine, file: file)
        diagnostics += ForeignMarkup.warnings(in: split.body, bodyLine: split.bodyLine, file: file)
        diagnostics += [LegacyVietnamese.warning(inStartOf: split.body, bodyLine: split.bodyLine, file: file)].compactMap { $0 }
        if let second = BodyScan.secondFrontMatter(in: split.body, bodyLine: split.bodyLine, file: file, fields: Self.articleFieldNames) {
            diagnostics.append(second)
        }
        if let field = BodyScan.fieldUnderFrontMatter(in: split.body, bodyLine: split.bodyLine, file: file, fields: Self.articleFieldNames) {
            diagnostics.append(field)
        }
        func article(_ slug: Slug, fields: ArticleFields) -> Article {
            var hasher = StableHasher()
            hasher.add(split.body)
            return Article(
                file: file, fields: fields, slug: slug, bodyText: BodyText(split.body), bodyLine: split.bodyLine,
                positions: decoded.positions, bodyHash: hasher.value, references: references)
        }
        guard let slug, !diagnostics.hasErrors else {
            let sound = { (key: String) in ArticleChecks.listIsSound(key, positions: decoded.positions, diagnostics: diagnostics) }
            if sound("directives") {
                diagnostics += BodyScan.mentionWarnings(references, listed: decoded.fields.directives, file: file)
            }
            // Checked further only where it read well: a field already told wrong is not told again.
            var fields = decoded.fields
            if !sound("directives") { fields.directives = [] }
            if !sound("themes") { fields.themes = [] }
            if !sound("related") { fields.related = [] }
            if !sound("image") { fields.image = nil }
            return (nil, diagnostics, Rejected(file: file, references: references, article: slug.map { article($0, fields: fields) }))
        }
        diagnostics += BodyScan.mentionWarnings(references, listed: decoded.fields.directives, file: file)
        return (article(slug, fields: decoded.fields), diagnostics, nil)
    }
}

/// What an article's fields must satisfy together, beyond each value's own type.
struct ArticleChecks {
    let file: String
    var positions: FieldPositions
    var diagnostics: [Diagnostic] = []

    private mutating func error(_ message: String, at position: SourcePosition?) {
        diagnostics.append((position ?? SourcePosition(line: 1, column: 1)).diagnostic(.error, file, message))
    }

    /// Whether the list `key` was read without an error: none of `diagnostics`' errors is at its
    /// lines (from the key's value to its last item). An absent list is sound.
    static func listIsSound(_ key: String, positions: FieldPositions, diagnostics: [Diagnostic]) -> Bool {
        guard let lines = positions.lines(of: key) else { return true }
        return !diagnostics.contains { $0.severity == .error && lines.contains($0.line) }
    }

    /// A directive or theme listed twice counts once (with the position of its first mention).
    static func dropRepeatedTerms(_ fields: inout ArticleFields, positions: inout FieldPositions) {
        func unique<T: Hashable>(_ items: [T], key: String) -> [T] {
            // Nearly always none is repeated: then the positions are left as they are.
            guard Set(items).count != items.count else { return items }
            var seen: Set<T> = []
            var kept: [T] = []
            var places: [SourcePosition] = []
            for (index, item) in items.enumerated() where seen.insert(item).inserted {
                kept.append(item)
                if let at = positions.item(key, index) { places.append(at) }
            }
            if kept.count != items.count, let at = positions.of(key) { positions.record(key, at: at, items: places) }
            return kept
        }
        fields.directives = unique(fields.directives, key: "directives")
        fields.themes = unique(fields.themes, key: "themes")
    }

    mutating func checkThemeYears(_ fields: ArticleFields) {
        for (index, year) in fields.themes.enumerated() where !themeYears.contains(year) {
            error("`\(year)` is not a theme year: write a year from \(themeYears.lowerBound) to \(themeYears.upperBound), e.g. `themes: [2023]`", at: positions.item("themes", index))
        }
    }

    /// `altWritten`: where `image_alt` is written, even empty.
    mutating func checkImage(_ fields: ArticleFields, altWritten: SourcePosition? = nil) {
        // Characters that show as nothing or as spaces alone (a zero-width space pasted to fill
        // the field) are no description: a screen reader reads nothing.
        let shown = fields.imageAlt.map { !$0.unicodeScalars.allSatisfy { LookAlikes.showsAsNothingOrSpace($0) || $0.properties.isWhitespace } } ?? false
        if fields.image != nil && !shown {
            if let empty = altWritten {
                let what = fields.imageAlt == nil ? "is empty" : "shows nothing (its characters show as nothing or as spaces)"
                error("`image_alt` \(what): write a short description of the photo for readers who cannot see it", at: empty)
            } else {
                error("`image` needs `image_alt`: a short description of the photo for readers who cannot see it", at: positions.of("image"))
            }
        }
        if fields.image != nil, let alt = fields.imageAlt, PhotoNaming.isFileName(alt: alt) {
            let at = altWritten ?? positions.of("image_alt") ?? SourcePosition(line: 1, column: 1)
            diagnostics.append(at.diagnostic(.warning, file, "`image_alt` `\(alt)` is a file's name, which a screen reader reads out as it is: write what the photo shows, e.g. `image_alt: \"Quang cảnh hội nghị\"`"))
        }
        for (key, value) in [("image_caption", fields.imageCaption), ("image_alt", fields.imageAlt)] where fields.image == nil && value != nil {
            let at = positions.of(key) ?? SourcePosition(line: 1, column: 1)
            diagnostics.append(at.diagnostic(.warning, file, "`\(key)` is shown only with a photo: add `image:` (the photo's path under content/), or remove it"))
        }
    }

    /// `updated` before `date` (a day's date written for a change that day, when the article was
    /// published at 10:00) says the article changed before it was published: a warning, and the
    /// article is taken as unchanged since `date` (feeds, sitemap and search engines are not told
    /// it was modified before it was published).
    mutating func checkUpdated(_ fields: inout ArticleFields) {
        guard let updated = fields.updated, updated < fields.date else { return }
        let at = positions.of("updated") ?? SourcePosition(line: 1, column: 1)
        diagnostics.append(at.diagnostic(.warning, file,
            "`updated` (\(updated.iso8601)) is before `date` (\(fields.date.iso8601)): an article is updated after it is published; write the time of the change too, or leave `updated` out (it is read as `date`)"))
        fields.updated = nil
    }

    /// A category or place has a page of its own, whose address is made from its name.
    mutating func checkPageNames(_ fields: ArticleFields) {
        for taxonomy in Taxonomy.allCases {
            let key = taxonomy.key
            guard let name = fields[keyPath: taxonomy.field], !name.isEmpty else { continue }
            guard let slug = Slug(from: name) else {
                error(Slug.hasLettersOrDigits(name)
                    ? "`\(key)` `\(name)` has no Latin letters (Vietnamese ones too) or digits to make its page's address from; write its name in Vietnamese or in Latin letters, alone or beside this one (`Tên tiếng Việt (\(name))`)"
                    : "`\(key)` `\(name)` has no letters or digits to make its page's address from; name it in words", at: positions.of(key))
                continue
            }
            if slug.value.utf8.count > Slug.maxLength {
                error("`\(key)` makes an address \(slug.value.utf8.count) characters long, more than the \(Slug.maxLength) a page may have; shorten it", at: positions.of(key))
            }
        }
    }

    /// An article's page whose folder Windows cannot hold (`bai-viet/con/`): a warning at the
    /// field it is made from. (A category's or place's: once a page, `CatalogValidator`.)
    mutating func warnOfWindows(_ slug: Slug, key: String, folder path: String, fix: String) {
        if let warning = Self.windowsWarning(slug, key: key, folder: path, fix: fix, at: positions.of(key), file: file) { diagnostics.append(warning) }
    }

    /// A warning when Windows cannot hold the folder `path` (`…/index.html`) `slug` makes.
    static func windowsWarning(_ slug: Slug, key: String, folder path: String, fix: String, at position: SourcePosition?, file: String) -> Diagnostic? {
        guard let why = WindowsNames.problem(in: Substring(slug.value)) else { return nil }
        let folder = path.dropLast("index.html".count)
        return (position ?? SourcePosition(line: 1, column: 1)).diagnostic(.warning, file,
            "`\(key)` makes the page \(folder), and \(why): where the site is copied, unzipped or opened from disk on Windows, the page is lost; \(fix)")
    }

    /// The slug `slug:` gives, or else the title.
    mutating func slug(of fields: ArticleFields, headerLine: Int) -> Slug? {
        if let override = fields.slug {
            guard Slug.isValid(override) else {
                // A slug copied from an address has its letters percent-encoded (`%c4%91` for `đ`).
                let meant = override.contains("%") ? override.removingPercentEncoding ?? override : override
                error("slug `\(override)` may only hold lower-case letters a–z, digits and single hyphens (e.g. `\(Slug(from: meant)?.value ?? "tin-moi")`)", at: positions.of("slug"))
                return nil
            }
            guard override.utf8.count <= Slug.maxLength else {
                error("slug `\(override.prefix(40))…` is \(override.utf8.count) characters long, more than the \(Slug.maxLength) an address may give one article; shorten it", at: positions.of("slug"))
                return nil
            }
            let slug = Slug(from: override)
            if let slug { warnOfWindows(slug, key: "slug", folder: Route.article(slug).outputPath, fix: "choose another") }
            return slug
        }
        guard !fields.title.isEmpty else { return nil }
        let titleAt = positions.of("title") ?? SourcePosition(line: headerLine, column: 1)
        guard let slug = Slug(from: fields.title) else {
            error("the title gives no usable slug; add `slug:` with lower-case letters, digits and hyphens", at: titleAt)
            return nil
        }
        guard slug.value.utf8.count <= Slug.maxLength else {
            error("the title makes an address \(slug.value.utf8.count) characters long, more than the \(Slug.maxLength) one article may have; add a shorter `slug:`, e.g. `slug: \(slug.shortened().value)`", at: titleAt)
            return nil
        }
        warnOfWindows(slug, key: "title", folder: Route.article(slug).outputPath, fix: "add a `slug:` of more words")
        return slug
    }
}

/// Reads `content/directives/*.md` and `content/themes/*.md`.
enum TermReader {
    /// A directive file read. One with errors is still given when its code read well, so that a
    /// second file of the same code is told in the same build (the errors fail the build all the same).
    static func directive(text: String, file: String, zone: SiteTimeZone) -> (Directive?, [Diagnostic]) {
        guard case (let decoded, let body, var diagnostics)? = read(DirectiveFields.self, text: text, file: file, zone: zone) else { return (nil, []) }
        var directive = Directive(file: file, fields: decoded.fields, body: body.text, bodyLine: body.line)
        directive.positions = decoded.positions
        let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        // A file named after another code (`01-kl-tw.md` holding `code: 05-CT/TW`): copied, and its code not changed.
        let code = decoded.fields.code
        // Named as the code is written (`1-kl-tw.md` for `1-KL/TW`, whose address is `01-kl-tw`): no copy.
        // And `1-kl-tw.md` for `01-KL/TW` (one document, whichever way its number is written).
        if !code.text.isEmpty, stem != code.slug.value, DirectiveCode.numberedAsOne(stem) != code.slug.value, stem != Slug(from: code.text)?.value,
           DirectiveCode.isSlugOfACode(stem) {
            let at = decoded.positions.of("code") ?? SourcePosition(line: 1, column: 1)
            // `01-kl-tu.md` for `01-KL/TƯ`, which is read as `01-KL/TW`.
            let typedWithTƯ = code.slug.value.hasSuffix("-tw") && stem == code.slug.value.dropLast(2) + "tu"
            diagnostics.append(at.diagnostic(.warning, file, typedWithTƯ
                ? "`code` is read as \(code): `TƯ` (Trung ương) is written TW in codes, and `TU` is a provincial committee's (Tỉnh ủy); rename the file \(code.slug).md"
                : "`code` is \(code), but the file is named after another code (\(stem)): copied from it, and its code not changed? Fix `code`, or rename the file \(code.slug).md"))
        }
        guard !diagnostics.hasErrors else {
            let codeRead = !decoded.fields.code.text.isEmpty && ArticleChecks.listIsSound("code", positions: decoded.positions, diagnostics: diagnostics)
            return (codeRead ? directive : nil, diagnostics)
        }
        return (directive, diagnostics)
    }

    static func theme(text: String, file: String) -> (Theme?, [Diagnostic]) {
        guard case (let decoded, let body, var diagnostics)? = read(ThemeFields.self, text: text, file: file, zone: .vietnam) else { return (nil, []) }
        let at = decoded.positions.of("year") ?? SourcePosition(line: 1, column: 1)
        let year = decoded.fields.year
        // 0 is also what an absent `year` reads as (told as missing); written, it is no year.
        if year != 0 || decoded.positions.of("year") != nil, !themeYears.contains(year) {
            diagnostics.append(at.diagnostic(.error, file, "`year` must be a whole number from \(themeYears.lowerBound) to \(themeYears.upperBound)"))
        } else if let named = Int(((file as NSString).lastPathComponent as NSString).deletingPathExtension), named != year, year != 0 {
            // A file copied from last year's and not renamed, or the other way round.
            diagnostics.append(at.diagnostic(.error, file, "`year` is \(year), but the file is named after \(named): a theme's file is named after its year; fix `year` or rename the file \(year).md"))
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        return (Theme(file: file, fields: decoded.fields, body: body.text, bodyLine: body.line), diagnostics)
    }

    /// The front matter of a term file, its body and its problems; `nil` only when there is nothing to read.
    private static func read<Model: FrontMatterFields>(_ type: Model.Type, text: String, file: String, zone: SiteTimeZone)
        -> (FieldDecoding.Decoded<Model>, (text: String, line: Int), [Diagnostic])?
    {
        var diagnostics: [Diagnostic] = []
        guard let split = FrontMatterSplitter.split(text, path: file, into: &diagnostics) else { return (.init(fields: Model(), positions: FieldPositions(), diagnostics: []), ("", 1), diagnostics) }
        guard let reader = FieldReader(yaml: split.yaml, path: file, firstLine: split.yamlLine, diagnostics: &diagnostics) else {
            return (.init(fields: Model(), positions: FieldPositions(), diagnostics: []), ("", 1), diagnostics)
        }
        let decoded = FieldDecoding.decode(type, from: reader, zone: zone)
        // A description that would blow up is not parsed: it is told, and read as none.
        if let blowUp = BodyScan.blowUp(in: split.body, bodyLine: split.bodyLine, file: file) {
            return (decoded, ("", split.bodyLine), diagnostics + decoded.diagnostics + [blowUp])
        }
        let legacy = [LegacyVietnamese.warning(inStartOf: split.body, bodyLine: split.bodyLine, file: file)].compactMap { $0 }
        return (decoded, (split.body, split.bodyLine), diagnostics + decoded.diagnostics + legacy)
    }
}
