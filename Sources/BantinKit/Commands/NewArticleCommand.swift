import Foundation

/// What an editor asked `bantin new` for, as typed on the command line.
public struct NewArticleRequest: Sendable, Equatable {
    public var title: String
    public var directives: [String]
    public var themes: [Int]

    public init(title: String, directives: [String] = [], themes: [Int] = []) {
        self.title = title
        self.directives = directives
        self.themes = themes
    }
}

/// A request that passed every check: the title in NFC without surrounding spaces, its slug,
/// and the directive codes and theme years without repeats, in the order given.
public struct CheckedNewArticle: Sendable, Equatable {
    public var title: String
    public var slug: Slug
    public var directives: [DirectiveCode]
    public var themes: [Int]
}

/// Why `bantin new` wrote nothing.
public struct NewArticleRefusal: Error, Equatable, CustomStringConvertible {
    public var message: String
    /// True when the arguments themselves are wrong (shown with the command's usage); false
    /// when they are fine but the files say no (the article exists, the folder is missing).
    public var isUsageError: Bool

    public var description: String { message }
}

/// `bantin new`: checks the request, then writes the article file and says where.
public enum NewArticleCommand {
    /// The theme years an article's `themes` may hold (the build refuses others).
    public static let themeYears = 1900...2200

    /// Checks the title, the directive codes and the theme years.
    public static func check(_ request: NewArticleRequest) throws(NewArticleRefusal) -> CheckedNewArticle {
        let title = request.title.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        // A soft hyphen, a zero-width space, the joiner inside an emoji (👨‍👩‍👧) are what the build
        // takes in a title as they are: only what breaks the line, or what no page can show, is refused.
        if let (scalar, name) = title.unicodeScalars.lazy.compactMap({ scalar in lineBreakName(scalar).map { (scalar, $0) } }).first {
            throw usage("the title must be one line of text, without line breaks or tabs: it holds a \(name) (U+\(String(format: "%04X", scalar.value))); write a space there")
        }
        if let control = title.unicodeScalars.first(where: SourceDecoder.isControl) {
            throw usage("the title holds a control character (U+\(String(format: "%04X", control.value))), which no page can show: delete it")
        }
        guard let slug = Slug(from: title) else {
            // `Лето`, `中文`: letters, but none an address (a file's name) is made of.
            throw usage(Slug.hasLettersOrDigits(title)
                ? "the title gives no address: an address is made of its Latin letters (Vietnamese ones too) and digits, and it has none; write it with some (`bantin new \"Tên tiếng Việt – \(title)\"`): once the file is made, its `title:` may be this one alone, with a `slug:` for its address"
                : "the title must contain letters or digits")
        }
        var codes: [DirectiveCode] = []
        for raw in request.directives {
            // Written as codes are: `TƯ` is `TW` (`DirectiveCode`).
            guard let code = DirectiveCode(raw.precomposedStringWithCanonicalMapping) else {
                throw usage("`\(raw)` is not a directive code; write it like 01-KL/TW")
            }
            if !codes.contains(code) { codes.append(code) }
        }
        var years: [Int] = []
        for year in request.themes {
            guard themeYears.contains(year) else {
                throw usage("\(year) is not a theme year; write a year from \(themeYears.lowerBound) to \(themeYears.upperBound), e.g. 2023")
            }
            if !years.contains(year) { years.append(year) }
        }
        return CheckedNewArticle(title: title, slug: slug, directives: codes, themes: years)
    }

    /// The name of a character that ends a line of text or moves it on (a tab), or `nil`: YAML and
    /// the build read U+2028 and U+2029 as a line's end as well.
    static func lineBreakName(_ scalar: Unicode.Scalar) -> String? {
        switch scalar.value {
        case 0x09: "tab"
        case 0x0A: "line break"
        case 0x0B: "vertical tab"
        case 0x0C: "form feed"
        case 0x0D: "carriage return"
        case 0x85: "next line character"
        case 0x2028: "line separator"
        case 0x2029: "paragraph separator"
        default: nil
        }
    }

