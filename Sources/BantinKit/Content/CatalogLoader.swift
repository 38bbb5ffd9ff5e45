import Foundation
import Yams

/// Reads the whole of `content/` into a `Catalog`, collecting every problem.
public enum CatalogLoader {
    /// - Parameters:
    ///   - content: the content folder.
    ///   - displayRoot: how to name that folder in diagnostics (`content`).
    ///   - listing: the folder's files, when they were already listed.
    ///   - memory: what earlier builds remember of article files, opened for the site timezone:
    ///     articles whose files have not changed are taken from it instead of read again.
    ///   - now: seconds since 1970; articles dated after it wait (are left out) unless
    ///     `includeFuture`. By default every article is published.
    ///   - holdingBodies: the search index will read the published articles' bodies: each is kept
    ///     as read until then (`BodyText.readOnce`), rather than read again.
    ///   - whenRefused: more problems to report of a catalog refused for its errors (what could
    ///     be read of it, and the problems found): so that an editor learns every problem in one build.
    static func load(
        content: URL, displayRoot: String, includeDrafts: Bool, now: Int64 = .max, includeFuture: Bool = false,
        listing: ContentListing? = nil, memory: (SiteTimeZone) -> (any ArticleMemory)? = { _ in nil },
        baseURL override: String? = nil, holdingBodies: Bool = false, whenRefused: ((Catalog, [Diagnostic]) -> [Diagnostic])? = nil
    ) -> (Catalog?, [Diagnostic]) {
        guard Directory.leadsToFolder(content.path) else {
            let found = Directory.linkStatus(content.path) != nil ? "\(displayRoot) is a file, not a folder" : "content folder not found"
            return (nil, [.error(displayRoot, "\(found); run bantin where `content/` is, or pass `--content DIR`")])
        }
        var clock = StageClock()
        let listed = listing ?? ContentListing(of: content, displayRoot: displayRoot)
        var diagnostics = listed.diagnostics
        let files = ContentFiles(listed.files)
        diagnostics += files.mergeLeftovers.map {
            .warning(ContentTree.join(displayRoot, $0.file.relativePath), "not published: a copy of \(ContentTree.join(displayRoot, $0.original)) that a merge left (git mergetool's, or the file git moved aside); delete it once the merge is done, or rename it if it is a file of its own")
        }
        diagnostics += files.unread.map {
            .warning(ContentTree.join(displayRoot, $0.relativePath), "not published: Markdown is read only as an article (under articles/) or a directive or theme (directly in directives/ or themes/)")
        }
        // The first bytes of every file that is no photo by its name, read once: photos and
        // markup are told by them, whatever their names.
        let starts = files.other.filter { !PhotoNaming.isPhoto($0.relativePath) }.map { (file: $0, start: PosixFiles.start(of: $0.path, count: 64)) }
        let gif = "a GIF is published as it is: not resized, and with all it holds of where and by whom it was made; save it as PNG or JPEG to have it processed like a photo"
        diagnostics += starts.filter { PhotoNaming.fileExtension(of: $0.file.relativePath) == "gif" && !GitLFSPointer.isPointer(fileStart: $0.start ?? []) }.map {
            .warning(ContentTree.join(displayRoot, $0.file.relativePath), gif)
        }
        diagnostics += files.other.compactMap { SourceDecoder.conflict(inPublished: $0, displayRoot: displayRoot) }
        diagnostics += Self.namesDifferingInCaseOnly(files.other, displayRoot: displayRoot)
        diagnostics += Self.namesWindowsCannotHold(files.other, displayRoot: displayRoot)
        diagnostics += starts.compactMap { file, start in
            guard let start else { return nil }
            let shown = ContentTree.join(displayRoot, file.relativePath)
            if GitLFSPointer.isPointer(fileStart: start) { return .error(shown, GitLFSPointer.told) }
            if PhotoNaming.cameraRaw.contains(PhotoNaming.fileExtension(of: file.relativePath)) {
                return .error(shown,
                    "this is a camera's raw file, which bantin does not make into a photo: it would be published as it is, with all it holds of where and by whom it was taken (its GPS position too); export the photo as JPEG from the camera's or the editor's software")
            }
            if let kind = PhotoNaming.photoKind(ofFileStart: start) {
                return .error(shown,
                    "this is a \(kind.name) photo, but its name does not end in a photo's extension, so it would be published as it is, with all it holds of where and by whom it was taken (its GPS position too); rename it to end in `.\(kind.fileExtension)` (and the links to it) to have it published like every photo")
            }
            if let image = PhotoNaming.unprocessedImage(fileStart: start) {
                return .error(shown,
                    "this is \(image), which bantin does not make into a photo (most browsers cannot show it): it would be published as it is, with all it holds of where and by whom it was taken (its GPS position too); save it as JPEG or PNG")
            }
            if ContentFiles.isMarkdownUnderAnotherName(file.relativePath, fileStart: start, more: { PosixFiles.start(of: file.path, count: 2048) }) {
                return .error(shown,
                    "this is Markdown under another name\(file.relativePath.lowercased().hasSuffix(".txt") ? " (Notepad adds `.txt`)" : ""), which would be published as it is, draft or not: rename it to end in `.md` (an article's file, under articles/, is then read; anywhere else it is not published)")
            }
            if PhotoNaming.isGIF(fileStart: start), PhotoNaming.fileExtension(of: file.relativePath) != "gif" {
                return .warning(shown, "this is a GIF, though its name does not say so; \(gif)")
            }
            return nil
        }
        // A folder named like the settings is no settings: said, not read as settings left out.
        for name in ["site.yml", "site.yaml"] where files.settings.isEmpty && Directory.leadsToFolder(content.appendingPathComponent(name).path) {
            diagnostics.append(.error(ContentTree.join(displayRoot, name), "this is a folder; the site's settings are a file of this name: move what the folder holds and write the settings in it"))
        }
        // Settings saved under another spelling (`Site.yml`, Notepad's `site.yml.txt`) would leave
        // the site with a default title and no menu, and be published as they are.
        if files.settings.isEmpty {
            for file in files.other where ContentFiles.isSettingsUnderAnotherName(file.relativePath) {
                diagnostics.append(.error(ContentTree.join(displayRoot, file.relativePath),
                    "this looks like the site's settings under another name: bantin reads only `site.yml` (lower case, no `.txt`), so the site would get a default title and no menu, and this file would be published as it is; rename it to site.yml"))
            }
        }
        let settings = siteSettings(files.settings, displayRoot: displayRoot, diagnostics: &diagnostics, content: content)
        let config = settings.config
        // The site's own address is the one `--base-url` gives, over `site.yml`'s.
        let baseURL = BaseURL.ofSite(override: override, config: config)
        let bases = BaseURL.ofOldAddresses(override: override, config: config)
        diagnostics += markupFiles(starts, displayRoot: displayRoot, unsafeHTML: config.unsafeHTML)
        let display: @Sendable (TreeEntry) -> String = { ContentTree.join(displayRoot, $0.relativePath) }
        clock.lap("  site settings")
        let read = readArticles(files.articles, zone: config.timezone, memory: memory(config.timezone), bodies: holdingBodies ? BodyStore() : nil, display: display)
        clock.lap("  articles from cache or read")
        diagnostics += read.diagnostics
        var articles = read.articles
        var directives = readTerms(files.directives, display: display, into: &diagnostics) {
            TermReader.directive(text: $0, file: $1, zone: config.timezone)
        }
        diagnostics += CatalogValidator.oneSpellingPerKind(&directives)
        let themes = readTerms(files.themes, display: display, into: &diagnostics) { TermReader.theme(text: $0, file: $1) }
        clock.lap("  directives and themes")
        // Drafts are left out; the files only they use are held back (`waitingFiles`).
        let drafts = includeDrafts ? [] : articles.filter(\.draft)
        if !includeDrafts { articles.removeAll(where: \.draft) }
        // Files with errors, as far as they were read, are checked with the others (never published).
        let rejected = read.rejected.compactMap(\.article).filter { includeDrafts || !$0.draft }
        diagnostics += CatalogValidator.validate(
            articles: articles + rejected, directives: directives, themes: themes, staticPaths: Set(files.other.map(\.relativePath)),
            termFiles: Set((files.directives + files.themes).map(\.relativePath)), allSlugs: Set(read.articles.map(\.slug.value)), contentRoot: displayRoot)
        diagnostics += CatalogValidator.pageNameProblems(articles + rejected)
        // Scheduled articles are checked with the others (a problem shows before their date), then wait.
        let (published, schedule) = PublicationSchedule.split(articles, now: now, includeFuture: includeFuture)
        // Only the published articles are read for search: the bodies of the others are not kept.
        if holdingBodies {
            let indexed = Set(published.map(\.file))
            for article in read.articles where !indexed.contains(article.file) { article.bodyText.letGo() }
        }
        diagnostics += CatalogValidator.updatedLater(than: now, published)
        diagnostics += CatalogValidator.unlikelyYears(now: now, includeFuture: includeFuture, articles)
        diagnostics += CatalogValidator.unlikelyFirstIssue(config, now: now, at: settings.positions.of("first_issue"), file: settings.file)
        // A file refused for its errors is published once they are fixed: its category is a menu's.
        diagnostics += CatalogValidator.validateMenu(
            config.menu, published: published + PublicationSchedule.split(rejected, now: now, includeFuture: includeFuture).published, waiting: schedule.waiting > 0 ? articles.filter { $0.date.instant > now } : [],
            positions: settings.positions, file: settings.file)
        if let image = config.shareImage {
            let at = settings.positions.of("share_image") ?? SourcePosition(line: 1, column: 1)
            let path = SourceDecoder.isKnownNFC(image) ? image : image.precomposedStringWithCanonicalMapping
            if !PhotoNaming.isPhoto(path) {
                diagnostics.append(at.diagnostic(.error, settings.file, "`share_image` `\(image)` is not a photo: give a JPEG, PNG, WebP, HEIC, AVIF or TIFF file under \(displayRoot)/"))
            } else if let hidden = ContentTree.hiddenProblem(path, written: image) {
                diagnostics.append(at.diagnostic(.error, settings.file, "`share_image` " + hidden))
            } else if !CatalogValidator.isSafeRelativePath(path) {
                // `./media/logo.jpg`: inside content/, but not plainly (as an article's `image`).
                let plain = ContentPath.resolve(path, from: "site.yml").flatMap { CatalogValidator.isSafeRelativePath($0) ? ": write it without `.` or `..` parts, `\($0)`" : nil }
                diagnostics.append(at.diagnostic(.error, settings.file, "`share_image` `\(image)` must be a path inside \(displayRoot)/, like `media/logo.jpg`" + (plain ?? "")))
            } else if !files.other.contains(where: { $0.relativePath == path }) {
                diagnostics.append(at.diagnostic(.error, settings.file, "`share_image` `\(image)` not found: there is no file \(ContentTree.join(displayRoot, image)) (the path is from \(displayRoot)/, like `media/logo.jpg`)"))
            }
        }
        // What the descriptions of directives and themes hold, read as an article's body is.
        let descriptions = directives.compactMap { d in d.file.map { ($0, d.body, d.bodyLine, "the directive's") } }
            + themes.compactMap { t in t.file.map { ($0, t.body, t.bodyLine, "the theme's") } }
        let described = descriptions.map { file, body, line, _ in (file: file, references: BodyScan.links(of: body, bodyLine: line)) }
        // Their headings, as an article's: their page's title is the only `#`.
        for (file, body, line, page) in descriptions { diagnostics += BodyScan.titleHeadings(in: body, bodyLine: line, file: file, page: page) }
        let links = resolveLinks(
            articles: articles, publishedNow: published, read: read.articles, rejected: read.rejected, described: described,
            directives: directives, themes: themes, staticFiles: files.other,
            unused: { files.unused(read: read.articles, directives, themes, displayRoot: displayRoot) },
            displayRoot: displayRoot, bases: bases, into: &diagnostics)
        // What drafts link to, for the files they use alone: their problems are told once they are
        // published (or built with `--drafts`), not now.
        var untold: [Diagnostic] = []
        let draftLinks = resolveLinks(
            articles: drafts, publishedNow: published, read: read.articles, rejected: [], described: [], directives: directives, themes: themes,
            staticFiles: files.other, displayRoot: displayRoot, bases: bases, into: &untold)
        let allLinks = links.merging(draftLinks) { kept, _ in kept }
        // A file refused for what it is (Markdown under another name, a photo under no photo's
        // name) is not said to be published as well.
        let refused = Set(diagnostics.filter { $0.severity == .error }.map(\.file))
        diagnostics += unlinkedDocuments(files.other.filter { !refused.contains(ContentTree.join(displayRoot, $0.relativePath)) }, links: allLinks, displayRoot: displayRoot)
        let bodies = articles.map { ($0.file, $0.references, "the article", Optional($0.bodyText)) } + described.map { ($0.file, $0.references, "the description", BodyText?.none) }
        for (file, references, text, body) in bodies {
            if let warning = BodyScan.rawHTMLWarning(references, file: file, unsafeHTML: config.unsafeHTML, text: text, body: body) { diagnostics.append(warning) }
            diagnostics += BodyScan.rawHTMLAddresses(references, file: file, unsafeHTML: config.unsafeHTML, text: text, contentRoot: displayRoot)
            diagnostics += BodyScan.borrowedImages(references, file: file, baseURL: baseURL, unsafeHTML: config.unsafeHTML)
        }
        diagnostics += OldAddresses.linksToOld(in: bodies.map { ($0.0, $0.1) }, articles: published, contentRoot: displayRoot, bases: bases)
        clock.lap("  catalog checked")
        directives = DirectiveKind.filled(directives + citedWithoutFile(by: published, described: directives))
        var catalog = Catalog(config: config, articles: published, directives: directives, themes: themes, staticFiles: files.other, links: links)
        // A scheduled article's too: checked today, not on its day.
        for (file, references) in articles.map({ ($0.file, $0.references) }) + described.map({ ($0.file, $0.references) }) {
            let addresses = references.addressLinks(unsafeHTML: config.unsafeHTML)
            if !addresses.isEmpty { catalog.addressLinks[file] = addresses }
        }
        // A text refused for its errors: its links by the site's address are told with them.
        for text in read.rejected where includeDrafts || text.article?.draft != true {
            let addresses = text.addresses(unsafeHTML: config.unsafeHTML)
            if !addresses.isEmpty { catalog.addressLinks[text.file] = addresses }
        }
        if schedule.waiting > 0 {
            let publishedTexts = Set(published.map(\.file))
            catalog.waiting = articles.filter { !publishedTexts.contains($0.file) }
        }
        catalog.schedule = schedule
        // The files of drafts and scheduled articles wait with them (a refused catalog's too: its
        // links by the site's address are checked against what it would publish); the summary
        // counts those of the scheduled ones (whatever drafts use too).
        catalog.waitingFiles = PublicationSchedule.filesWaiting(
            with: catalog.waiting + drafts, published: published, described: described, links: allLinks, contentRoot: displayRoot,
            unsafeHTML: config.unsafeHTML, siteShows: config.shareImage.map { [$0] } ?? [])
        if diagnostics.hasErrors { return (nil, diagnostics + (whenRefused?(catalog, diagnostics) ?? [])) }
        if schedule.waiting > 0 {
            catalog.schedule.waitingFiles = PublicationSchedule.filesWaiting(
                with: catalog.waiting, published: published, described: described, links: links, contentRoot: displayRoot,
                unsafeHTML: config.unsafeHTML, siteShows: config.shareImage.map { [$0] } ?? []
            ).count
        }
        return (catalog, diagnostics)
    }

