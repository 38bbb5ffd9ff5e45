/// Checks that need the whole catalog: unique slugs, images and related articles that exist,
/// directives and themes that are described.
enum CatalogValidator {
    static func validate(
        articles: [Article], directives: [Directive], themes: [Theme], staticPaths: Set<String>, termFiles: Set<String> = [],
        allSlugs: @autoclosure () -> Set<String>, contentRoot: String
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // Which article first has each slug; slugs had by more than one, in order.
        var firstWithSlug: [Slug: Int] = [:]
        firstWithSlug.reserveCapacity(articles.count)
        var shared: [Slug] = []
        for index in articles.indices {
            let slug = articles[index].slug
            if firstWithSlug[slug] == nil { firstWithSlug[slug] = index } else { shared.append(slug) }
        }
        var sharingSlug: [Slug: [Article]] = Dictionary(shared.map { ($0, []) }) { first, _ in first }
        for article in articles where sharingSlug[article.slug] != nil { sharingSlug[article.slug]!.append(article) }
        for (slug, sharing) in sharingSlug.sorted(by: { $0.key < $1.key }) {
            let sharing = sharing.sorted { $0.file < $1.file }
            // Each told where its slug comes from: its `slug:`, or else its title.
            let allWritten = sharing.allSatisfy { $0.positions.of("slug") != nil }
            let how = sharing.count == 2 ? "two articles" : "\(sharing.count) articles"
            for article in sharing {
                // A few of the others named (a migrated archive's thousand `Lịch công tác tuần`
                // would name a thousand files in each of a thousand messages).
                let named = Array(sharing.lazy.map(\.file).filter { $0 != article.file }.prefix(3))
                let others = named.joined(separator: ", ") + (sharing.count - 1 > named.count ? " and \(sharing.count - 1 - named.count) more" : "")
                let at = article.positions.of("slug") ?? article.positions.of("title") ?? SourcePosition(line: 1, column: 1)
                let fix = allWritten ? "change one of their `slug:`" : "give one of them `slug:`"
                diagnostics.append(at.diagnostic(.error, article.file, "\(how) have the slug `\(slug)`: this file and \(others); \(fix)"))
            }
        }
        let isPublished = { (slug: String) in Slug(validated: slug).map { firstWithSlug[$0] != nil } ?? false }
        let describedDirectives = Set(directives.map(\.code))
        let describedThemes = Set(themes.map(\.year))
        var warnedCodes: Set<DirectiveCode> = []
        let exists = { (path: String) in isSafeRelativePath(path) && staticPaths.contains(path.precomposedStringWithCanonicalMapping) }
        // A photo's path read from the article's folder, as a body's links are, when a file is there.
        let fromArticle = { (path: String, article: Article) -> String? in
            ContentPath.resolve(path, from: ContentIndex.path(of: article.file, under: contentRoot)).flatMap { exists($0) ? $0 : nil }
        }
        // The files by name and by their path in lower case, read when a photo not found first
        // asks (once, not once per photo: a migrated archive's thousands of them).
        var byName: [Substring: [String]]? = nil
        var byLowerCase: [String: String]? = nil
        let name = { (path: String) in path.split(separator: "/").last ?? "" }
        let onlyOfItsName = { (path: String) -> String? in
            if byName == nil { byName = Dictionary(grouping: staticPaths, by: name) }
            let sameName = byName![name(path)] ?? []
            return sameName.count == 1 ? sameName.first : nil
        }
        let inOtherCase = { (path: String) -> String? in
            if byLowerCase == nil { byLowerCase = Dictionary(staticPaths.map { ($0.lowercased(), $0) }, uniquingKeysWith: min) }
            return byLowerCase![path.precomposedStringWithCanonicalMapping.lowercased()]
        }
        for article in articles {
            let at = { (position: SourcePosition?) in position ?? SourcePosition(line: 1, column: 1) }
            if let image = article.image {
                let p = at(article.positions.of("image"))
                if !LinkChecker.hasScheme(image.path), !image.path.hasPrefix("//"), let hidden = ContentTree.hiddenProblem(image.path, written: image.path) {
                    // Before the advice to write the path plainly (`./media/.anh.jpg`), which would still name it.
                    diagnostics.append(.error(article.file, line: p.line, column: p.column, "image " + hidden))
                } else if isSafeRelativePath(image.path), !PhotoNaming.isPhoto(image.path) {
                    diagnostics.append(.error(article.file, line: p.line, column: p.column, "image `\(image.path)` is not a photo: give a JPEG, PNG, WebP, HEIC, AVIF or TIFF file (save a GIF or drawing as PNG)"))
                } else if !isSafeRelativePath(image.path) {
                    // The photo meant, when it is there: from the article's folder, from content/
                    // with the `..` left out (`../media/anh.jpg`), or the only file of its name.
                    let dropped = image.path.split(separator: "/").drop { $0 == ".." || $0 == "." }.joined(separator: "/")
                    let hint = fromArticle(image.path, article).map { ": `image` is written from content/, not from the article's folder as a body's links are; write `\($0)`" }
                    let meant = (exists(dropped) ? dropped : onlyOfItsName(image.path)).map { ": write `\($0)`, its path from content/" }
                    // `./media/anh.jpg`, `media/../media/anh.jpg`: inside content/, but not plainly.
                    let plain = image.path.hasPrefix("/") ? nil : ContentPath.resolve(image.path, from: "site.yml").flatMap { isSafeRelativePath($0) ? $0 : nil }
                    let written = plain.map { ": write it without `.` or `..` parts, `\($0)`" }
                    // A photo on another site is no path at all: it is saved into content/ first.
                    let remote = LinkChecker.hasScheme(image.path) || image.path.hasPrefix("//")
                        ? ": a photo on another site is not published from there; save it under content/ (`media/2023/anh.jpg`) and write that path" : nil
                    // `media\anh.jpg`, as Windows writes paths.
                    let slashes = image.path.contains("\\") ? ": write `/` between folders, `\(image.path.replacingOccurrences(of: "\\", with: "/"))`" : nil
                    diagnostics.append(.error(article.file, line: p.line, column: p.column, "image `\(image.path)` must be a path inside content/, like `media/2023/anh.jpg`" + (hint ?? remote ?? slashes ?? written ?? meant ?? "")))
                } else if !staticPaths.contains(SourceDecoder.isKnownNFC(image.path) ? image.path : image.path.precomposedStringWithCanonicalMapping) {
                    // The same path in another case (`IMG_1234.JPG` written `img_1234.jpg`), which hosts tell apart.
                    let otherCase: String? = inOtherCase(image.path).map { "; did you mean `\($0)`? (names are told apart by case)" }
                    // `content/media/anh.jpg`: the path is from content/ already.
                    let fromContent = String(image.path.dropFirst(contentRoot.count + 1))
                    let rooted: String? = image.path.hasPrefix(contentRoot + "/") && staticPaths.contains(fromContent) ? "; the path is from \(contentRoot)/: write `\(fromContent)`" : nil
                    // Beside the article (a Hugo page bundle's photo), or the only file of its name.
                    let beside: String? = fromArticle(image.path, article).map { "; `image` is written from content/, not from the article's folder as a body's links are: write `\($0)`" }
                    let only: String? = onlyOfItsName(image.path).map { "; did you mean `\($0)`? (the only file of its name)" }
                    let other = otherCase ?? rooted ?? beside ?? only ?? ""
                    diagnostics.append(.error(article.file, line: p.line, column: p.column, "image `\(image.path)` not found: there is no file \(ContentTree.join(contentRoot, image.path))" + other))
                }
            }
            for (index, slug) in article.related.enumerated() where slug == article.slug.value {
                let p = at(article.positions.item("related", index))
                diagnostics.append(.warning(article.file, line: p.line, column: p.column, "`\(slug)` is this article itself; `related` lists other articles to read next"))
            }
            for (index, slug) in article.related.enumerated() where slug != article.slug.value && !isPublished(slug) {
                let p = at(article.positions.item("related", index))
                var hint = allSlugs().contains(slug) ? " (that article is a draft)" : ""
                // A slug one or two letters off (a typo), among the published ones.
                if hint.isEmpty, let near = Suggestion.nearest(to: slug, among: firstWithSlug.keys.map(\.value), within: max(2, slug.count / 8)) {
                    hint = " (did you mean `\(near)`?)"
                }
                diagnostics.append(.error(article.file, line: p.line, column: p.column, "related article `\(slug)` does not exist\(hint); use the slug from its address bai-viet/<slug>/"))
            }
            for (index, code) in article.directives.enumerated() where !describedDirectives.contains(code) && warnedCodes.insert(code).inserted {
                let p = at(article.positions.item("directives", index))
                let named = "directives/\(code.slug).md", path = ContentTree.join(contentRoot, named)
                // A file of its name that describes another code (copied, its code not changed) or that has errors.
                let why = termFiles.contains(named) ? "\(path) describes another code or has errors (told there)" : "add \(path)"
                diagnostics.append(.warning(article.file, line: p.line, column: p.column, "directive \(code) has no file; its page is made from the code alone (\(why))"))
            }
            for (index, year) in article.themes.enumerated() where !describedThemes.contains(year) {
                let p = at(article.positions.item("themes", index))
                let named = "themes/\(year).md", path = ContentTree.join(contentRoot, named)
                let why = termFiles.contains(named) ? "\(path) could not be read (its errors are told there)" : "there is no \(path)"
                diagnostics.append(.error(article.file, line: p.line, column: p.column, "unknown theme year \(year): \(why)"))
            }
        }
        return diagnostics
    }