    /// Checks the request and writes the article, dated `now` in the site's timezone, under
    /// `content`; returns its path as the editor names it (`content/articles/2023/05/slug.md`).
    /// Never overwrites a file. `contentName` names the content folder in messages.
    public static func run(_ request: NewArticleRequest, content: URL, contentName: String, now: Date) throws -> String {
        let article = try check(request)
        guard Directory.leadsToFolder(content.path) else {
            let problem = FileManager.default.fileExists(atPath: content.path) ? "a file, not a folder" : "no such folder"
            throw refusal(contentName, "\(problem); run bantin new in the site's folder, or name it with --content")
        }
        let zone = try siteTimeZone(content: content, contentName: contentName)
        let date = zone.localize(Int64(now.timeIntervalSince1970.rounded(.down)))
        // The last seconds of 9999 in UTC are 10000 east of it: a date no front matter can hold.
        if date.fields.year > 9999 {
            throw refusal("SOURCE_DATE_EPOCH", "now is in the year \(date.fields.year) in the site's timezone, and an article's date has a year of four digits; give an earlier time")
        }
        let written = Written(content: content, contentName: contentName, zone: zone)
        if let year = article.themes.first(where: { !written.themeYears.contains($0) }) {
            throw refusal("--theme", "no theme of \(year) is described: write \(contentName)/themes/\(year).md first, or leave out --theme \(year)")
        }
        // A title too long for an address gets a shorter `slug:`, which names the file too; one
        // whose address an article already has gets the first free `-2`, `-3`…
        let shortened = article.slug.value.utf8.count > Slug.maxLength ? article.slug.shortened() : article.slug
        let free = written.freeSlug(from: shortened)
        let slug: Slug? = free == article.slug ? nil : free
        let relative = NewArticle.relativePath(slug: free, date: date)
        let display = ContentTree.join(contentName, relative)
        let text = NewArticle.text(title: article.title, slug: slug, directives: article.directives, themes: article.themes, date: date)
        try write(text, to: content.appendingPathComponent(relative), display: display)
        return display
    }

    /// What the content already holds that a new article must fit: the articles' slugs (drafts
    /// and articles with problems too, as far as they can be read) and the theme years described.
    struct Written {
        var slugs: Set<String>
        var themeYears: Set<Int>

        init(content: URL, contentName: String, zone: SiteTimeZone) {
            let files = CatalogLoader.ContentFiles(ContentListing(of: content, displayRoot: contentName).files)
            let display: @Sendable (TreeEntry) -> String = { ContentTree.join(contentName, $0.relativePath) }
            // An article refused for a problem (a wrong or missing date) keeps its address too:
            // mended, it would clash with the new one.
            let read = CatalogLoader.readArticles(files.articles, zone: zone, memory: nil, display: display)
            slugs = Set((read.articles + read.rejected.compactMap(\.article)).map(\.slug.value))
            var ignored: [Diagnostic] = []
            themeYears = Set(CatalogLoader.readTerms(files.themes, display: display, into: &ignored) { TermReader.theme(text: $0, file: $1) }.map(\.year))
        }

        /// `slug`, or the first of `slug-2`, `slug-3`… no article has.
        func freeSlug(from slug: Slug) -> Slug {
            guard slugs.contains(slug.value) else { return slug }
            return (2...).lazy.compactMap { Slug(from: "\(slug.value)-\($0)") }.first { !slugs.contains($0.value) }!
        }
    }

    /// Writes a new file, refusing when one is already there (even if made a moment ago).
    private static func write(_ text: String, to url: URL, display: String) throws(NewArticleRefusal) {
        let folder = OutputFolder.makeFolder(url.deletingLastPathComponent().path)
        guard folder == 0 else { throw refusal(FileFault("create the folder", (display as NSString).deletingLastPathComponent, code: folder)) }
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            if errno == EEXIST {
                throw refusal(display, "already exists; choose another title")
            }
            throw refusal(FileFault.last("create", display))
        }
        do {
            try OutputFolder.writeAll(Array(text.utf8), to: fd)
        } catch {
            close(fd)
            unlink(url.path)
            throw refusal(FileFault("write", display, code: error.code))
        }
        close(fd)
    }

    /// What the files say no to, told as a build tells a problem (`name: error: …`).
    private static func refusal(_ name: String, _ message: String) -> NewArticleRefusal {
        NewArticleRefusal(message: Diagnostic.error(name, message).description, isUsageError: false)
    }

    /// A fault as `new` tells it: under the path it concerns, as a build's errors are; the way
    /// out of a read-only disk is the content folder's (`new` has no `--output`).
    private static func refusal(_ fault: FileFault) -> NewArticleRefusal {
        var fault = fault
        if fault.wayOut == FileFault.readOnly { fault.wayOut = "that disk is read-only: write the article in a copy of the content folder on a writable disk" }
        return NewArticleRefusal(message: Diagnostic.error(fault.path, fault.description).description, isUsageError: false)
    }

    /// The site's timezone; problems in `site.yml` are left for the build to report.
    /// The site's timezone, which dates the article; a `site.yml` with errors is refused, for
    /// its timezone may not be the one it says (a new article would be dated, and filed under a
    /// month, in another).
    private static func siteTimeZone(content: URL, contentName: String) throws(NewArticleRefusal) -> SiteTimeZone {
        var diagnostics: [Diagnostic] = []
        let config = CatalogLoader.siteConfig(in: content, displayRoot: contentName, diagnostics: &diagnostics)
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw NewArticleRefusal(
                message: (errors.map(\.description) + ["the new article is dated in the site's timezone: mend \(errors[0].file) first"]).joined(separator: "\n"),
                isUsageError: false)
        }
        return config.timezone
    }


    private static func usage(_ message: String) -> NewArticleRefusal {
        NewArticleRefusal(message: message, isUsageError: true)
    }
}
