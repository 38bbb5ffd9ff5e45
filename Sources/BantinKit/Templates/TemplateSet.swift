import Foundation

/// Every `*.mustache` file of the templates folder, parsed, plus the theme assets.
public struct TemplateSet: Sendable {
    public let library: TemplateLibrary
    /// Files under `templates/assets/`, copied to `assets/` in the output.
    public let assets: [TreeEntry]
    /// Templates found including themselves without end while pages were rendered.
    let endless = EndlessIncludes()

    /// The templates pages are rendered with: each is needed by every build.
    enum Page: String, CaseIterable {
        case article, list, terms, print, search
        case notFound = "404"
    }

    /// Loads templates one by one so that every parse error is reported, with file, line and column.
    /// `site`: the site's settings, whose pages have the names `TemplateNames.known` gives; a
    /// name of a template that parses and is none of them is a warning, whatever the other
    /// templates hold, and so is a variable printing a `site.params` list or mapping.
    public static func load(folder: URL, displayRoot: String, site: SiteConfig? = nil) -> (TemplateSet?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        guard Directory.leadsToFolder(folder.path) else {
            let found = Directory.linkStatus(folder.path) != nil ? "\(displayRoot) is a file, not a folder" : "templates folder not found"
            return (nil, [.error(displayRoot, "\(found); pass `--templates DIR`")])
        }
        let listing = ContentListing(of: folder, displayRoot: displayRoot)
        let files = listing.files
        diagnostics += listing.diagnostics
        // A folder that could not be listed (no permission, too many open files) hides what it
        // holds: nothing under it is told missing, the folder's error says why.
        let listed = { (name: String) in !listing.mayHold(name) }
        var templates: [String: Template] = [:]
        var present: Set<String> = []
        var references: [Reference] = []
        var nameUses: [(file: String, use: Template.NameUse)] = []
        for entry in files where entry.relativePath.hasSuffix(".mustache") && !entry.relativePath.hasPrefix("assets/") {
            let display = ContentTree.join(displayRoot, entry.relativePath)
            let name = String(entry.relativePath.dropLast(".mustache".count))
            // There, even when unreadable: what includes it is not told it is missing.
            present.insert(name)
            guard let text = CatalogLoader.readText(entry.path, display: display, into: &diagnostics) else { continue }
            do {
                let template = try Template(parsing: text)
                templates[name] = template
                references += template.references.map { Reference(name: $0.name, from: name, file: display, line: $0.line, column: $0.column, conditional: $0.conditional) }
                nameUses += template.names.map { (display, $0) }
            } catch {
                diagnostics.append(.error(display, line: error.line, column: error.column, "template does not parse: \(error.message)"))
            }
        }
        if let site {
            diagnostics += TemplateNames.unknownNames(in: nameUses, known: TemplateNames.known(site: site))
            diagnostics += TemplateNames.paramsPrintedAsNothing(in: nameUses, params: site.params)
        }
        for reference in references where !present.contains(reference.name) && listed(reference.name) {
            diagnostics.append(
                .error(reference.file, line: reference.line, column: reference.column,
                       "partial `\(reference.name)` does not exist (no \(ContentTree.join(displayRoot, reference.name + ".mustache")))"
                        + missingPartialHint(reference.name, present: present, files: files.map(\.relativePath))))
        }
        diagnostics += includeCycles(references)
        for page in Page.allCases.map(\.rawValue) where !present.contains(page) && listed(page) {
            diagnostics.append(.error(ContentTree.join(displayRoot, page + ".mustache"),
                "missing page template: every page kind needs its own (a theme made for an older bantin may lack it); start from the one in bantin's own templates/ folder, with the partials and assets it uses"))
        }
        // An editor's leftovers (`style.css~`, `style.css.bak`) are not published, as in content/.
        let assets = files.filter { $0.relativePath.hasPrefix("assets/") && !CatalogLoader.ContentFiles.isLeftover($0.relativePath) }
        diagnostics += assets.compactMap { SourceDecoder.conflict(inPublished: $0, displayRoot: displayRoot) }
        diagnostics += assets.filter { PosixFiles.start(of: $0.path, count: 64).map(GitLFSPointer.isPointer(fileStart:)) == true }.map {
            .error(ContentTree.join(displayRoot, $0.relativePath), GitLFSPointer.told)
        }
        diagnostics += assets.compactMap { searchScriptFormat(of: $0, displayRoot: displayRoot) }
        // Published beside the content's files, as they are: the same names they must not have.
        diagnostics += CatalogLoader.namesDifferingInCaseOnly(assets, displayRoot: displayRoot, photos: false)
        diagnostics += CatalogLoader.namesWindowsCannotHold(assets, displayRoot: displayRoot)
        if diagnostics.hasErrors { return (nil, diagnostics) }
        return (TemplateSet(library: TemplateLibrary(templates), assets: assets), diagnostics)
    }

