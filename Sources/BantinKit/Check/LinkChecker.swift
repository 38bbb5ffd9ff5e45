import Foundation

/// A link in a built page that leads nowhere.
public struct BrokenLink: Sendable, Equatable, CustomStringConvertible {
    public var page: String
    public var target: String
    public var reason: String

    /// A page that could not be read has no target: the reason is the page's own.
    public var description: String { target.isEmpty ? "\(page): \(reason)" : "\(page): broken link → \(target) (\(reason))" }
}

/// Checks a built site: every internal `href`/`src` (and each address of a `srcset`) names a file that exists, every
/// `#anchor` an element id in the page it points to, and the search index the search page's script loads is whole.
public enum LinkChecker {
    public struct Result: Sendable {
        public var pages: Int
        public var links: Int
        public var broken: [BrokenLink]
    }

    public static func check(folder: URL, baseURL: String? = nil) -> Result {
        let root = folder.standardizedFileURL
        var diagnostics: [Diagnostic] = []
        let files = ContentTree.files(under: root, diagnostics: &diagnostics, displayRoot: "")
        let existing = Set(files.map(\.relativePath))
        let pages = files.filter { $0.relativePath.hasSuffix(".html") }
        // Read by the folder as it was given: relative to the working folder, a path stays short
        // however deep that folder is.
        let given = folder.relativePath.isEmpty ? root.path : folder.relativePath
        let pagesRead: [Scanned] = pages.parallelMap { entry in
            guard let bytes = Directory.contents(of: given + "/" + entry.relativePath) else {
                let reason = String(cString: strerror(errno))
                return (entry.relativePath, [], [], "cannot read this page: \(reason), so its links are not checked", [], nil)
            }
            let valid = String(validating: bytes, as: UTF8.self)
            let text = valid ?? String(decoding: bytes, as: UTF8.self)
            let sources = attributeValues(in: text, names: ["srcset"]).flatMap(candidates)
            return (
                entry.relativePath, ids(in: text),
                attributeValues(in: text, names: ["href", "src"]) + sources + refreshTargets(in: text),
                valid == nil ? "this page is not UTF-8 text: a browser would show it garbled (bantin writes UTF-8)" : nil, misdirecting(text), entry.relativePath == "index.html" ? canonical(in: text) : nil)
        }
        // Feeds, the sitemap and robots.txt, read as a feed reader or a search engine reads them.
        let feeds: [Scanned] =
            files.filter(isFeedOrSitemap).parallelMap { entry in
                guard let bytes = Directory.contents(of: given + "/" + entry.relativePath) else {
                    return (entry.relativePath, [], [], "cannot read this file: \(String(cString: strerror(errno))), so its links are not checked", [], nil)
                }
                return (entry.relativePath, [], addressesOfFeed(String(decoding: bytes, as: UTF8.self)), nil, [], nil)
            }
        let scanned = pagesRead + feeds
        let unreadable = scanned.compactMap { page in page.problem.map { BrokenLink(page: page.path, target: "", reason: $0) } }
            + scanned.flatMap { page in page.misdirecting.map { BrokenLink(page: page.path, target: $0.tag, reason: $0.reason) } }
        var idsByPage: [String: Set<String>] = [:]
        for page in scanned { idsByPage[page.path] = page.ids }
        let lookup = idsByPage
        let perPage: [[BrokenLink]] = scanned.parallelMap { page in
            // A page repeats links (menu, cards): resolve each distinct one once.
            var seen: [String: String?] = [:]
            var broken: [BrokenLink] = []
            for raw in page.links {
                let link = HTMLReference.decode(raw)
                let problem: String?
                if let known = seen[link] {
                    problem = known
                } else {
                    problem = resolve(link, from: page.path, existing: existing, idsByPage: lookup, baseURL: baseURL)
                    seen[link] = .some(problem)
                }
                if let problem { broken.append(BrokenLink(page: page.path, target: link, reason: problem)) }
            }
            return broken
        }
        // The search page's script loads the index's files by name: each must be there too.
        let searchPage = scanned.first { $0.links.contains { $0.hasSuffix("assets/search.js") } }
        let index = searchPage.map { SearchIndexCheck.missing(page: $0.path, existing: existing, root: given) } ?? []
        // Built for another base URL, the site's full addresses lead there: that is told once,
        // not at each of them.
        let elsewhere = builtElsewhere(pagesRead, baseURL: baseURL)
        let linkProblems = perPage.flatMap { $0 }.filter { problem in
            elsewhere.isEmpty || !["http://", "https://", "//"].contains { problem.target.lowercased().hasPrefix($0) }
        }
        return Result(pages: pages.count, links: scanned.reduce(0) { $0 + $1.links.count }, broken: unreadable + elsewhere + linkProblems + index)
    }

