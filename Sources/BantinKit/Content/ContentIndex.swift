import Foundation

/// What lies where under `content/`, for the links of bodies: articles (published or not),
/// directive and theme files, and every other file, each by its path there.
struct ContentIndex {
    private var targets: [String: ResolvedLink.Target] = [:]
    private var bodies: [String: String] = [:]
    private var unpublishedPaths: Set<String> = []
    /// Scheduled articles that wait in this build, with their dates.
    private var waitingPaths: [String: LocalDateTime] = [:]
    private var files: [String: TreeEntry] = [:]
    private var folders: Set<String> = []
    private let read: [String: Article]
    /// Files of the content folder that are no page or file of the site, and why.
    private let unused: [String: String]
    private let bases: [String]
    /// What a link to nothing looks up, made when one first does.
    private let lookups = Lookups()

    /// `published`: the articles the site shows now or once their date comes; `publishedNow`:
    /// those it shows in this build; `read`: every article read, drafts included; `unused`: files
    /// under `content/` that become nothing of the site, and why (by path there); `bases`: the
    /// site's base URLs, under which an old address written in full is a path (`OldAddresses`).
    init(
        published: [Article], publishedNow: [Article], read: [Article], directives: [Directive], themes: [Theme],
        staticFiles: [TreeEntry], unused: [String: String] = [:], contentRoot: String, bases: [String]
    ) {
        self.unused = unused
        self.bases = bases
        let path = { (file: String) in Self.path(of: file, under: contentRoot) }
        var byPath: [String: Article] = [:]
        for article in read { byPath[path(article.file)] = article }
        self.read = byPath
        let shown = Set(published.map { ObjectIdentifier($0) })
        let shownNow = Set(publishedNow.map { ObjectIdentifier($0) })
        for (articlePath, article) in byPath {
            targets[articlePath] = .article(article.slug)
            if !shown.contains(ObjectIdentifier(article)) {
                unpublishedPaths.insert(articlePath)
            } else if !shownNow.contains(ObjectIdentifier(article)) {
                waitingPaths[articlePath] = article.date
            }
        }
        for directive in directives {
            guard let file = directive.file else { continue }
            targets[path(file)] = .directive(directive.code)
            bodies[path(file)] = directive.body
        }
        for theme in themes {
            guard let file = theme.file else { continue }
            targets[path(file)] = .theme(theme.year)
            bodies[path(file)] = theme.body
        }
        for entry in staticFiles {
            targets[entry.relativePath] = .file(entry.relativePath)
            files[entry.relativePath] = entry
        }
        for known in targets.keys {
            var folder = Substring(known)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                guard folders.insert(String(folder)).inserted else { break }
            }
        }
    }

    /// A path under `content/` of a file that `displayRoot` names as `file`.
    static func path(of file: String, under displayRoot: String) -> String {
        guard !displayRoot.isEmpty, displayRoot != "." else { return file }
        let prefix = displayRoot.hasSuffix("/") ? displayRoot : displayRoot + "/"
        return file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : file
    }

    func target(at path: String) -> ResolvedLink.Target? { targets[path] }

    /// The file under `content/` whose page is at `address` of the site (`van-ban/144-qd-tw/`,
    /// `bai-viet/x/index.html`, as a browser shows it), or one of whose old addresses it is
    /// (`aliases`), if any: what a link to it is written as.
    func source(ofPage address: String) -> String? {
        var page = address.hasSuffix("index.html") ? String(address.dropLast("index.html".count)) : address
        if !page.hasSuffix("/") { page += "/" }
        page += "index.html"
        let pages = lookups.pages(targets)
        let old = { [address] () -> String? in
            let olds = lookups.oldAddresses(read, bases: bases)
            // (An old address is written from the site's root: `/tin/12.html`, the path of a file.)
            let rooted = address.hasPrefix("/") ? address : "/" + address
            return [page, try? OldAddresses.outputPath(of: rooted, bases: bases).get()].compactMap { $0.flatMap { olds[$0] } }.min()
        }
        return pages[page] ?? old()
    }

    /// Whether the file at `path` under `content/` holds no byte (as it was listed, or now).
    func isEmptyFile(_ path: String) -> Bool {
        guard let entry = files[path] else { return false }
        if let size = entry.fileKey?.size { return size == 0 }
        return (try? FileManager.default.attributesOfItem(atPath: entry.path)[.size] as? NSNumber)?.intValue == 0
    }

    /// The file a link to the missing `path` most likely meant: the one file of that name
    /// elsewhere (another month's folder), else the nearest name in its folder (a typo, another
    /// case), if near enough.
    func nearest(to path: String) -> String? {
        let files = lookups.files(targets)
        // A photo published under another name (`anh.heic` as `anh.jpg`) is linked by its own.
        if let photo = files.published[path] { return photo }
        let (folder, name) = Self.split(path)
        if let sameName = files.byName[name], sameName.count == 1 { return sameName[0] }
        let siblings = files.byFolder[folder] ?? []
        return Suggestion.nearest(to: String(name), among: siblings.map(String.init), within: max(2, name.count / 6)).map { folder.isEmpty ? $0 : folder + "/" + $0 }
    }

    fileprivate static func split(_ path: String) -> (folder: Substring, name: Substring) {
        guard let slash = path.lastIndex(of: "/") else { return ("", Substring(path)) }
        return (path[..<slash], path[path.index(after: slash)...])
    }

    /// Indexes of the paths a link to nothing is looked up in, each made once, when first asked
    /// (a migrated archive's thousands of such links each looked through every path).
    private final class Lookups {
        private var madeFiles: (published: [String: String], byName: [Substring: [String]], byFolder: [Substring: [Substring]])?
        private var madePages: [String: String]?
        private var madeOldAddresses: [String: String]?

        /// Paths under `content/` by the name each is published as, by file name, and the names in each folder.
        func files(_ targets: [String: ResolvedLink.Target]) -> (published: [String: String], byName: [Substring: [String]], byFolder: [Substring: [Substring]]) {
            if let madeFiles { return madeFiles }
            let paths = targets.keys.sorted()
            let made = (
                published: Dictionary(paths.map { (PhotoNaming.published($0), $0) }) { first, _ in first },
                byName: Dictionary(grouping: paths) { ContentIndex.split($0).name },
                byFolder: Dictionary(grouping: paths.map(ContentIndex.split)) { $0.folder }.mapValues { $0.map(\.name) })
            madeFiles = made
            return made
        }

        /// The file whose page each address (`bai-viet/x/index.html`) is (the first by path).
        func pages(_ targets: [String: ResolvedLink.Target]) -> [String: String] {
            if let madePages { return madePages }
            let made = Dictionary(targets.compactMap { path, target -> (String, String)? in
                switch target {
                case .article(let slug): (Route.article(slug).outputPath, path)
                case .directive(let code): (Route.directive(code.slug, page: 1).outputPath, path)
                case .theme(let year): (Route.theme(year: year, page: 1).outputPath, path)
                default: nil
                }
            }, uniquingKeysWith: min)
            madePages = made
            return made
        }

        /// The article each old address (`aliases`) is of (the first by path).
        func oldAddresses(_ read: [String: Article], bases: [String]) -> [String: String] {
            if let madeOldAddresses { return madeOldAddresses }
            let made = Dictionary(read.flatMap { path, article in
                article.fields.aliases.compactMap { try? OldAddresses.outputPath(of: $0, bases: bases).get() }.map { ($0, path) }
            }, uniquingKeysWith: min)
            madeOldAddresses = made
            return made
        }
    }

    /// Why the file at `path`, which is there, becomes nothing of the site (Markdown that is not
    /// read, a text that could not be read).
    func unused(_ path: String) -> String? { unused[path] }

    /// Why the article at `path` has no page, when it has none.
    func unpublished(_ path: String) -> String? {
        guard unpublishedPaths.contains(path) else { return nil }
        return read[path]?.draft == true ? "is a draft (`draft: true`)" : "is not published"
    }

    /// The date of the scheduled article at `path` when it waits in this build (it has no page yet).
    func waitingUntil(_ path: String) -> LocalDateTime? { waitingPaths[path] }

    /// The Markdown body of the article, directive or theme file at `path`.
    func body(at path: String) -> String? { bodies[path] ?? read[path]?.body }

    func isFolder(_ path: String) -> Bool { path.isEmpty || folders.contains(path) }

    /// The `id`s of an HTML file under `content/` (copied as it is).
    func htmlIDs(at path: String) -> Set<String>? {
        guard let entry = files[path], let text = try? String(contentsOfFile: entry.path, encoding: .utf8) else { return nil }
        return LinkChecker.ids(in: text)
    }
}