    /// A `menu` entry names a category some published article has (by its slug, so spelling
    /// and case may differ); one that none has would lead nowhere, and is left out with a warning.
    /// Categories or places written differently (`Hà Tĩnh`, `Hà Tịnh`) whose names give one
    /// address share one page: a warning at the first article of each less used spelling.
    /// And a page whose folder Windows cannot hold (`Côn` → `chuyen-muc/con/`): a warning once,
    /// at the first article of its name as most write it.
    /// And a spelling with a character that shows as nothing (read as inside a word: `Quảng⟨zero-width
    /// space⟩Ninh` is `quangninh`) where another name of the field has a space (`Quảng Ninh`): its
    /// articles get a page of their own, apart from that name's; a warning at the first of them.
    static func pageNameProblems(_ articles: [Article]) -> [Diagnostic] {
        Taxonomy.allCases.flatMap { taxonomy in
            let (key, noun) = (taxonomy.key, taxonomy.noun)
            var diagnostics: [Diagnostic] = []
            let groups = NameGroup.groups(articles, by: taxonomy.field)
            let bySlug = Dictionary(groups.map { ($0.slug, $0) }) { first, _ in first }
            // A page's address as a reader sees it (`dia-phuong/ha-tinh/`).
            let address = { (slug: Slug) in String(taxonomy.route(slug, page: 1).outputPath.dropLast("index.html".count)) }
            for group in groups.sorted(by: { $0.slug < $1.slug }) {
                for spelling in group.spellings {
                    guard let spaced = Slug(from: LookAlikes.invisiblesAsSpaces(spelling.name)), spaced != group.slug, let apart = bySlug[spaced] else { continue }
                    let article = articles[spelling.first]
                    let at = article.positions.of(key) ?? SourcePosition(line: 1, column: 1)
                    diagnostics.append(at.diagnostic(.warning, article.file,
                        "\(noun) `\(spelling.name.namingLookAlikes)` has a page of its own (\(address(group.slug))), apart from `\(apart.name)` (\(address(spaced)), as \(articles[apart.spellings[0].first].file) writes it): a character that shows as nothing stands where that name has a space; write a space there, or delete the character"))
                }
                let main = articles[group.spellings[0].first]
                if let windows = ArticleChecks.windowsWarning(group.slug, key: key, folder: taxonomy.route(group.slug, page: 1).outputPath,
                    fix: "name it in more words", at: main.positions.of(key), file: main.file)
                {
                    diagnostics.append(windows)
                }
                guard group.spellings.count > 1 else { continue }
                let mainFile = main.file
                for other in group.spellings.dropFirst() {
                    let article = articles[other.first]
                    let at = article.positions.of(key) ?? SourcePosition(line: 1, column: 1)
                    diagnostics.append(at.diagnostic(.warning, article.file,
                        "\(noun) `\(other.name.namingLookAlikes)` shares one page (\(address(group.slug))) with `\(group.name.namingLookAlikes)`, as \(mainFile) writes it: their names make the same address; write one \(noun) alike everywhere, or tell two apart by more than marks or case"))
                }
            }
            return diagnostics
        }
    }