    /// The files of a content folder by kind. Markdown is `.md` or `.markdown`, in any case.
    /// An editor's leftovers (backups, swap and lock files) are not content: they are left out.
    struct ContentFiles {
        var articles: [TreeEntry] = [], directives: [TreeEntry] = [], themes: [TreeEntry] = [], other: [TreeEntry] = []
        /// `site.yml` or `site.yaml`, as listed (a link leading outside the folder is not).
        var settings: [TreeEntry] = []
        /// Markdown that is none of those: its source is not published.
        var unread: [TreeEntry] = []
        /// What a merge left beside a file (`mergeOriginal`), with that file: not published.
        var mergeLeftovers: [(file: TreeEntry, original: String)] = []

        init(_ files: [TreeEntry]) {
            articles.reserveCapacity(files.count)
            // What a merge left beside a file that is there (or a folder: `bai.md~HEAD` beside
            // `bai.md/`) is no content; a name like theirs alone is.
            // Made only when a name is one a merge gives (most builds meet none).
            var paths: Set<String>? = nil
            let beside = { (original: String) -> Bool in
                if paths == nil { paths = Set(files.map(\.relativePath)) }
                return paths!.contains(original) || files.contains { $0.relativePath.hasPrefix(original + "/") }
            }
            for file in files where !Self.isLeftover(file.relativePath) {
                if let original = Self.mergeOriginal(of: file.relativePath), beside(original) {
                    mergeLeftovers.append((file, original))
                    continue
                }
                let markdown = Self.isMarkdown(file.relativePath)
                if markdown && file.relativePath.hasPrefix("articles/") {
                    articles.append(file)
                } else if markdown && isTopLevel(file, in: "directives") {
                    directives.append(file)
                } else if markdown && isTopLevel(file, in: "themes") {
                    themes.append(file)
                } else if file.relativePath == "site.yml" || file.relativePath == "site.yaml" {
                    settings.append(file)
                } else if markdown {
                    unread.append(file)
                } else {
                    other.append(file)
                }
            }
        }