    /// What is read of a page (or feed) to check it: its ids, links, why it cannot be read, the
    /// elements that send its reader elsewhere, and its canonical address (the home page's).
    typealias Scanned = (path: String, ids: Set<String>, links: [String], problem: String?, misdirecting: [(tag: String, reason: String)], canonical: String?)

    /// A site built for another base URL than `baseURL`: its home page's canonical address is
    /// another (`http://` for `https://`, a deeper or another path, another host), and so are its
    /// pages', feeds', sitemap's and `robots.txt`'s. One problem, at the home page: its links
    /// resolve as files, but a search engine and a feed reader would be sent to the other site.
    /// (A site built with no base URL, or whose theme writes no canonical address, is not told.)
    static func builtElsewhere(_ pages: [Scanned], baseURL: String?) -> [BrokenLink] {
        guard let baseURL, let home = pages.first(where: { $0.path == "index.html" }), let address = home.canonical,
            BaseURL.normalize(HTMLReference.decode(address)) != (BaseURL.normalize(baseURL) ?? baseURL)
        else { return [] }
        return [BrokenLink(page: home.path, target: address,
            reason: "the home page's canonical address is not \(baseURL): the site was built for another base URL, which its pages, feeds, sitemap and robots.txt give search engines and feed readers; build it with --base-url \(baseURL) or that base_url in site.yml")]
    }

    /// The address a page's `<link rel="canonical">` gives, as written: each `<link` tag's bytes
    /// found with `memchr`, in a page that has the word.
    static func canonical(in html: String) -> String? {
        var html = html
        return html.withUTF8 { bytes -> String? in
            guard bytes.firstOffset(of: Self.canonicalWord) != nil else { return nil }
            var at = 0
            while let open = bytes.firstOffset(of: Self.linkTag, from: at) {
                let end = bytes.firstOffset(of: [UInt8(ascii: ">")], from: open) ?? bytes.count
                let tag = String(decoding: UnsafeBufferPointer(rebasing: bytes[open..<end]), as: UTF8.self) + ">"
                if attributeValues(in: tag, names: ["rel"]).contains(where: { $0.lowercased() == "canonical" }) {
                    return attributeValues(in: tag, names: ["href"]).first
                }
                at = end
            }
            return nil
        }
    }

    private static let canonicalWord = Array("canonical".utf8), linkTag = Array("<link".utf8)

    /// Whether a file of the site is a feed, the sitemap or robots.txt, whose addresses are checked as a page's.
    static func isFeedOrSitemap(_ entry: TreeEntry) -> Bool {
        entry.relativePath.hasSuffix(".xml") || entry.relativePath == "robots.txt"
    }