    /// A warning when the search page's script (`assets/search.js`) reads another format of the
    /// search index than this bantin writes: templates copied from an earlier bantin, whose
    /// search page would find nothing, or rank and show results wrongly, without a word.
    static func searchScriptFormat(of asset: TreeEntry, displayRoot: String) -> Diagnostic? {
        guard asset.relativePath == "assets/search.js", let script = try? String(contentsOfFile: asset.path, encoding: .utf8),
            !script.contains(SearchShards.formatLine)
        else { return nil }
        return .warning(ContentTree.join(displayRoot, asset.relativePath),
            "reads another format of the search index than this bantin writes (it has no `\(SearchShards.formatLine)`): the search page would find nothing or rank wrongly; copy assets/search.js from the templates/ folder of this version of bantin")
    }

    /// What to write instead of a partial's name that no template has: the same path without
    /// `.` parts (`./card`), the file with `.mustache` in another case (`promo.Mustache`), or the
    /// nearest name.
    static func missingPartialHint(_ name: String, present: Set<String>, files: [String]) -> String {
        let parts = name.split(separator: "/").filter { $0 != "." }.map(String.init)
        if !parts.contains(".."), parts.joined(separator: "/") != name, present.contains(parts.joined(separator: "/")) {
            return "; a partial is named by its path from the templates folder, without `.` parts: write `\(parts.joined(separator: "/"))`"
        }
        if let file = files.first(where: { $0.lowercased() == (name + ".mustache").lowercased() }) {
            return "; there is `\(file)`, but a template's file name ends in `.mustache`, in lower case, and is written in the case it has"
        }
        return Suggestion.nearest(to: name, among: Array(present).sorted()).map { "; did you mean `\($0)`?" } ?? ""
    }

    /// A partial or parent named in a template: `name`, included from the template `from` (the file `file`).
    struct Reference {
        var name: String
        var from: String
        var file: String
        var line: Int
        var column: Int
        /// Inside a section or inverted section: included only when the data says so.
        var conditional = false
    }

    /// A template that includes itself whatever the data, directly or through others, is an error
    /// at the tag that closes the loop: it would repeat until a limit cut it off. Through a
    /// section it is recursion over nested data (a tree of lists), which ends with the data.
    static func includeCycles(_ references: [Reference]) -> [Diagnostic] {
        let always = references.filter { !$0.conditional }
        let included = Dictionary(grouping: always, by: \.from).mapValues { $0.map(\.name) }
        var diagnostics: [Diagnostic] = []
        for reference in always {
            // Does what it includes lead back to the template that includes it?
            var seen: Set<String> = []
            var stack = [reference.name]
            while let next = stack.popLast() {
                if next == reference.from {
                    diagnostics.append(.error(reference.file, line: reference.line, column: reference.column,
                        "`\(reference.name)` leads back to \(reference.from).mustache, which would include itself without end; a template may not include itself"))
                    break
                }
                if seen.insert(next).inserted { stack += included[next] ?? [] }
            }
        }
        return diagnostics
    }

    /// The page rendered by the template `page`, as UTF-8.
    func render(_ context: some TemplateObject, page: Page) -> [UInt8] {
        let (bytes, endless) = library.renderChecked(page.rawValue, root: .object(context))
        if let endless { self.endless.record(endless) }
        return bytes
    }

    /// What pages found of templates that include themselves without end (a section's data did
    /// not stop the recursion): the build fails before its site is published.
    final class EndlessIncludes: @unchecked Sendable {
        private let lock = NSLock()
        private var names: Set<String> = []

        func record(_ name: String) {
            lock.lock()
            names.insert(name)
            lock.unlock()
        }

        /// The first such template, by name.
        var first: String? {
            lock.lock()
            defer { lock.unlock() }
            return names.min()
        }
    }
}