    /// Kinds of directive written differently that make one address (`Nghị quyết`, `Nghị Quyết`,
    /// `Nghị  quyết`) are one kind, as most directive files write it (among equals, one with
    /// single spaces, then one in lower case after its first letter, then the first file's): the
    /// list of directives groups them under one heading, and each page names it so. A warning at
    /// each other spelling.
    static func oneSpellingPerKind(_ directives: inout [Directive]) -> [Diagnostic] {
        var spellings: [String: [(kind: String, files: [Int])]] = [:]
        for (index, directive) in directives.enumerated() {
            guard let kind = directive.kind, let slug = Slug(from: kind)?.value else { continue }
            if let known = spellings[slug, default: []].firstIndex(where: { $0.kind == kind }) {
                spellings[slug]![known].files.append(index)
            } else {
                spellings[slug, default: []].append((kind, [index]))
            }
        }
        var diagnostics: [Diagnostic] = []
        for group in spellings.values where group.count > 1 {
            func rank(_ spelling: (kind: String, files: [Int])) -> (Int, Int, Int, Int) {
                let tidy = spelling.kind == spelling.kind.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                let sentenceCase = spelling.kind.dropFirst() == spelling.kind.dropFirst().lowercased()[...]
                return (-spelling.files.count, tidy ? 0 : 1, sentenceCase ? 0 : 1, spelling.files[0])
            }
            let ordered = group.sorted { rank($0) < rank($1) }
            let main = ordered[0]
            for other in ordered.dropFirst() {
                for index in other.files {
                    let at = directives[index].positions.of("kind") ?? SourcePosition(line: 1, column: 1)
                    diagnostics.append(at.diagnostic(.warning, directives[index].file ?? "",
                        "kind `\(other.kind)` is listed as `\(main.kind)`, as \(directives[main.files[0]].file ?? "") writes it: the two differ only by marks, case or spaces; write one kind alike everywhere, or tell two apart by more than marks or case"))
                    directives[index].fields.kind = main.kind
                }
            }
        }
        return diagnostics.sorted { ($0.file, $0.line) < ($1.file, $1.line) }
    }

