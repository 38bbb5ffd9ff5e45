import Foundation

/// An article body's HTML (as cmark-gfm wrote it for the article's page) made to sit in the print
/// edition beside the month's other articles, in one pass over its bytes:
///
/// - every `id` (and anchor `name`), in-page link (`#…`) and reference to an id (`<label for>`,
///   `aria-labelledby`, a cell's `headers`, a drawing's `fill="url(#…)"`, …) takes the article's prefix (`bai-2-`), so the headings
///   and footnotes of two articles never share an id; a link to the page's top (`#`, or `#top`
///   when no element of the text has that id) leads to the article's own start (`#bai-2`); a text
///   fragment after the id (`#top:~:text=…`, `#:~:text=…`) is kept after it;
/// - headings go one level down (`<h2>` → `<h3>`, at most `<h6>`): in the print edition the
///   article's title is an `<h2>`;
/// - relative links and images, written from the article's page, point from the print edition
///   to the same file (one with no path, `?trang=2`, to the article's page); a link to the page
///   of an article of the same edition, relative or by the site's full address, leads to that
///   article in it (`#bai-5`, `#bai-5-ket-qua`);
/// - a photo's `<picture>` keeps only its `<img>` of the widest JPEG, loaded at once (no
///   `<source>`, `srcset`, `sizes`, `loading` or `fetchpriority`): paper wants the sharpest file;
///   its copy for an article's page printed (`PictureSources.printCopy`) goes.
struct PrintBody: Sendable {
    /// The id of the article's start in the edition: `bai-2`.
    let anchor: String
    /// Put before every id: `bai-2-`.
    let idPrefix: String
    /// The folder of the article's page, as parts: `["bai-viet", "tien-giang"]`.
    let articleFolder: [String]
    /// From the print edition's page to the site root: `../../../../`.
    let root: String
    /// Whether the text being adapted has an element with the id `top` (a heading "Top"): a link
    /// to `#top` is a link to it, not to the page's top.
    private var hasTopID = false
    /// Each article of the edition, by slug.
    let edition: [String: EditionArticle]
    /// The site's base URL (`BaseURL.normalize`d), when it has one: a link by the site's full
    /// address to an article of the edition leads to it in the edition too.
    let baseURL: String?

    /// An article of the edition as links to it are led there.
    struct EditionArticle: Sendable {
        /// The id of its start: `bai-5`.
        var anchor: String
        /// Whether its text has an element with the id `top` (`hasTopID(_:)`).
        var hasTopID: Bool
    }

    init(anchor: String, articleFolder: [String], root: String, edition: [String: EditionArticle] = [:], baseURL: String? = nil) {
        self.anchor = anchor
        idPrefix = anchor + "-"
        self.articleFolder = articleFolder
        self.root = root
        self.edition = edition
        self.baseURL = baseURL
    }

    func adapt(_ html: [UInt8]) -> [UInt8] {
        var adapter = self
        adapter.hasTopID = Self.hasTopID(html)
        return adapter.adapted(html)
    }

