import Foundation

/// Where a link of a body leads, as resolved against the catalog.
public struct ResolvedLink: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        case article(Slug)
        case directive(DirectiveCode)
        case theme(Int)
        /// A file copied from `content/` (a photo, a PDF), by its path there.
        case file(String)
        /// A heading of the body's own page.
        case samePage
        /// An unsafe or empty address: the link is shown as its text.
        case text

        var isFile: Bool {
            if case .file = self { return true }
            return false
        }
    }

    public var target: Target
    /// `?query#fragment` as written, kept after the target's address.
    public var suffix: String

    /// All that decides the address it becomes (for page fingerprints).
    var key: String {
        switch target {
        case .article(let slug): "a " + slug.value + suffix
        case .directive(let code): "d " + code.slug.value + suffix
        case .theme(let year): "t \(year)" + suffix
        case .file(let path): "f " + path + suffix
        case .samePage: "# " + suffix
        case .text: "x"
        }
    }
}

/// Each body's resolved links: by its file (as diagnostics name it), then by destination as written.
public typealias BodyLinkMap = [String: [String: ResolvedLink]]

/// Resolves the links of every body to a page or file of the site, or reports, at the link's line
/// and column, why it cannot: no such file, a draft, a heading the target does not have, a path
/// leaving `content/`, an unsafe or empty address. What `bantin check` would reject in a built site
/// is caught here, at its source.
struct BodyLinkResolver {
    /// A body with links: its file as diagnostics name it, its path under `content/`, and its links.
    struct Document {
        var file: String
        var path: String
        var links: [BodyLink]
        /// A text whose front matter has errors: its links to itself or to other such texts are
        /// no problems of their own (those texts' are reported for them).
        var hasErrors = false
    }

    let catalog: ContentIndex
    let contentRoot: String
    private var headingCache: [String: Set<String>] = [:]
    /// The same, sorted, for the messages of links to none of them.
    private var sortedHeadings: [String: [String]] = [:]
    private(set) var diagnostics: [Diagnostic] = []

    init(catalog: ContentIndex, contentRoot: String) {
        self.catalog = catalog
        self.contentRoot = contentRoot
    }

    /// The resolved links of `documents`.
    mutating func resolve(_ documents: [Document]) -> BodyLinkMap {
        var map: BodyLinkMap = [:]
        for document in documents where !document.links.isEmpty {
            var resolved: [String: ResolvedLink] = [:]
            for link in document.links {
                guard let target = resolve(link, in: document) else { continue }
                resolved[link.destination] = target
            }
            map[document.file] = resolved
        }
        return map
    }