    /// The addresses a feed, a sitemap or robots.txt gives a reader's app or a search engine:
    /// each element's `href` (`<link>`), each `<loc>`, each `Sitemap:` line, and each address of
    /// the HTML an entry carries as escaped text (its links, photos and their `srcset`s), read
    /// against the entry's `xml:base` as a feed reader reads it.
    static func addressesOfFeed(_ text: String) -> [String] {
        let entries = text.matches(of: /<(?:content|summary)([^>]*)>([^<]*)</).flatMap { match -> [String] in
            let html = HTMLReference.decode(String(match.output.2))
            let base = match.output.1.firstMatch(of: /xml:base="([^"]*)"/).map { HTMLReference.decode(String($0.output.1)) } ?? ""
            let addresses = attributeValues(in: html, names: ["href", "src"]) + attributeValues(in: html, names: ["srcset"]).flatMap(candidates)
            return addresses.map { address in
                let decoded = HTMLReference.decode(address)
                let relative = !decoded.hasPrefix("/") && !decoded.hasPrefix("#") && !hasScheme(decoded)
                return relative ? base + decoded : decoded
            }
        }
        let locations = text.matches(of: /<loc>\s*([^<]*?)\s*<\/loc>/).map { String($0.output.1) }
        let sitemaps = text.split(whereSeparator: \.isNewline).compactMap { line -> String? in
            guard line.lowercased().hasPrefix("sitemap:") else { return nil }
            return line.dropFirst("sitemap:".count).trimmingCharacters(in: .whitespaces)
        }
        return attributeValues(in: text, names: ["href", "src"]) + entries + locations + sitemaps
    }

    /// Elements of a page that send its links or its reader elsewhere, each with why: a `<base>`
    /// (every relative link then leads under its address: menu, breadcrumbs, cards) and, in a
    /// page with content (a `<main>`; not a redirecting stub kept for an old address), a
    /// `<meta http-equiv="refresh">` (the reader is taken to another page). Elements only: the
    /// same words in a page's text are written `&lt;base`, and a comment (`<!-- <base …> -->`,
    /// code a theme put aside) holds none.
    static func misdirecting(_ html: String) -> [(tag: String, reason: String)] {
        // Nearly every page has neither word: it is lower-cased only when one is there.
        guard html.containsASCII(anyCase: "<base") || html.containsASCII(anyCase: "refresh") else { return [] }
        var lower = html.lowercased()
        while let open = lower.range(of: "<!--") {
            lower.removeSubrange(open.lowerBound..<(lower[open.upperBound...].range(of: "-->")?.upperBound ?? lower.endIndex))
        }
        let tags = { (name: String) in
            lower.ranges(of: "<" + name).compactMap { start -> Substring? in
                let rest = lower[start.upperBound...]
                guard let next = rest.first, next == ">" || next == "/" || next.isWhitespace else { return nil }
                return rest.prefix { $0 != ">" }
            }
        }
        var found: [(tag: String, reason: String)] = []
        if !tags("base").isEmpty {
            found.append(("<base>", "a `<base>` element makes every relative link of the page lead under another address (menu, breadcrumbs, cards)"))
        }
        let refresh = tags("meta").contains { tag in
            tag.contains("http-equiv") && (tag.contains("\"refresh\"") || tag.contains("'refresh'") || tag.contains("=refresh"))
        }
        if refresh, !tags("main").isEmpty {
            found.append(("<meta http-equiv=\"refresh\">", "a `<meta http-equiv=\"refresh\">` takes the reader to another page"))
        }
        return found
    }

    /// Where a `<meta http-equiv="refresh" content="0;url=…">` sends the reader (a stub kept for
    /// an old address): a link like any other.
    static func refreshTargets(in html: String) -> [String] {
        guard html.containsASCII(anyCase: "refresh") else { return [] }
        return html.ranges(of: /<meta\s[^>]*>/.ignoresCase()).compactMap { range -> String? in
            let tag = html[range]
            guard tag.range(of: "http-equiv", options: .caseInsensitive) != nil, tag.range(of: "refresh", options: .caseInsensitive) != nil,
                let url = tag.range(of: "url=", options: .caseInsensitive)
            else { return nil }
            let target = tag[url.upperBound...].prefix { $0 != "\"" && $0 != "'" && $0 != ">" }.trimmingCharacters(in: .whitespaces)
            return target.isEmpty ? nil : target
        }
    }

    /// Why `link` on `page` is broken, or nil when it resolves (or is external).
    static func resolve(_ link: String, from page: String, existing: Set<String>, idsByPage: [String: Set<String>], baseURL: String?) -> String? {
        switch locate(link, from: page, existing: existing, baseURL: baseURL) {
        case .elsewhere: return nil
        case .noFile: return "no such file"
        case .broken(let reason): return reason
        case .file(let target, let fragment):
            guard let fragment, target.hasSuffix(".html"), !fragment.isAmong(idsByPage[target] ?? []) else { return nil }
            return "no element with id \"\(fragment.decoded)\""
        }
    }

    /// Where a link leads.
    enum Located: Equatable {
        /// Another site, or an address that is no file (`mailto:`).
        case elsewhere
        /// No file of the site is there.
        case noFile
        /// Nowhere, and why.
        case broken(String)
        /// A file of the site, and the element its fragment names, if any.
        case file(String, fragment: Fragment?)
    }

    /// The id a link's fragment names. A browser looks for an element with the fragment as its
    /// address holds it (`fn-ghi-ch%C3%BA`, as cmark-gfm writes a footnote's id and its links,
    /// whether the link was written so or `#fn-ghi-chú`), then with it percent-decoded (`fn-ghi-chú`).
    struct Fragment: Equatable {
        let written: String
        var decoded: String { written.removingPercentEncoding ?? written }

        /// As the address holds it: what is not ASCII, spaces, controls, `"`, `<`, `>` and `` ` ``
        /// percent-encoded (URL's fragment percent-encode set).
        var inAddress: String {
            var out = ""
            for byte in written.utf8 {
                if byte > 0x20, byte < 0x7F, !"\"<>`".utf8.contains(byte) {
                    out.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    out += String(format: "%%%02X", byte)
                }
            }
            return out
        }

        func isAmong(_ ids: Set<String>) -> Bool { ids.contains(inAddress) || ids.contains(decoded) }
    }

    /// Where `link` on `page` leads among the files `existing`, its fragment not looked for.
    static func locate(_ link: String, from page: String, existing: Set<String>, baseURL: String?) -> Located {
        var link = link.trimmingCharacters(in: .whitespaces)
        if link.hasPrefix("/"), !link.hasPrefix("//") {
            return .broken("starts at the domain's root: it breaks when the site is opened from disk or published under a sub-path; write it relative to the page")
        }
        if let baseURL, let path = pathUnder(baseURL, of: link) {
            // `https://example.org/bt//van-ban/` (a theme's `{{site.base_url}}/van-ban/`).
            if path.hasPrefix("/") {
                return .broken("has `//` after the base URL: a host that reads a path as written (Amazon S3) has no page there; write one `/`")
            }
            link = "/" + path
        }
        if link.isEmpty { return .broken("empty link") }
        if LinkDestination.isPathOnAComputer(link) { return .broken("a path on someone's computer, not an address: no reader can open it") }
        if link.hasPrefix("//") || hasScheme(link) { return .elsewhere }
        var fragment: String? = nil
        if let hash = link.firstIndex(of: "#") {
            fragment = String(link[link.index(after: hash)...])
            link = String(link[..<hash])
        }
        if let query = link.firstIndex(of: "?") { link = String(link[..<query]) }
        var target: String
        if link.isEmpty {
            target = page
        } else {
            let decoded = link.utf8.contains(0x25) ? (link.removingPercentEncoding ?? link) : link
            // A site's paths resolve as content/'s do.
            guard let path = ContentPath.resolve(decoded, from: page) else { return .broken("points above the site root") }
            target = path
            var folder = decoded.hasSuffix("/") || target.isEmpty
            if folder { target += target.isEmpty ? "index.html" : "/index.html" }
            if !SourceDecoder.isKnownNFC(target) { target = target.precomposedStringWithCanonicalMapping }
            if !existing.contains(target) {
                if existing.contains(target + "/index.html") { target += "/index.html" } else { return .noFile }
                folder = true
            }
            // A site with a base URL is for the web, where a folder's address serves its index.
            if folder, baseURL == nil {
                return .broken("names a folder: opened from disk, the browser lists the folder's files instead of showing its page; write `\(link.hasSuffix("/") ? link : link + "/")index.html`")
            }
        }
        return .file(target, fragment: fragment.flatMap(elementID).map(Fragment.init))
    }

    /// The id of an element that `fragment` names: the part before a text fragment (`muc-1` of
    /// `#muc-1:~:text=…`, what "Copy link to highlight" writes); `nil` for none and for the
    /// browser's own, which every page has (`#top`, `#:~:text=…`).
    static func elementID(_ fragment: String) -> String? {
        let id = fragment.range(of: ":~:").map { String(fragment[..<$0.lowerBound]) } ?? fragment
        return id.isEmpty || id.lowercased() == "top" ? nil : id
    }

    /// What follows `baseURL` in `link` when the link is under it: the scheme and host in any
    /// case, the scheme's own port written or not (`https://example.org:443/…`), and a link
    /// without scheme (`//example.org/…`) as if it had the base's. A slash doubled after the
    /// base (`/bt//bai-viet/…`) is kept: the rest then starts with `/`.
    static func pathUnder(_ baseURL: String, of link: String) -> Substring? {
        guard let schemeEnd = baseURL.range(of: "://") else { return nil }
        let written = link.hasPrefix("//") ? baseURL[..<schemeEnd.lowerBound] + ":" + link : link
        let hostEnd = baseURL[schemeEnd.upperBound...].firstIndex(of: "/") ?? baseURL.endIndex
        // The host, after `http://` or `https://` alike: an old `http://` link reaches the same site.
        let scheme = baseURL[..<schemeEnd.lowerBound].lowercased()
        let web = ["http", "https"]
        guard let writtenEnd = written.range(of: "://"),
            written[..<writtenEnd.lowerBound].lowercased() == scheme || (web.contains(scheme) && web.contains(written[..<writtenEnd.lowerBound].lowercased()))
        else { return nil }
        let host = baseURL[schemeEnd.upperBound..<hostEnd], path = baseURL[hostEnd...]
        let afterScheme = written[writtenEnd.upperBound...]
        guard afterScheme.count >= host.count, afterScheme.prefix(host.count).lowercased() == host.lowercased() else { return nil }
        var afterHost = afterScheme.dropFirst(host.count)
        // The port the link's scheme has without saying (the base is written without it).
        let ownPort = written[..<writtenEnd.lowerBound].lowercased() == "http" ? ":80" : ":443"
        if afterHost.hasPrefix(ownPort), afterHost.dropFirst(ownPort.count).first.map({ "/?#".contains($0) }) ?? true {
            afterHost = afterHost.dropFirst(ownPort.count)
        }
        // Escapes in either case (`%e1` or `%E1`), letters unencoded: spelt as the base is (`BaseURL.normalize`).
        let rest = BaseURL.percentEncoded(afterHost)
        return rest.hasPrefix(path) ? rest.dropFirst(path.count) : nil
    }

    /// `mailto:`, `https:`…: a scheme is a letter, then letters, digits, `+`, `.` or `-`, then `:`.
    static func hasScheme(_ link: String) -> Bool {
        for (index, byte) in link.utf8.enumerated() {
            let letter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
            if index == 0 { if !letter { return false } else { continue } }
            if byte == 0x3A { return true }
            if !(letter || (0x30...0x39).contains(byte) || byte == 0x2B || byte == 0x2E || byte == 0x2D) { return false }
        }
        return false
    }

    /// The addresses of a `srcset` (`a-480.webp 480w, a-960.webp 960w`).
    static func candidates(_ srcset: String) -> [String] {
        srcset.split(separator: ",").compactMap { $0.split(whereSeparator: \.isWhitespace).first.map(String.init) }
    }

    /// Elements whose content is text, not markup: what looks like a tag in them is none.
    private static let textElements = ["script", "style", "textarea", "title"].map { Array($0.utf8) }

    /// Values of the named attributes in HTML, quoted or not, as written (references not decoded).
    static func attributeValues(in html: String, names: Set<String>) -> [String] {
        var values: [String] = []
        let wanted = names.map { Array($0.utf8) }
        let bytes = Array(html.utf8)
        var i = 0
        var inTag = false
        // The end tag (`</script`) to skip to once the start tag in which `i` is ends.
        var textEnd: [UInt8]? = nil
        while i < bytes.count {
            let b = bytes[i]
            if !inTag {
                if b == UInt8(ascii: "<") {
                    if i + 3 < bytes.count, bytes[i + 1] == UInt8(ascii: "!"), bytes[i + 2] == UInt8(ascii: "-"), bytes[i + 3] == UInt8(ascii: "-") {
                        if let end = bytes.firstOffset(of: Array("-->".utf8), from: i + 4) { i = end + 3; continue }
                        break
                    }
                    inTag = true
                    var end = i + 1
                    while end < bytes.count, isNameByte(bytes[end]) { end += 1 }
                    let name = bytes[(i + 1)..<end].map { $0 | 0x20 }
                    textEnd = textElements.contains { $0.elementsEqual(name) } ? Array("</".utf8) + name : nil
                }
                i += 1
                continue
            }
            if b == UInt8(ascii: ">") {
                inTag = false
                i += 1
                if let end = textEnd {
                    // The end tag in any case; an element never closed runs to the end.
                    while i < bytes.count, !(bytes[i] == UInt8(ascii: "<") && i + end.count <= bytes.count
                        && zip(end, bytes[i..<(i + end.count)]).allSatisfy({ $0 == ($1 >= 0x41 && $1 <= 0x5A ? $1 | 0x20 : $1) })) {
                        i += 1
                    }
                    textEnd = nil
                }
                continue
            }
            if isNameByte(b), i > 0, bytes[i - 1].isHTMLSpace {
                var j = i
                while j < bytes.count, isNameByte(bytes[j]) { j += 1 }
                let name = bytes[i..<j]
                let isWanted = wanted.contains { candidate in
                    candidate.count == name.count && zip(candidate, name).allSatisfy { $0 == ($1 | 0x20) || $0 == $1 }
                }
                if let (range, _, end) = HTMLAttributeValue.after(j, in: bytes) {
                    let value = isWanted ? String(decoding: bytes[range], as: UTF8.self) : ""
                    if isWanted { values.append(value) }
                    i = end
                    continue
                }
                i = j
                continue
            }
            i += 1
        }
        return values
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ":")
    }

    /// The ids of a page or HTML file (`id`, and an old anchor's `name`), as a browser reads them.
    static func ids(in html: String) -> Set<String> {
        Set(attributeValues(in: html, names: ["id", "name"]).map { HTMLReference.decode($0) })
    }
}