    /// Whether a body's HTML has an element with the id (or anchor name) `top` (a heading "Top"):
    /// a link to `#top` then leads to it, not to the page's top. One pass over the body's `=` signs
    /// (the attributes' few): an attribute `id` or `name` in any case, white space around the `=`
    /// as HTML allows, then `"top"`, `'top'`, or `top` before `>` or white space.
    static func hasTopID(_ html: [UInt8]) -> Bool {
        html.withUnsafeBufferPointer { bytes in
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D }
            func follows(_ text: StaticString, at start: Int) -> Bool {
                let count = text.utf8CodeUnitCount
                return start + count <= bytes.count && UnsafeBufferPointer(start: text.utf8Start, count: count).elementsEqual(bytes[start..<(start + count)])
            }
            var at = 0
            while let equals = find(UInt8(ascii: "="), in: bytes, from: at) {
                at = equals + 1
                // The attribute's name, before any white space, and white space before it.
                var end = equals
                while end > 0, isSpace(bytes[end - 1]) { end -= 1 }
                var name = end
                while name > 0, isAttributeNameByte(bytes[name - 1]) { name -= 1 }
                guard name > 0, isSpace(bytes[name - 1]), named(UnsafeBufferPointer(rebasing: bytes[name..<end]), "id") || named(UnsafeBufferPointer(rebasing: bytes[name..<end]), "name")
                else { continue }
                // Inside a tag, not the text (`viết id=top`): a `<` before it, not a `>`; and not
                // inside another attribute's quoted value (`alt="xem id=top"`).
                var open = name - 1
                while open >= 0, bytes[open] != UInt8(ascii: "<"), bytes[open] != UInt8(ascii: ">") { open -= 1 }
                guard open >= 0, bytes[open] == UInt8(ascii: "<") else { continue }
                var quote: UInt8? = nil
                for byte in bytes[open..<name] {
                    if let open = quote { if byte == open { quote = nil } } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { quote = byte }
                }
                guard quote == nil else { continue }
                var value = equals + 1
                while value < bytes.count, isSpace(bytes[value]) { value += 1 }
                if follows("\"top\"", at: value) || follows("'top'", at: value) { return true }
                if follows("top", at: value), value + 3 < bytes.count, bytes[value + 3] == UInt8(ascii: ">") || isSpace(bytes[value + 3]) { return true }
            }
            return false
        }
    }

    private func adapted(_ html: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(html.count + html.count / 16)
        html.withUnsafeBufferPointer { bytes in
            var at = 0
            while at < bytes.count {
                guard let open = Self.find(UInt8(ascii: "<"), in: bytes, from: at) else {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[at...]))
                    break
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[at..<open]))
                at = copyTag(bytes, from: open, into: &out)
            }
        }
        return out
    }

    /// Copies the tag starting with the `<` at `open` (its name and, for a start tag, its
    /// attributes), changed as described above; returns where copying goes on. A `<` that does
    /// not start a tag (`<!--`) is copied alone.
    private func copyTag(_ bytes: UnsafeBufferPointer<UInt8>, from open: Int, into out: inout [UInt8]) -> Int {
        var at = open + 1
        let closing = at < bytes.count && bytes[at] == UInt8(ascii: "/")
        if closing { at += 1 }
        let nameStart = at
        while at < bytes.count, Self.isNameByte(bytes[at]) { at += 1 }
        guard at > nameStart else {
            out.append(UInt8(ascii: "<"))
            return open + 1
        }
        let name = UnsafeBufferPointer(rebasing: bytes[nameStart..<at])
        if !closing, Self.named(name, "source") || UnsafeBufferPointer(rebasing: bytes[open...]).starts(with: PictureSources.printCopyStart.utf8) {
            return (Self.find(UInt8(ascii: ">"), in: bytes, from: at) ?? bytes.count - 1) + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[open..<nameStart]))
        if name.count == 2, name[0] | 0x20 == UInt8(ascii: "h"), (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(name[1]) {
            out += [UInt8(ascii: "h"), min(name[1] + 1, UInt8(ascii: "6"))]
        } else {
            out.append(contentsOf: name)
        }
        if closing { return at }
        return copyAttributes(bytes, from: at, into: &out)
    }

    /// Copies a start tag's attributes up to and including its `>`, changing `id`, `href` and
    /// `src` (`copyValue`).
    private func copyAttributes(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, into out: inout [UInt8]) -> Int {
        var at = start
        while at < bytes.count {
            let byte = bytes[at]
            if byte == UInt8(ascii: ">") {
                out.append(byte)
                return at + 1
            }
            guard Self.isAttributeNameByte(byte) else {
                out.append(byte)  // space, `/`
                at += 1
                continue
            }
            let nameStart = at
            while at < bytes.count, Self.isAttributeNameByte(bytes[at]) { at += 1 }
            let name = UnsafeBufferPointer(rebasing: bytes[nameStart..<at])
            let attribute = Attribute(name)
            if attribute == .dropped, out.last == UInt8(ascii: " ") { out.removeLast() } else { out.append(contentsOf: name) }
            // The value: in double quotes as cmark-gfm writes it, or (HTML written with
            // `unsafe_html`) in single quotes or none. An attribute without one is copied as it is.
            guard let (range, quote, end) = HTMLAttributeValue.after(at, in: bytes) else { continue }
            at = end
            if attribute == .dropped { continue }
            let value = UnsafeBufferPointer(rebasing: bytes[range])
            // Written again in the quotes it had; one that had none, in double quotes with any it
            // holds written `&quot;` (a value can hold both kinds: `a'b"c`).
            out += [UInt8(ascii: "="), quote ?? UInt8(ascii: "\"")]
            if quote != nil {
                copyValue(value, of: attribute, into: &out)
            } else {
                var copied: [UInt8] = []
                copyValue(value, of: attribute, into: &copied)
                for byte in copied { if byte == UInt8(ascii: "\"") { out += "&quot;".utf8 } else { out.append(byte) } }
            }
            out.append(quote ?? UInt8(ascii: "\""))
        }
        return at
    }

    /// The attributes whose values change; any other is copied as it is.
    enum Attribute {
        case id, url, other
        /// Ids separated by white space (`aria-labelledby="a b"`, a table cell's `headers`): each
        /// takes the prefix.
        case ids
        /// A drawing's paint or effect, which may name an element of the page (`fill="url(#g1)"`,
        /// `style="fill:url(#g1)"`).
        case paint
        /// A photo's choice of files and loading: print shows the widest, at once.
        case dropped

        init(_ name: UnsafeBufferPointer<UInt8>) {
            self = Self.byName.first { names, _ in names.contains { PrintBody.named(name, $0) } }?.1 ?? .other
        }

        /// Each kind's attributes, made once. An old anchor's `name` (`<a name="…">`, HTML written
        /// with `unsafe_html`) is an id too; the attributes that name ids name them with the
        /// prefix (`for`: a label's one id, an `<output>`'s several).
        private static let byName: [([StaticString], Attribute)] = [
            (["id", "name", "list", "form", "popovertarget", "commandfor", "aria-activedescendant", "aria-errormessage"], .id),
            (["for", "aria-labelledby", "aria-describedby", "aria-details", "aria-controls", "aria-owns", "aria-flowto", "headers", "itemref"], .ids),
            (["href", "src", "usemap", "xlink:href"], .url),
            (["fill", "stroke", "clip-path", "mask", "filter", "marker-start", "marker-mid", "marker-end", "style"], .paint),
            (["srcset", "sizes", "loading", "fetchpriority"], .dropped),
        ]
    }

    /// A paint or effect (`url(#g1) red`, in any case, its address in quotes or `&quot;`), or a
    /// style holding some, with the ids it names prefixed (`url(#bai-2-g1) red`). (A `<style>`
    /// is never published: cmark-gfm's tag filter shows it as text.)
    static func paint(_ value: String, idPrefix: String) -> String {
        guard value.contains("#") else { return value }
        return value.replacing(#/(?i)(url\(\s*(?:["']|&quot;)?)#/#) { match in "\(match.output.1)#\(idPrefix)" }
    }

    /// Whether a tag or attribute name is `text` (lower case), in any case.
    static func named(_ name: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
        name.count == text.utf8CodeUnitCount && zip(name, UnsafeBufferPointer(start: text.utf8Start, count: name.count)).allSatisfy { $0 | 0x20 == $1 }
    }

    /// Copies an attribute's value: an id and an in-page link take the prefix, a relative URL is
    /// rebased (`rebased`; only a URL not starting with `#` is made into a string).
    private func copyValue(_ value: UnsafeBufferPointer<UInt8>, of attribute: Attribute, into out: inout [UInt8]) {
        switch attribute {
        case .other, .dropped:
            out.append(contentsOf: value)
        case .id:
            out += idPrefix.utf8
            out.append(contentsOf: value)
        case .paint:
            out += Self.paint(String(decoding: value, as: UTF8.self), idPrefix: idPrefix).utf8
        case .ids:
            var first = true
            for id in value.split(whereSeparator: \.isHTMLSpace) {
                if !first { out.append(UInt8(ascii: " ")) }
                first = false
                out += idPrefix.utf8
                out.append(contentsOf: id)
            }
        case .url where value.first == UInt8(ascii: "#"):
            out += Self.fragment(String(decoding: value.dropFirst(), as: UTF8.self)[...], in: EditionArticle(anchor: anchor, hasTopID: hasTopID)).utf8
        case .url:
            let url = String(decoding: value, as: UTF8.self)
            out += (rebased(url) ?? url).utf8
        }
    }

    /// A relative URL written from the article's page, as a URL from the print edition's page;
    /// `nil` for an absolute one (`https:`, `mailto:`, `/…`) or one that leaves the site, but for
    /// the full address of an article of the edition (which leads to it there).
    func rebased(_ url: String) -> String? {
        if let baseURL, let path = LinkChecker.pathUnder(baseURL, of: url) {
            let suffixStart = path.firstIndex { $0 == "?" || $0 == "#" } ?? path.endIndex
            let parts = path[..<suffixStart].split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            return articleInEdition(parts).map { Self.inEdition($0, suffix: path[suffixStart...]) }
        }
        guard let first = url.first, first != "/", !Self.hasScheme(url) else { return nil }
        let suffixStart = url.firstIndex { $0 == "?" || $0 == "#" } ?? url.endIndex
        // No path: the article's page itself (a folder would be no page from disk).
        if suffixStart == url.startIndex { return root + articleFolder.joined(separator: "/") + "/index.html" + url[suffixStart...] }
        let segments = url[..<suffixStart].split(separator: "/", omittingEmptySubsequences: false)
        var parts = articleFolder
        for (index, segment) in segments.enumerated() {
            let last = index == segments.count - 1
            switch segment {
            case ".": if last { parts.append("") }
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
                if last { parts.append("") }
            case "" where !last: continue
            default: parts.append(String(segment))
            }
        }
        if let article = articleInEdition(parts) { return Self.inEdition(article, suffix: url[suffixStart...]) }
        return root + parts.joined(separator: "/") + url[suffixStart...]
    }

    /// The edition's article whose page `parts` name (`bai-viet/<slug>/`, with `index.html` or
    /// not: the folder of articles is this article's).
    private func articleInEdition(_ parts: [String]) -> EditionArticle? {
        guard parts.count == 2 || (parts.count == 3 && ["", "index.html"].contains(parts[2])), parts[0] == articleFolder.first else { return nil }
        return edition[parts[1]]
    }

    /// A link to an article of the edition, `suffix` what followed its page's path: a query is
    /// dropped (the edition has one part per article), an id takes the article's prefix, and the
    /// page's top (`#`, `#top` when its text has no `top` id) is the article's start; a text
    /// fragment is kept.
    private static func inEdition(_ article: EditionArticle, suffix: Substring) -> String {
        guard let hash = suffix.firstIndex(of: "#") else { return "#" + article.anchor }
        return fragment(suffix[suffix.index(after: hash)...], in: article)
    }

    /// A fragment written for an article's page (`ket-qua`, `top:~:text=…`), as the edition's
    /// address of the same place: the id with the article's prefix, the page's top (none, or
    /// `top` when the text has no such id) the article's start, then the browser's text
    /// fragment as it was.
    private static func fragment(_ fragment: Substring, in article: EditionArticle) -> String {
        let idEnd = fragment.range(of: ":~:")?.lowerBound ?? fragment.endIndex
        let id = fragment[..<idEnd]
        // `top` in any case is the page's top, unless an element has exactly that id (ids are
        // told apart by case: `#TOP` beside an id `top` is still the top).
        let start = id.isEmpty || (id.lowercased() == "top" && !(article.hasTopID && id == "top"))
        return "#" + article.anchor + (start ? "" : "-" + id) + fragment[idEnd...]
    }

    /// `https:`, `mailto:`: a scheme before any `/`, `?` or `#`.
    private static func hasScheme(_ url: String) -> Bool {
        guard let colon = url.firstIndex(of: ":") else { return false }
        let scheme = url[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }

    private static func find(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count, let base = bytes.baseAddress,
            let found = memchr(base + start, Int32(byte), bytes.count - start)
        else { return nil }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isAttributeNameByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte != UInt8(ascii: ">") && byte != UInt8(ascii: "/") && byte != UInt8(ascii: "=") && byte != UInt8(ascii: "\"")
            && byte != UInt8(ascii: "'")
    }
}