    private mutating func resolve(_ link: BodyLink, in document: Document) -> ResolvedLink? {
        let destination = link.destination
        let what = link.isImage ? "image" : "link"
        if link.isImage, !link.hasText {
            warn(link, document, "image without alt text: write what it shows between the brackets, for readers who cannot see it: `![Quang cảnh hội nghị](\(destination))`")
        } else if link.isImage, link.altIsFileName {
            warn(link, document, "image whose alt text is a file's name, which a screen reader reads out as it is: write what it shows between the brackets: `![Quang cảnh hội nghị](\(destination))`")
        }
        if destination.trimmingCharacters(in: .whitespaces).isEmpty {
            warn(link, document, "empty \(what): its text is shown without a link; write the address between the brackets: `[chữ](../bai-khac.md)`")
            return ResolvedLink(target: .text, suffix: "")
        }
        if LinkDestination.isPathOnAComputer(destination) {
            fail(link, document,
                "`\(destination)` is a path on a computer, not an address: no reader can open it, and it names the computer's folders (its user too); copy the file into \(contentRoot)/ (\(contentRoot)/media/, say) and write the \(what) relative to this file")
            return nil
        }
        if LinkDestination.isUnsafe(destination) {
            let scheme = destination.prefix { $0 != ":" }.lowercased()
            warn(link, document, "unsafe \(what) `\(scheme):` is not allowed: its text is shown without a link")
            return ResolvedLink(target: .text, suffix: "")
        }
        if let kind = LinkDestination.pictureKind(destination) {
            fail(link, document, BodyScan.pictureWrittenIn(kind, contentRoot: contentRoot))
            return nil
        }
        let parts = LinkParts(destination)
        guard !parts.path.isEmpty else {
            if let fragment = parts.fragment.flatMap(LinkChecker.elementID), !headings(of: document.path).contains(fragment) {
                fail(link, document, "`#\(fragment)` is not a heading of this text\(listing(headings(of: document.path), of: document.path, near: fragment))")
            }
            return ResolvedLink(target: .samePage, suffix: parts.suffix)
        }
        guard let path = ContentPath.resolve(parts.path, from: document.path) else {
            fail(link, document, "`\(destination)` leads outside \(contentRoot)/; link to a file under it, relative to this file")
            return nil
        }
        guard let target = catalog.target(at: path) else {
            if let reason = catalog.unused(path) {
                if !(document.hasErrors && reason == CatalogLoader.ContentFiles.hasErrors) {
                    fail(link, document, "`\(parts.path)` \(reason), so nothing is published for it")
                }
                return nil
            }
            // An old site's address of a post by its number (`/?p=123`, `index.php?option=…`), from a migration.
            if parts.suffix.hasPrefix("?"), ["", "/", "index.php", "/index.php"].contains(parts.path) {
                fail(link, document, "`\(destination)` is an address on the site this text was copied from (a post by its number), which leads to no page here: link to the article's file instead (`../2019/05/bai-viet.md`), or leave the words without a link")
                return nil
            }
            // A file there or not, a leftover's name is never published: not "does not exist" for a file one sees.
            if CatalogLoader.ContentFiles.isLeftover(path) {
                fail(link, document, "`\(parts.path)` has the name of an editor's leftover (a backup, a save cut short, a download not finished), and such files are never published: rename the file if it is meant for readers")
                return nil
            }
            // Nor is a hidden one (`.an.pdf`, a file in `.nhap/`), which the content folder's listing leaves out.
            if let hidden = ContentTree.hiddenProblem(path, written: parts.path) {
                fail(link, document, hidden)
                return nil
            }
            fail(link, document, missing(parts.path, resolved: path, from: document.path, fragment: parts.fragment))
            return nil
        }
        if let reason = catalog.unpublished(path) {
            fail(link, document, "`\(parts.path)` \(reason), so no page is made for it")
            return nil
        }
        if link.isImage, !target.isFile {
            fail(link, document, "`\(parts.path)` is a text, not a picture: an image must show a photo or drawing file")
            return nil
        }
        if link.isImage, case .file(let file) = target, !PhotoNaming.isPicture(file) {
            fail(link, document,
                "`\(parts.path)` is not a picture, and a page cannot show it as an image: show a JPEG, PNG, WebP, HEIC, AVIF, TIFF, GIF or SVG file, or link to this one without the `!` (`[…](\(destination))`)")
            return nil
        }
        // A photo's emptiness is told with its other faults (`PhotoUses`); a picture published as
        // it is (GIF, SVG, an icon) would show as a broken image.
        if link.isImage, case .file(let file) = target, !PhotoNaming.isPhoto(file), catalog.isEmptyFile(file) {
            fail(link, document, "`\(parts.path)` is empty (0 bytes), and a page cannot show it: save the picture again, or copy it again whole")
            return nil
        }
        if let fragment = parts.fragment.flatMap(LinkChecker.elementID), let ids = anchors(of: target, at: path), !ids.contains(fragment) {
            fail(link, document, "`#\(fragment)` is not a heading of \(ContentTree.join(contentRoot, path))\(listing(ids, of: path, near: fragment))")
        }
        if let due = catalog.waitingUntil(path) {
            // The text is linked by the first build at or after the target's date.
            let linkerDue = catalog.waitingUntil(document.path)
            if linkerDue.map({ $0 < due }) ?? true {
                warn(link, document, "`\(parts.path)` is scheduled for \(due.iso8601) (\(due.vietnameseDisplay)): its text is shown without a link until then (`--future` links it now)")
            }
            return ResolvedLink(target: .text, suffix: "")
        }
        return ResolvedLink(target: target, suffix: parts.suffix)
    }

    /// The ids a fragment may name in the page or file `target` becomes; `nil` when not checked.
    private mutating func anchors(of target: ResolvedLink.Target, at path: String) -> Set<String>? {
        switch target {
        case .article, .directive, .theme: return headings(of: path)
        case .file(let file) where file.hasSuffix(".html"): return catalog.htmlIDs(at: path)
        default: return nil
        }
    }

    private mutating func headings(of path: String) -> Set<String> {
        if let known = headingCache[path] { return known }
        let ids = Set(catalog.body(at: path).map(MarkdownRenderer.headingIDs(in:)) ?? [])
        headingCache[path] = ids
        return ids
    }

    /// The headings a link to `fragment` could have meant: all of them, or, of a text with many
    /// (a law's hundreds of articles, each linked by a thousand texts), the nearest and the first
    /// few by name, the rest counted (each message listed them all: megabytes of messages).
    private mutating func listing(_ ids: Set<String>, of path: String, near fragment: String) -> String {
        if ids.isEmpty { return " (it has no headings)" }
        let shown = 12
        let sorted = sortedHeadings[path] ?? ids.sorted()
        sortedHeadings[path] = sorted
        guard ids.count > shown else { return "; its headings: " + sorted.map { "#\($0)" }.joined(separator: ", ") }
        let first = sorted.prefix(shown)
        let near = Suggestion.nearest(to: fragment, among: ids).map { "did you mean `#\($0)`? " } ?? ""
        return "; \(near)its headings: " + first.map { "#\($0)" }.joined(separator: ", ") + " and \(ids.count - shown) more"
    }