        /// The files that become nothing of the site and why, by path under `content/`: Markdown
        /// not read, and texts that gave no article, directive or theme (`read`, `directives`,
        /// `themes`: those that did, named under `displayRoot`).
        func unused(read: [Article], _ directives: [Directive], _ themes: [Theme], displayRoot: String) -> [String: String] {
            var reasons: [String: String] = [:]
            for file in unread { reasons[file.relativePath] = "is Markdown outside articles/, directives/ and themes/, which is not published" }
            for file in settings { reasons[file.relativePath] = "holds the site's settings, which are not published" }
            let made = Set((read.map(\.file) + directives.compactMap(\.file) + themes.compactMap(\.file)).map { ContentIndex.path(of: $0, under: displayRoot) })
            for file in articles + self.directives + self.themes where !made.contains(file.relativePath) {
                reasons[file.relativePath] = Self.hasErrors
            }
            return reasons
        }

        /// Why a link to a text that has errors leads nowhere.
        static let hasErrors = "has errors of its own (reported for it)"

        private func isTopLevel(_ entry: TreeEntry, in folder: String) -> Bool {
            entry.relativePath.hasPrefix(folder + "/") && !entry.relativePath.dropFirst(folder.count + 1).contains("/")
        }

        static func isMarkdown(_ path: String) -> Bool {
            endsWith(path, ".md") || endsWith(path, ".markdown")
        }