    /// A warning at each `updated` later than now in an article published now (`2098` for
    /// `2025`): feeds, the sitemap and search engines would say it changed then.
    static func updatedLater(than now: Int64, _ published: [Article]) -> [Diagnostic] {
        published.compactMap { article in
            guard let updated = article.updated, updated.instant > now, article.date.instant <= now else { return nil }
            let at = article.positions.of("updated") ?? SourcePosition(line: 1, column: 1)
            return at.diagnostic(.warning, article.file,
                "`updated` (\(updated.iso8601)) is later than now: feeds, the sitemap and search engines would say the article changed then; is its year right?")
        }
    }

    /// How far ahead of now a date may be without a warning (`unlikelyYears`): 366 days.
    static let aYear: Int64 = 366 * 86_400

    /// A warning at the `date` of an article dated more than a year after now (`2203` typed for
    /// `2023`: it would wait, off the site, until then) or before 1900 (`1023`: published under a
    /// month of that year): a slip of the year's digits, most likely.
    /// `includeFuture`: the article is published now (`--future`), and said so.
    static func unlikelyYears(now: Int64, includeFuture: Bool = false, _ articles: [Article]) -> [Diagnostic] {
        articles.compactMap { article in
            let year = article.date.fields.year
            let ahead = article.date.instant > PublicationSchedule.aYearAfter(now)
            guard ahead || year < 1900 else { return nil }
            let at = article.positions.of("date") ?? SourcePosition(line: 1, column: 1)
            let waits = includeFuture
                ? "the article is published now only because of --future (builds without it leave it out until \(article.date.iso8601))"
                : "the article would wait, off the site, until \(article.date.iso8601)"
            let what = ahead ? "is more than a year from now: " + waits : "is before 1900: the article would be published under a month of \(year)"
            return at.diagnostic(.warning, article.file, "`date`'s year, \(year), \(what); is its year right?")
        }
    }

    /// A warning at `first_issue` (`at`, in `file`) more than a year from now or before 1900, as
    /// at such an article's date: `2203-01` for `2023-01` takes the number off every edition.
    static func unlikelyFirstIssue(_ config: SiteConfig, now: Int64, at: SourcePosition?, file: String) -> [Diagnostic] {
        guard let first = config.firstIssue, let start = DateParser.parse("\(first)-01", in: config.timezone) else { return [] }
        let ahead = start.instant > PublicationSchedule.aYearAfter(now)
        guard ahead || first.year < 1900 else { return [] }
        let what = ahead ? "is more than a year from now: every print edition until then has no issue number" : "is before 1900: the issues are numbered from then"
        return [(at ?? SourcePosition(line: 1, column: 1)).diagnostic(.warning, file, "`first_issue`'s year, \(first.year), \(what); is its year right?")]
    }