    /// Why nothing is at `resolved`, with a hint when the editor wrote a path from `content/`.
    private func missing(_ written: String, resolved: String, from document: String, fragment: String? = nil) -> String {
        // A `#` in a file's or folder's name (`Mục #1/a.md`, `C#/b.md#phan`) starts the link's anchor:
        // the name's is written `%23`. The longest part of the anchor that, with it, names a file or
        // folder (up to a `/` or another `#`) is the name's.
        if let fragment {
            let ends = fragment.indices.filter { fragment[$0] == "/" || fragment[$0] == "#" } + [fragment.endIndex]
            if let end = ends.reversed().first(where: { end in
                ContentPath.resolve(written + "#" + fragment[..<end], from: document).map { catalog.target(at: $0) != nil || catalog.isFolder($0) } ?? false
            }) {
                let name = fragment[..<end].replacingOccurrences(of: "#", with: "%23")
                return "`\(written)` does not exist: the `#` after it starts the name of a heading (an anchor), not more of the path; write the `#` of a file's or folder's name as `%23`: `\(written)%23\(name)\(fragment[end...])`"
            }
        }
        var message = "`\(written)` does not exist: there is no \(ContentTree.join(contentRoot, resolved))"
        if catalog.isFolder(resolved) { message = "`\(written)` is a folder; link to a file in it" }
        // An address of the site, copied from the browser (`/van-ban/144-qd-tw/`): links name the file that makes the page.
        let address = String(written.drop { $0 == "/" || $0 == "." })
        if let source = catalog.source(ofPage: resolved) ?? catalog.source(ofPage: address), let relative = ContentPath.relative(source, from: document) {
            return message + "; it is the address of the page \(ContentTree.join(contentRoot, source)) makes, and links name that file (its address then follows it wherever the page is published): write `\(relative)\(fragment.map { "#" + $0 } ?? "")`"
        }
        if !written.hasPrefix("/"), catalog.target(at: written) != nil, let relative = ContentPath.relative(written, from: document) {
            message += "; paths are relative to this file: did you mean `\(relative)`?"
        } else if !catalog.isFolder(resolved), let near = catalog.nearest(to: resolved), let relative = ContentPath.relative(near, from: document) {
            message += "; did you mean `\(relative)`?"
        }
        return message
    }

    private mutating func fail(_ link: BodyLink, _ document: Document, _ message: String) {
        diagnostics.append(link.position.diagnostic(.error, document.file, message))
    }

    private mutating func warn(_ link: BodyLink, _ document: Document, _ message: String) {
        diagnostics.append(link.position.diagnostic(.warning, document.file, message))
    }
}

/// A destination cut into its path, query and fragment.
struct LinkParts {
    /// Percent-decoded.
    var path: String
    /// Percent-decoded, without `#`.
    var fragment: String?
    /// `?query#fragment` exactly as written.
    var suffix: String

    init(_ destination: String) {
        let cut = destination.firstIndex { $0 == "?" || $0 == "#" } ?? destination.endIndex
        let rawPath = String(destination[..<cut])
        suffix = String(destination[cut...])
        path = rawPath.removingPercentEncoding ?? rawPath
        fragment = suffix.firstIndex(of: "#").map { String(suffix[suffix.index(after: $0)...]) }.map { $0.removingPercentEncoding ?? $0 }
    }
}

/// Paths under `content/`, as links write them.
enum ContentPath {
    /// A photo's path as a field or setting writes it from `content/` (`media/anh.jpg`), with a
    /// leading `/` (as a body's links write it: `/media/anh.jpg`) left out; `//host/…` is another
    /// site's, kept. (`./media/anh.jpg` is told to be written plainly.)
    static func fromContent(_ written: String) -> String {
        written.hasPrefix("/") && !written.hasPrefix("//") ? String(written.drop { $0 == "/" }) : written
    }

    /// `written` (relative to the file at `document`, or from `content/` when it starts with `/`)
    /// as a path under `content/`, NFC; `nil` when it climbs out.
    static func resolve(_ written: String, from document: String) -> String? {
        var parts = written.hasPrefix("/") ? [] : document.split(separator: "/").dropLast().map(String.init)
        for part in written.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(String(part))
            }
        }
        let path = parts.joined(separator: "/")
        return SourceDecoder.isKnownNFC(path) ? path : path.precomposedStringWithCanonicalMapping
    }

    /// The relative path from the file at `document` to `target` (both under `content/`).
    static func relative(_ target: String, from document: String) -> String? {
        let from = document.split(separator: "/").dropLast()
        let to = target.split(separator: "/")
        let common = zip(from, to).prefix { $0 == $1 }.count
        let path = Array(repeating: "..", count: from.count - common) + to.dropFirst(common).map(String.init)
        return path.isEmpty ? nil : path.joined(separator: "/")
    }
}