        /// Markdown saved under a name bantin does not read as Markdown: `bai.md.txt` (Notepad's
        /// "Save as" adds `.txt`, which Explorer hides), `.mdown`, `.mkd`, `.mkdn`, `.mdwn`,
        /// `.mdtxt`, `.mdx`, `.qmd`, `.Rmd`; or a `.txt`, `.text` or `bai.md.<more>` that starts
        /// with front matter: a line `---`, then fields among
        /// which one of an article's (`title:`, `"subtitle":`…, after comments, blank lines or
        /// another generator's fields), not a text whose first line is a rule. `more`: the file's
        /// first 2 KB, read only for a `.txt` whose start is such a line.
        static func isMarkdownUnderAnotherName(_ path: String, fileStart: [UInt8], more: () -> [UInt8]?) -> Bool {
            let name = path.split(separator: "/").last.map { $0.lowercased() } ?? ""
            if [".md.txt", ".markdown.txt", ".mdown", ".mkd", ".mkdn", ".mdwn", ".mdtxt", ".mdtext", ".mdx", ".markdn", ".rmd", ".qmd"].contains(where: name.hasSuffix) { return true }
            // A text, or an article's file with more after its name (`bai.md.draft`, `bai.md.1`,
            // `bai.md.html`): Markdown when it starts as an article does.
            guard name.hasSuffix(".txt") || name.hasSuffix(".text") || name.contains(".md.") || name.contains(".markdown.") else { return false }
            func withoutMark(_ bytes: [UInt8]) -> ArraySlice<UInt8> { bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...] }
            func text(_ line: ArraySlice<UInt8>) -> String { String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
            let isFence = { (line: ArraySlice<UInt8>) in text(line) == "---" }
            guard isFence(withoutMark(fileStart).prefix { $0 != 0x0A && $0 != 0x0D }), let start = more() else { return false }
            // A field's value that goes on to the next lines, as YAML reads one: a value that starts
            // with a quote, up to its closing one (`\"` escaped in double quotes, `''` in single
            // ones); one that starts with a bracket, up to the bracket that closes it. A quote or
            // a bracket inside a plain value (`15.6"`, `mục [a`) is text.
            var quote: UInt8? = nil, depth = 0
            func read(_ text: ArraySlice<UInt8>) {
                var k = text.startIndex
                while k < text.endIndex {
                    let byte = text[k]
                    if let open = quote {
                        if byte == UInt8(ascii: "\\"), open == UInt8(ascii: "\"") { k += 2; continue }
                        if byte == open {
                            if open == UInt8(ascii: "'"), k + 1 < text.endIndex, text[k + 1] == open { k += 2; continue }
                            quote = nil
                        }
                    } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                        quote = byte
                    } else if byte == UInt8(ascii: "#"), k > text.startIndex, text[k - 1] == 0x20 {
                        return
                    } else if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                        depth += 1
                    } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                        depth = max(0, depth - 1)
                    }
                    k += 1
                }
            }
            func readValue(_ value: ArraySlice<UInt8>) {
                let start = value.drop { $0 == 0x20 || $0 == 0x09 }
                guard let first = start.first, [UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "["), UInt8(ascii: "{")].contains(first) else { return }
                read(start)
            }
            for line in withoutMark(start).split(separator: 0x0A, omittingEmptySubsequences: false).dropFirst().dropLast() {
                if isFence(line) { return false }
                if quote != nil || depth > 0 {
                    read(line)
                    continue
                }
                // Blank lines, comments, a value's lines or a list's items go on with the fields.
                if text(line).isEmpty || line.first == UInt8(ascii: "#") || line.first == 0x20 || line.first == 0x09 || line.first == UInt8(ascii: "-") { continue }
                // A field: a name without spaces (letters of any script, digits, `_`, `-`, `.`; a
                // merge's `<<`), in quotes or not, and a colon; any other line is prose, which
                // front matter is not.
                guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return false }
                let key = text(line[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || "_-.<".contains($0) }) else { return false }
                if ArticleReader.articleFieldNames.contains(key) { return true }
                readValue(line[(colon + 1)...])
            }
            return false
        }

        /// A file at the top of the content folder named as the settings are, in another case or
        /// with an extension added (`Site.yml`, `SITE.YAML`, `site.yml.txt`, `site.yaml.txt`).
        static func isSettingsUnderAnotherName(_ path: String) -> Bool {
            guard !path.contains("/") else { return false }
            let name = path.lowercased()
            return ["site.yml", "site.yaml"].contains { name == $0 || name.hasPrefix($0 + ".") } && path != "site.yml" && path != "site.yaml"
        }

        /// Backups (`bai.md~`, `bai.md.bak`; a merge tool's `bai.md.orig`, a patch's `.rej`), editors' swap and lock files (`.bai.md.swp` is
        /// hidden already; `#bai.md#`, Word's `~$bai.docx`), what a save left when it was cut
        /// short (nano's `bai.md.save`, `bai.md.save.1`; JetBrains' `bai.md___jb_tmp___` and
        /// `___jb_old___`; `sed -i`'s `sedAbc123`; vim's probe `4913`, or `5036`, `5159`… when that
        /// one is taken), a download not finished (`anh.jpg.part`, `.crdownload`, `.partial`), and
        /// the files Windows leaves in folders of photos, a downloaded file's `anh.jpg:Zone.Identifier`
        /// (where it was downloaded from, copied out of Windows beside it) and macOS's folder icon
        /// `Icon\r`. Looked at as bytes: every file of the content passes here.
        static func isLeftover(_ path: String) -> Bool {
            let bytes = path.utf8
            let name = bytes.lastIndex(of: UInt8(ascii: "/")).map { bytes[bytes.index(after: $0)...] } ?? bytes[...]
            guard let first = name.first, let last = name.last else { return false }
            return last == UInt8(ascii: "~") || name.starts(with: "~$".utf8) || (first == UInt8(ascii: "#") && last == UInt8(ascii: "#"))
                || [".swp", ".swo", ".bak", ".old", ".bk", ".backup", ".tmp", ".orig", ".rej", ".save", ".part", ".partial", ".crdownload", "___jb_tmp___", "___jb_old___"].contains { endsWith(path, $0) }
                || [("thumbs.db"), ("desktop.ini"), ("icon\r")].contains { name.count == $0.utf8.count && endsWith(path, $0) }
                || endsWith(path, ":zone.identifier") || isNumberedSave(name) || isSedTemporary(name) || isVimProbe(name)
        }

        /// The file a merge left `path` beside, by its name: `git mergetool`'s copies of a
        /// conflicted file's versions (`bai_BASE_12345.md`, `_LOCAL_`, `_REMOTE_`, `_BACKUP_`, kept
        /// when it is cut short) are of `bai.md`, and the file git moves aside when a file and a
        /// folder of one name conflict (`bai.md~HEAD`, `anh.jpg~nhanh-b`) is of `bai.md`; `nil` for
        /// any other name. Looked at as bytes: every file of the content passes here.
        static func mergeOriginal(of path: String) -> String? {
            // Most names have neither mark: no copy of their bytes is made.
            guard path.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "_") }) else { return nil }
            let bytes = Array(path.utf8)
            let start = (bytes.lastIndex(of: UInt8(ascii: "/")) ?? -1) + 1
            if let tilde = bytes[start...].lastIndex(of: UInt8(ascii: "~")), let dot = bytes[start..<tilde].lastIndex(of: UInt8(ascii: ".")) {
                let ext = bytes[(dot + 1)..<tilde]
                if (1...10).contains(ext.count), ext.allSatisfy({ isASCIILetterOrDigit($0) }), ext.contains(where: { isASCIILetter($0) }) {
                    return String(decoding: bytes[..<tilde], as: UTF8.self)
                }
            }
            var at = start
            while let underscore = bytes[at...].firstIndex(of: UInt8(ascii: "_")) {
                at = underscore + 1
                guard underscore > start else { continue }
                for side in ["BASE_", "LOCAL_", "REMOTE_", "BACKUP_"] where bytes[at...].starts(with: side.utf8) {
                    let digits = at + side.utf8.count
                    var end = digits
                    while end < bytes.count, (48...57).contains(bytes[end]) { end += 1 }
                    guard end > digits, end == bytes.count || (bytes[end] == UInt8(ascii: ".") && !bytes[(end + 1)...].contains(UInt8(ascii: "."))) else { continue }
                    return String(decoding: bytes[..<underscore] + bytes[end...], as: UTF8.self)
                }
            }
            return nil
        }

        private static func isASCIILetter(_ byte: UInt8) -> Bool { (65...90).contains(byte) || (97...122).contains(byte) }
        private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool { isASCIILetter(byte) || (48...57).contains(byte) }

        /// nano's second and later saves of one file: `bai.md.save.1`.
        private static func isNumberedSave(_ name: Substring.UTF8View) -> Bool {
            guard let dot = name.lastIndex(of: UInt8(ascii: ".")), name.index(after: dot) < name.endIndex,
                name[name.index(after: dot)...].allSatisfy({ (48...57).contains($0) }) else { return false }
            return endsWith(String(Substring(name[..<dot])), ".save")
        }

        /// `sed -i`'s file while it writes: `sed` and six letters or digits.
        private static func isSedTemporary(_ name: Substring.UTF8View) -> Bool {
            name.count == 9 && name.starts(with: "sed".utf8) && name.dropFirst(3).allSatisfy { (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) }
        }

        /// vim's test of whether it may write a folder: 4913, or the next free of 5036, 5159, …
        private static func isVimProbe(_ name: Substring.UTF8View) -> Bool {
            guard (4...9).contains(name.count), name.allSatisfy({ (48...57).contains($0) }), let number = Int(Substring(name)) else { return false }
            return number >= 4913 && (number - 4913) % 123 == 0
        }

        /// Whether `path` ends with `suffix` (lower-case ASCII), in any case.
        private static func endsWith(_ path: String, _ suffix: String) -> Bool {
            let bytes = path.utf8, tail = suffix.utf8
            guard bytes.count >= tail.count else { return false }
            return zip(bytes.suffix(tail.count), tail).allSatisfy { $0 | 0x20 == $1 | 0x20 }
        }
    }

    /// Every article file, on every core: from `memory` while the file is unchanged, otherwise read.
    static func readArticles(
        _ files: [TreeEntry], zone: SiteTimeZone, memory: (any ArticleMemory)?, bodies: BodyStore? = nil, display: @escaping @Sendable (TreeEntry) -> String
    ) -> (articles: [Article], diagnostics: [Diagnostic], rejected: [ArticleReader.Rejected]) {
        let parsed: [(article: Article?, diagnostics: [Diagnostic], rejected: ArticleReader.Rejected?, remembered: Bool)] = files.parallelMap { entry in
            if let memory, let key = entry.fileKey, let known = memory.recall(entry.path, key: key) {
                return (known.article, known.diagnostics, nil, true)
            }
            let (article, diagnostics, rejected) = readArticle(entry, zone: zone, keepingBodyIn: bodies, display: display(entry))
            // A file whose front matter has errors, with links or an article as far as it was read,
            // is read again next time: those are checked in each build, and the memory keeps only
            // articles and messages.
            if let memory, let key = entry.fileKey, rejected == nil {
                memory.remember(entry.path, key: key, article: article, diagnostics: diagnostics)
            }
            return (article, diagnostics, rejected, false)
        }
        memory?.used(zip(files, parsed).compactMap { $1.remembered ? $0.path : nil })
        return (parsed.compactMap(\.article), parsed.flatMap(\.diagnostics), parsed.compactMap(\.rejected))
    }

    /// `bodies`: where a body read from its file later is kept until then (`BodyText.readOnce`).
    static func readArticle(_ entry: TreeEntry, zone: SiteTimeZone, keepingBodyIn bodies: BodyStore? = nil, display: String) -> (Article?, [Diagnostic], ArticleReader.Rejected?) {
        var diagnostics: [Diagnostic] = []
        guard let (bytes, text) = readSource(entry.path, display: display, into: &diagnostics, readingOnPastConflicts: true) else { return (nil, diagnostics, nil) }
        var (article, more, rejected) = ArticleReader.read(text: text, file: display, path: entry.relativePath, zone: zone)
        // With a merge conflict left in (an error already), what Markdown makes of its marker
        // lines (`=======` underlines a heading) is no problem of the text's.
        if diagnostics.hasErrors {
            let markers = ConflictMarkers.markerLines(in: text)
            more.removeAll { $0.severity == .warning && markers.contains($0.line) }
        }
        // A body that is the end of its file is read from there again when its page is made:
        // tens of thousands of bodies are not all kept in memory (but until the search index has
        // read them, when it is made: `bodies`).
        if let read = article, let place = BodyText.place(of: read.body, hash: read.bodyHash, endingFile: bytes, at: entry.path) {
            let held: BodyStore.Kept? = if let bodies, case .source(_, let offset, _, _) = place {
                bytes.withUnsafeBytes { bodies.keep(UnsafeRawBufferPointer(rebasing: $0[offset...])) }
            } else { nil }
            article = article?.with(bodyAt: place, holding: held)
        }
        // Kept only when something of it is left to check.
        return (article, diagnostics + more, rejected.flatMap { $0.isEmpty ? nil : $0 })
    }

    /// Directive or theme files, each read by `read`; a second file for the same directive or year
    /// is an error there. The file named after it (`05-ct-tw.md`) is the first, whatever the order
    /// of the names: a copy (`05-ct-tw-ban-sao.md`) is the second.
    static func readTerms<Term: IdentifiedTerm>(
        _ files: [TreeEntry], display: (TreeEntry) -> String, into diagnostics: inout [Diagnostic],
        read: (String, String) -> (Term?, [Diagnostic])
    ) -> [Term] {
        var read: [Term] = files.compactMap { entry in
            guard let text = readText(entry.path, display: display(entry), into: &diagnostics) else { return nil }
            let (term, more) = read(text, display(entry))
            diagnostics += more
            return term
        }
        func isNamedAfter(_ term: Term) -> Bool { (term.file.map { ($0 as NSString).lastPathComponent } ?? "") == term.fileName }
        read = read.filter(isNamedAfter) + read.filter { !isNamedAfter($0) }
        var terms: [Term] = []
        for term in read {
            if let other = terms.first(where: { $0.identity == term.identity }) {
                diagnostics.append(.error(term.file ?? "", line: 1, "\(Term.noun) \(term.identity) is already described in \(other.file ?? ""): keep one of the two files (move what this one adds into it)"))
                continue
            }
            terms.append(term)
        }
        // In the order of their files, as before.
        let order = Dictionary(uniqueKeysWithValues: files.enumerated().map { (display($0.element), $0.offset) })
        return terms.sorted { order[$0.file ?? "", default: 0] < order[$1.file ?? "", default: 0] }
    }

    /// Where the links of every published body lead (articles' links were found when they were
    /// read; directives' and themes' descriptions, `described`, are few, and read by `load`).
    /// `articles` are those with pages at some time (drafts left out); `publishedNow`, those with
    /// pages in this build: a link to one that waits is shown as text until its date.
    static func resolveLinks(
        articles: [Article], publishedNow: [Article], read: [Article], rejected: [ArticleReader.Rejected], described: [(file: String, references: BodyReferences)],
        directives: [Directive], themes: [Theme], staticFiles: [TreeEntry], unused: () -> [String: String] = { [:] }, displayRoot: String, bases: [String],
        into diagnostics: inout [Diagnostic]
    ) -> BodyLinkMap {
        let path = { (file: String) in ContentIndex.path(of: file, under: displayRoot) }
        var documents = articles.filter { !$0.references.links.isEmpty }.map {
            BodyLinkResolver.Document(file: $0.file, path: path($0.file), links: $0.references.links)
        }
        documents += rejected.filter { !$0.links.isEmpty }.map { BodyLinkResolver.Document(file: $0.file, path: path($0.file), links: $0.links, hasErrors: true) }
        for (file, references) in described where !references.links.isEmpty {
            documents.append(BodyLinkResolver.Document(file: file, path: path(file), links: references.links))
        }
        guard !documents.isEmpty else { return [:] }
        let index = ContentIndex(
            published: articles, publishedNow: publishedNow, read: read, directives: directives, themes: themes,
            staticFiles: staticFiles, unused: unused(), contentRoot: displayRoot, bases: bases)
        var resolver = BodyLinkResolver(catalog: index, contentRoot: displayRoot)
        let links = resolver.resolve(documents)
        diagnostics += resolver.diagnostics
        return links
    }

    /// The SVG, HTML and XML files of `content/` (by name, or by a first character `<`), which
    /// are published as they are: each holding what a browser would run (`ActiveContent`) is an
    /// error at the line where it first does (unless `unsafe_html` is on); each holding a picture
    /// written into it (a drawing's embedded photo, `data:image/jpeg;base64,…`) a warning there.
    static func markupFiles(_ files: [(file: TreeEntry, start: [UInt8]?)], displayRoot: String, unsafeHTML: Bool) -> [Diagnostic] {
        files.flatMap { file, start -> [Diagnostic] in
            guard ActiveContent.isChecked(file.relativePath) || start.map(ActiveContent.looksLikeMarkup) == true,
                let bytes = Directory.contents(of: file.path)
            else { return [] }
            let shown = ContentTree.join(displayRoot, file.relativePath)
            var told: [Diagnostic] = []
            if !unsafeHTML, let (line, what) = ActiveContent.firstActive(in: bytes, path: file.relativePath) {
                told.append(.error(shown, line: line, column: 0,
                    "this file holds \(what), which could run as a page of the bulletin's own site when a reader opens it: bantin publishes nothing from \(displayRoot)/ that runs (`unsafe_html` is off); remove it, or publish a picture as PNG and a document as PDF"))
            }
            if let (offset, kind) = ActiveContent.picturesWrittenIn(bytes).first {
                let line = 1 + bytes[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                told.append(.warning(shown, line: line, column: 0,
                    "this file holds a picture written into it (`\(kind)`), published as it is: never made smaller, and with all it holds of where and by whom it was taken (its GPS position too); link the picture as a file of its own (Inkscape: Extensions → Images → Extract Image), or save the drawing as PNG"))
            }
            return told
        }
    }

    /// A file under `articles/` that is no photo and that no text links to: most likely notes or
    /// a draft saved beside an article (`bai.txt`, `bai.docx`), published all the same.
    static func unlinkedDocuments(_ files: [TreeEntry], links: BodyLinkMap, displayRoot: String) -> [Diagnostic] {
        let candidates = files.filter { $0.relativePath.hasPrefix("articles/") && !PhotoNaming.isPhoto($0.relativePath) }
        guard !candidates.isEmpty else { return [] }
        var linked: Set<String> = []
        for targets in links.values {
            for link in targets.values { if case .file(let path) = link.target { linked.insert(path) } }
        }
        return candidates.filter { !linked.contains($0.relativePath) }.map {
            .warning(ContentTree.join(displayRoot, $0.relativePath), "published as \($0.relativePath), though no article links to it; if it is notes or a draft, keep it outside \(displayRoot)/")
        }
    }

    /// Published files whose paths differ only in case (`IMG_1234.JPG`, `img_1234.jpg`): one file
    /// where the site is previewed on Windows or macOS, or served from a host that ignores case,
    /// and one of them replaces the other. A warning at each but the first.
    /// `photos`: the files' photos are published as photos (content's, not a theme's assets).
    static func namesDifferingInCaseOnly(_ files: [TreeEntry], displayRoot: String, photos: Bool = true) -> [Diagnostic] {
        var first: [String: String] = [:]
        var told: [Diagnostic] = []
        // Photos are published under their name without its extension (`anh-480.webp`): theirs must
        // differ too (when it is the same, case and all, the photos' own check tells it).
        let stem = { (path: String) in photos && PhotoNaming.isPhoto(path) ? String(path.dropLast(PhotoNaming.fileExtension(of: path).count)) : path }
        for file in files {
            let key = stem(file.relativePath).lowercased()
            if let other = first[key], stem(other) != stem(file.relativePath) {
                told.append(.warning(ContentTree.join(displayRoot, file.relativePath),
                    "its name differs from \(ContentTree.join(displayRoot, other))'s only in case (or extension): where the site is opened on Windows or macOS, or served by a host that ignores case, they are one file and one replaces the other; rename one"))
            } else if first[key] == nil {
                first[key] = file.relativePath
            }
        }
        return told
    }

    /// Published files whose names, or their folders', Windows cannot hold (`aux.pdf`,
    /// `Báo cáo 10:30.pdf`, `media/aux/`): a warning at each, once for a folder.
    static func namesWindowsCannotHold(_ files: [TreeEntry], displayRoot: String) -> [Diagnostic] {
        var told: Set<String> = []
        return files.compactMap { file in
            let parts = file.relativePath.split(separator: "/")
            guard let (at, why) = parts.indices.lazy.compactMap({ k in WindowsNames.problem(in: parts[k]).map { (k, $0) } }).first else { return nil }
            let folder = at < parts.count - 1
            let path = parts[...at].joined(separator: "/")
            guard told.insert(path).inserted else { return nil }
            return .warning(ContentTree.join(displayRoot, path) + (folder ? "/" : ""),
                "\(why): where the site is copied, unzipped or opened from disk on Windows, this \(folder ? "folder and every file in it are" : "file is") lost; rename it")
        }
    }

    /// Directives that articles cite but no file describes: each still gets a page, made from its
    /// code alone, spelt as most articles citing it spell it (`08-QĐi/TW` against one
    /// `08-QĐI/TW`; `05-CT/TW` against one `5-CT/TW`), else as the first by file name does.
    static func citedWithoutFile(by articles: [Article], described: [Directive]) -> [Directive] {
        let known = Set(described.map(\.code))
        guard articles.contains(where: { $0.directives.contains { !known.contains($0) } }) else { return [] }
        // Each code's spellings, in the order first met, and how many articles write each.
        var spellings: [DirectiveCode: [(text: String, code: DirectiveCode, count: Int)]] = [:]
        for article in articles.sorted(by: { $0.file < $1.file }) {
            for code in article.directives where !known.contains(code) {
                if let at = spellings[code, default: []].firstIndex(where: { $0.text == code.text }) {
                    spellings[code]![at].count += 1
                } else {
                    spellings[code, default: []].append((code.text, code, 1))
                }
            }
        }
        // `max` keeps the first of equals: the first met.
        let spelt = spellings.values.map { found in found.max { $0.count < $1.count }!.code }
        return spelt.sorted().map(Directive.init(citing:))
    }

    /// `site.yml` (or `site.yaml`) of a content folder; the defaults, with a warning, when there is none.
    public static func siteConfig(in content: URL, displayRoot: String, diagnostics: inout [Diagnostic]) -> SiteConfig {
        let files = ["site.yml", "site.yaml"].map { TreeEntry(relativePath: $0, path: content.appendingPathComponent($0).path) }
        return siteSettings(files.filter { FileManager.default.fileExists(atPath: $0.path) }, displayRoot: displayRoot, diagnostics: &diagnostics, content: content).config
    }

    /// The site's settings from the settings file among `files` (`site.yml` before `site.yaml`),
    /// the file they are in (as messages name it) and where each setting is written.
    /// `content`: the content folder, where a settings file beside it (saved one folder too high) is looked for.
    static func siteSettings(_ files: [TreeEntry], displayRoot: String, diagnostics: inout [Diagnostic], content: URL? = nil)
        -> (config: SiteConfig, file: String, positions: FieldPositions)
    {
        var positions = FieldPositions()
        guard let file = files.first(where: { $0.relativePath == "site.yml" }) ?? files.first else {
            let beside = content.flatMap { folder in
                ["site.yml", "site.yaml"].first { FileManager.default.fileExists(atPath: folder.deletingLastPathComponent().appendingPathComponent($0).path) }
            }
            let hint = beside.map { "; the \($0) beside \(displayRoot) is not read: move it into \(displayRoot)" } ?? ""
            diagnostics.append(.warning(ContentTree.join(displayRoot, "site.yml"), "no site.yml; using a default title" + hint))
            return (SiteConfig(), ContentTree.join(displayRoot, "site.yml"), positions)
        }
        let display = ContentTree.join(displayRoot, file.relativePath)
        // Both names: one is read, the other's edits would change nothing without a word.
        for other in files where other.relativePath != file.relativePath {
            diagnostics.append(.warning(ContentTree.join(displayRoot, other.relativePath),
                "not read: the settings are read from \(display) when there is one; keep one settings file (move what this one holds into \(display), and delete it)"))
        }
        guard let text = readText(file.path, display: display, into: &diagnostics) else { return (SiteConfig(), display, positions) }
        return (SiteConfigReader.read(text: text, file: display, positions: &positions, diagnostics: &diagnostics), display, positions)
    }

    static func readText(_ path: String, display: String, into diagnostics: inout [Diagnostic]) -> String? {
        readSource(path, display: display, into: &diagnostics)?.text
    }

    /// A file's bytes and its text.
    /// `readingOnPastConflicts`: a merge conflict left in the body (after the front matter) is
    /// an error, and the file is read on, so that its other problems are told in the same build.
    static func readSource(_ path: String, display: String, into diagnostics: inout [Diagnostic], readingOnPastConflicts: Bool = false) -> (bytes: [UInt8], text: String)? {
        errno = 0
        guard let bytes = Directory.contents(of: path) else {
            let reason = errno == EISDIR ? "it is a folder" : FileFault.told(errno == 0 ? EIO : errno)
            diagnostics.append(.error(display, "cannot read this file: \(reason)"))
            return nil
        }
        switch SourceDecoder.decode(bytes, path: display, checkingConflicts: !readingOnPastConflicts) {
        case .success(let text):
            if readingOnPastConflicts, let conflict = SourceDecoder.conflict(in: bytes[...], path: display) {
                diagnostics.append(conflict)
                // In the front matter, the markers would only make YAML errors of their own.
                guard case .success(let split) = FrontMatterSplitter.split(text, path: display), conflict.line >= split.bodyLine else { return nil }
            }
            return (bytes, text)
        case .failure(let problem):
            diagnostics.append(problem)
            return nil
        }
    }
}