    /// A warning at each `menu` entry that no published article has as its category: it is left
    /// out of the navigation (until the first of its scheduled articles, when only those have it).
    static func validateMenu(_ menu: [String], published: [Article], waiting: [Article], positions: FieldPositions, file: String) -> [Diagnostic] {
        guard !menu.isEmpty else { return [] }
        let used = Set(published.compactMap { $0.category.flatMap { Slug(from: $0) } })
        return menu.enumerated().compactMap { index, name in
            guard let slug = Slug(from: name), used.contains(slug) else {
                let at = positions.item("menu", index) ?? SourcePosition(line: 1, column: 1)
                let first = waiting.filter { $0.category.flatMap { Slug(from: $0) } == Slug(from: name) }.map(\.date).min()
                let until = first.map { ": only articles scheduled for later have it, and it is left out of the navigation until the first is due, \($0.iso8601) (\($0.vietnameseDisplay))" }
                // `menu: A, B, C` is one entry: a list is written in brackets.
                let parts = name.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                // (Written as one value, its one item stands where the value does; `["A, B"]` is a list.)
                let asOneValue = positions.item("menu", 0) == positions.of("menu")
                // (Told when a part, or parts joined, name a category.)
                let entries = listed(parts, used: used)
                let list = menu.count == 1 && asOneValue && parts.count > 1 && (entries.count < parts.count || parts.contains { category([$0], used: used) != nil })
                    ? "; a list of entries is written in brackets: `menu: [\(entries.joined(separator: ", "))]`" : ""
                // `[A, Phòng, chống tham nhũng]`: a category's own commas cut it into entries.
                let cut = commaCutCategory(menu, at: index, used: used).map { "; a category with commas is written in quotes: `\"\($0)\"`" } ?? ""
                return at.diagnostic(.warning, file, "menu entry `\(name)` is not the category of any published article" + (until ?? "; it is left out of the navigation") + list + cut)
            }
            return nil
        }
    }

    /// `parts` of a one-line `menu` as entries of a list: those that name a category with commas
    /// of its own together, in quotes (`Xây dựng Đảng, "Phòng, chống tham nhũng"`).
    static func listed(_ parts: [String], used: Set<Slug>) -> [String] {
        var entries: [String] = []
        var first = 0
        while first < parts.count {
            let last = (first + 1..<parts.count).last { category(parts[first...$0], used: used) != nil }
            entries.append(last.flatMap { category(parts[first...$0], used: used) }.map { "\"\($0)\"" } ?? parts[first])
            first = (last ?? first) + 1
        }
        return entries
    }

    /// The category that entries of `menu` around `index`, joined by commas, name, when one
    /// published article has it (a name with commas written unquoted in a list is cut at them).
    static func commaCutCategory(_ menu: [String], at index: Int, used: Set<Slug>) -> String? {
        for first in stride(from: index, through: 0, by: -1) {
            for last in max(index, first + 1)..<menu.count {
                if let joined = category(menu[first...last], used: used) { return joined }
            }
        }
        return nil
    }

    /// `parts` joined by commas, when that is the category of a published article.
    private static func category(_ parts: ArraySlice<String>, used: Set<Slug>) -> String? {
        let joined = parts.joined(separator: ", ")
        return Slug(from: joined).map(used.contains) == true ? joined : nil
    }

    /// Not empty, not absolute, no `\\`, no `://`, no `.` or `..` part.
    static func isSafeRelativePath(_ path: String) -> Bool {
        var path = path
        return path.withUTF8 { bytes in
            guard let first = bytes.first, first != UInt8(ascii: "/") else { return false }
            var partStart = 0
            for i in 0...bytes.count {
                if i < bytes.count {
                    switch bytes[i] {
                    case UInt8(ascii: "\\"): return false
                    case UInt8(ascii: ":") where i + 2 < bytes.count && bytes[i + 1] == UInt8(ascii: "/") && bytes[i + 2] == UInt8(ascii: "/"):
                        return false
                    case UInt8(ascii: "/"): break
                    default: continue
                    }
                }
                let part = UnsafeBufferPointer(rebasing: bytes[partStart..<i])
                if part.count <= 2 && !part.isEmpty && part.allSatisfy({ $0 == UInt8(ascii: ".") }) { return false }
                partStart = i + 1
            }
            return true
        }
    }
}
