/// A link or image of a Markdown body that bantin resolves or refuses: one to a file (relative
/// or from `/`), to a heading (`#ket-qua`), with no address, or with an unsafe scheme; and, apart
/// (`BodyReferences.remote`), one by a full address (`https:`, `//host`).
public struct BodyLink: Sendable, Hashable, Codable {
    /// As cmark-gfm read it (escapes and entities resolved).
    public var destination: String
    /// Where the link starts (`[`, `![` or `<`), in its file.
    public var position: SourcePosition
    public var isImage: Bool
    /// False for an image without alt text (`![](anh.jpg)`).
    public var hasText = true
    /// An image whose alt text is a file's name (`![IMG_2034.jpg](…)`: `PhotoNaming.isFileName`).
    public var altIsFileName = false
}

/// A directive code written in a body's running text (not in code, a link or a heading).
public struct DirectiveMention: Sendable, Hashable, Codable {
    public var code: DirectiveCode
    public var position: SourcePosition
    /// Typed with `TƯ` for the `TW` of `code` (`21-KL/TƯ`).
    public var typedWithTƯ = false
}

/// What a body points to besides its own text: found once when the file is read, kept in the
/// article cache, and resolved against the whole catalog by `BodyLinkResolver`.
public struct BodyReferences: Sendable, Hashable, Codable {
    public var links: [BodyLink] = []
    /// For an article: the mentions of codes its `directives` do not list.
    public var mentions: [DirectiveMention] = []
    /// Where a `[text](address)` is shown as it is written, its address holding a space (which
    /// Markdown does not allow).
    var unlinked: [UnlinkedLinks.Found] = []
    /// Where HTML is written in the body (comments aside): the page leaves it out unless
    /// `site.yml` sets `unsafe_html: true`.
    var rawHTML: [RawHTML] = []
    /// Pictures written into that HTML as addresses (`data:image/jpeg;…`, `ActiveContent.picturesWrittenIn`).
    var picturesInHTML: [PictureInHTML] = []
    /// Links and images by a full address (`[…](https://…)`, `![…](//…)`): to another site, or to
    /// the bulletin's own by its base URL (`OwnSiteLinks`).
    var remote: [BodyLink] = []
    /// Footnote references with no note (`[^9]`, shown as written) and notes no reference names
    /// (`[^3]: …`, left out of the page), each with its label.
    var footnotesWithoutNote: [Footnote] = []
    var notesWithoutFootnote: [Footnote] = []
    /// Tables GFM did not make (`BrokenTable`).
    var brokenTables: [BrokenTable] = []

    public init(links: [BodyLink] = [], mentions: [DirectiveMention] = []) {
        self.links = links
        self.mentions = mentions
    }

    /// Its links and images by a full address that a page shows (`OwnSiteLinks` checks those by
    /// the site's own address): Markdown's, and with `unsafeHTML` (when the page keeps HTML
    /// written in the body) each address of HTML written so (`<a href>`, `<img src>`…).
    func addressLinks(unsafeHTML: Bool) -> [BodyLink] {
        guard unsafeHTML else { return remote }
        return remote + rawHTML.filter { !BodyScan.filteredTags.contains($0.tag) }.flatMap { html in
            html.addresses.map { $0.trimmingCharacters(in: .whitespaces) }.filter(LinkDestination.isOnAnotherSite).map {
                BodyLink(destination: $0, position: html.position, isImage: Self.mediaTags.contains(html.tag))
            }
        }
    }

    /// The tags whose addresses a page shows as an image as they stand (`<img src>`, its `srcset`).
    static let mediaTags: Set<String> = ["img", "picture", "image", "input"]

    public static let none = BodyReferences()
    public var isEmpty: Bool {
        links.isEmpty && mentions.isEmpty && unlinked.isEmpty && rawHTML.isEmpty && picturesInHTML.isEmpty && remote.isEmpty && footnotesWithoutNote.isEmpty
            && notesWithoutFootnote.isEmpty && brokenTables.isEmpty
    }
}

/// A footnote's label (`9` of `[^9]`) and where it is written.
struct Footnote: Sendable, Hashable, Codable {
    var label: String
    var position: SourcePosition
    /// For a note: a second one of its label (only the first is shown).
    var again = false
    /// A label with a space, which makes no footnote.
    var spaced = false
}

/// A picture written into HTML of a body as an address (`data:image/jpeg;base64,…`): where it
/// starts, and its kind (`data:image/jpeg`).
struct PictureInHTML: Sendable, Hashable, Codable {
    var position: SourcePosition
    var kind: String
}

/// An HTML tag written in a body (`<iframe …>`, `<b>`): its name, lower-cased, where it starts,
/// and the addresses it gives.
struct RawHTML: Sendable, Hashable, Codable {
    var tag: String
    var position: SourcePosition
    /// Its `href`, `src`, `poster`, `action`, `formaction`, `data` and `xlink:href`, each address of
    /// its `srcset`, and an unsafe one an SVG animation sets (`values`, `to`, `from`), as the
    /// browser reads them (character references decoded).
    var addresses: [String] = []
    /// Its attributes that run a script (`onclick`, `onerror`, …), lower-cased.
    var handlers: [String] = []
    /// Its `alt`, decoded; `nil` when it has none (and no `aria-label`, `aria-labelledby` or
    /// `role="presentation"`, which name it for a screen reader or mark it as decoration).
    var alt: String? = nil
    /// A raw-text element (`<noscript>`) not closed in the text: a browser reads the rest of the
    /// page as its content.
    var leftOpen = false

    /// Its addresses that name a file or page of the site, as a Markdown link's would (trimmed;
    /// not an anchor or query of this page, another site's, or one that runs).
    var localAddresses: [String] {
        addresses.map { $0.trimmingCharacters(in: .whitespaces) }.filter { address in
            !address.isEmpty && !address.hasPrefix("#") && !address.hasPrefix("?")
                && LinkDestination.needsResolving(address) && !LinkDestination.isUnsafe(address) && !LinkDestination.isPictureWrittenIn(address)
        }
    }

    /// A tag a block's or inline's HTML opens: its name, lower-cased; where it starts and ends
    /// in the HTML; its addresses.
    struct Opened {
        var name: String
        var range: Range<Int>
        var addresses: [String]
        var handlers: [String] = []
        var alt: String? = nil
    }

    /// What a block's or inline's HTML loses: the tags it opens (`<iframe src=…>` → `iframe`),
    /// comments and closing tags aside; for a block that opens none but holds text (after a
    /// comment or a closing tag), `text`, which is lost with it.
    /// `rawText`: the raw-text element (`noscript`) an HTML before this one opened
    /// and did not close, whose text this one goes on with up to its closing tag; on return, the
    /// one this HTML leaves open.
    /// Read as a browser that runs scripts does and as one that does not (which reads the content
    /// of a `<noscript>` as tags, not text): a tag either finds counts.
    static func tagsEitherWay(in html: UnsafeBufferPointer<UInt8>, block: Bool, rawText: inout String?) -> [Opened] {
        let running = tags(in: html, block: block, rawText: &rawText)
        var none: String? = nil
        let seen = Set(running.map { "\($0.range.lowerBound) \($0.name)" })
        let other = tags(in: html, block: block, rawText: &none, readingRawText: false).filter { !seen.contains("\($0.range.lowerBound) \($0.name)") }
        return other.isEmpty ? running : (running + other).sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// `readingRawText`: `false` reads a raw-text element's content as tags.
    static func tags(in html: UnsafeBufferPointer<UInt8>, block: Bool, rawText: inout String?, readingRawText: Bool = true) -> [Opened] {
        var tags: [Opened] = []
        var hasText = false
        var at = 0
        if readingRawText, let open = rawText {
            at = Self.end(ofRawText: open, in: html, from: 0)
            if at < html.count { rawText = nil }
        }
        while at < html.count {
            let byte = html[at]
            guard byte == UInt8(ascii: "<") else {
                if !byte.isWhitespace { hasText = true }
                at += 1
                continue
            }
            let rest = UnsafeBufferPointer(rebasing: html[at...])
            if rest.starts(with: "<!--".utf8) {
                // A comment, to its end.
                var end = at + 4
                while end + 2 < html.count, !(html[end] == UInt8(ascii: "-") && html[end + 1] == UInt8(ascii: "-") && html[end + 2] == UInt8(ascii: ">")) { end += 1 }
                at = end + 3
                continue
            }
            let closing = rest.count > 1 && rest[1] == UInt8(ascii: "/")
            let name = rest[(closing ? 2 : 1)...].prefix { isASCIILetterOrDigit($0) || $0 == UInt8(ascii: "-") }
            if let first = name.first, isASCIILetter(first) {
                // To the tag's end, read as a browser reads it: past any `>` inside a quoted value.
                let read = Self.attributes(html, from: at + (closing ? 2 : 1) + name.count)
                let lowered = String(decoding: name, as: UTF8.self).lowercased()
                if !closing {
                    tags.append(Opened(name: lowered, range: at..<min(read.end + 1, html.count), addresses: read.addresses, handlers: read.handlers, alt: read.alt))
                }
                at = min(read.end + 1, html.count)
                // Its text, which the browser reads as text up to its closing tag (a `</noscript>`
                // inside an attribute's quotes there closes it, and what follows is a tag).
                if readingRawText, !closing, rawTextElements.contains(lowered) {
                    at = Self.end(ofRawText: lowered, in: html, from: at)
                    if at == html.count { rawText = lowered }
                }
                continue
            }
            hasText = true
            at += 1
        }
        if block, tags.isEmpty, hasText { tags.append(Opened(name: textTag, range: 0..<0, addresses: [])) }
        return tags
    }

    /// What a tag's attributes, from `start` (after its name) to its `>` (values quoted or not,
    /// character references decoded, each read by `HTMLAttributeValue`), hold that bantin looks
    /// at: the addresses of `href`, `src`, `poster`, `action`, `formaction`, `data`, `xlink:href`,
    /// each candidate of `srcset` (`a.jpg 1x, b.jpg 2x`), and an unsafe one an SVG animation sets; the names of those that run a script
    /// (`on…`); its `alt`; and where the tag's `>` is (the end of `html` when it has none).
    static func attributes(_ html: UnsafeBufferPointer<UInt8>, from start: Int) -> (addresses: [String], handlers: [String], alt: String?, end: Int) {
        var found: [String] = []
        var handlers: [String] = []
        var alt: String? = nil
        var named = false
        var at = start
        while at < html.count, html[at] != UInt8(ascii: ">") {
            // A name: up to white space, `/`, `>` or `=` (an `=` may start one).
            let nameStart = at
            while at < html.count, !html[at].isHTMLSpace, html[at] != UInt8(ascii: "/"), html[at] != UInt8(ascii: ">"), at == nameStart || html[at] != UInt8(ascii: "=") { at += 1 }
            guard at > nameStart else {
                at += 1  // white space, `/`
                continue
            }
            let name = String(decoding: html[nameStart..<at], as: UTF8.self).lowercased()
            // `on` and an event's name (`oncut`, `onerror`): not `one`, not `data-on`.
            if name.count >= 5, name.hasPrefix("on"), name.utf8.allSatisfy(isASCIILetter) { handlers.append(name) }
            guard let (range, _, end) = HTMLAttributeValue.after(at, in: html) else {
                // An attribute with no value is an empty one (`<img alt>`).
                if name == "alt", alt == nil { alt = "" }
                continue
            }
            at = end
            // As the browser reads it: `java&#x73;cript:` is `javascript:`.
            let value = HTMLReference.decode(String(decoding: html[range], as: UTF8.self))
            switch name {
            // A form's action and an object's data are addresses the browser opens too.
            case "href", "src", "poster", "action", "formaction", "data", "xlink:href": found.append(value)
            // What an SVG animation sets an attribute to (`<animate attributeName="href"
            // values="javascript:…">`): an address only when it runs.
            case "values", "to", "from": found += value.split(separator: ";").map(String.init).filter(LinkDestination.isUnsafe)
            case "srcset": found += value.split(separator: ",").compactMap { $0.split(whereSeparator: \.isWhitespace).first.map(String.init) }
            // The first of an attribute written twice is the one a browser keeps.
            case "alt" where alt == nil: alt = value
            // Named for a screen reader otherwise, or marked as decoration: as `alt` is.
            case "aria-label", "aria-labelledby": if !value.trimmingCharacters(in: .whitespaces).isEmpty { named = true }
            case "role": if ["presentation", "none"].contains(value.trimmingCharacters(in: .whitespaces).lowercased()) { named = true }
            default: break
            }
        }
        return (found, handlers, alt ?? (named ? "" : nil), at)
    }

    /// Elements whose content a browser reads as text, not tags, up to their closing tag, as
    /// bantin publishes them: `noscript` (in a browser that runs scripts). The others HTML reads
    /// so (`script`, `style`, `textarea`, `title`, `xmp`, `iframe`, `noembed`, `noframes`,
    /// `plaintext`) cmark-gfm's tag filter writes as text (`&lt;textarea>`): what follows them
    /// is read as tags.
    static let rawTextElements: Set<String> = ["noscript"]

    /// Where the text of the raw-text element `name` that starts at `start` ends: at its closing
    /// tag (`</name`, in any case), or the end of `html`.
    private static func end(ofRawText name: String, in html: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let closer = Array(("</" + name).utf8)
        guard closer.count <= html.count else { return html.count }
        var at = start
        while at + closer.count <= html.count {
            if html[at] == UInt8(ascii: "<"), (0..<closer.count).allSatisfy({ html[at + $0] | (closer[$0] >= UInt8(ascii: "a") ? 0x20 : 0) == closer[$0] }) { return at }
            at += 1
        }
        return html.count
    }

    /// What `tags` says of a block whose text is lost though it opens no tag.
    static let textTag = "#text"

    private static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
    private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool { isASCIILetter(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) }
}

/// What becomes of a link when a body is rendered for a page.
enum LinkRewrite: Sendable, Equatable {
    /// Left as written (links to other sites).
    case keep
    /// The address of the page or file it leads to, from the page being rendered.
    case replace(String)
    /// Kept as plain text: an unsafe or empty address leads nowhere.
    case text
}

/// Decides, for the page a body is rendered into, where its links and mentions lead.
protocol BodyLinkRewriter {
    func rewrite(_ destination: String) -> LinkRewrite
    /// The address of a directive's page, `nil` when it has none.
    func mentionURL(for code: DirectiveCode) -> String?
    /// Whether the body may hold mentions worth linking (cheap to ask, saves a walk of its text).
    var linksMentions: Bool { get }
    /// The HTML shown in place of the image `destination` (its `alt` text and `title`; `index`:
    /// how many images of the body came before it); `nil` keeps cmark-gfm's `<img>`.
    func picture(_ destination: String, alt: String, title: String?, index: Int) -> String?
}

extension BodyLinkRewriter {
    func picture(_ destination: String, alt: String, title: String?, index: Int) -> String? { nil }
}

/// What kind of address a link has.
enum LinkDestination {
    /// `javascript:`, `vbscript:`, `file:` and `data:` other than `data:image/{png,gif,jpeg,webp}`:
    /// what cmark-gfm's safe mode empties (and browsers must not follow), case-insensitively.
    static func isUnsafe(_ destination: String) -> Bool { isUnsafe(lowerStart: start(of: destination).lowercased()) }

    /// The start of an address as a browser reads it (tabs and line breaks taken out, spaces and
    /// controls before it dropped): 64 characters, enough to tell its scheme and a `data:` kind,
    /// however long the address (a pasted photo's is megabytes).
    private static func start(of destination: String) -> String {
        var kept = String.UnicodeScalarView()
        var count = 0
        for scalar in destination.unicodeScalars where scalar != "\t" && scalar != "\n" && scalar != "\r" {
            if count == 0, scalar == " " || scalar.value < 0x20 { continue }
            kept.append(scalar)
            count += 1
            if count == 64 { break }
        }
        return String(kept)
    }

    private static func isUnsafe(lowerStart lower: String) -> Bool {
        for scheme in ["javascript:", "vbscript:", "file:"] where lower.hasPrefix(scheme) { return true }
        guard lower.hasPrefix("data:") else { return false }
        return !["png", "gif", "jpeg", "webp"].contains { lower.hasPrefix("data:image/\($0)") }
    }

    /// A picture written into the address itself (`data:image/jpeg;base64,…`, as some editors
    /// paste one): published as it is, metadata and all, wherever the text is shown.
    static func isPictureWrittenIn(_ destination: String) -> Bool { pictureKind(destination) != nil }

    /// The kind of picture written into the address (`data:image/jpeg`), read as a browser reads
    /// an address (tabs and line breaks taken out, spaces and controls before it dropped).
    static func pictureKind(_ destination: String) -> String? {
        let plain = start(of: destination), lower = plain.lowercased()
        guard lower.hasPrefix("data:image/"), !isUnsafe(lowerStart: lower) else { return nil }
        return String(plain.prefix { $0 != ";" && $0 != "," })
    }

    /// An address on another site (`https://…`, `//…`), not one carrying what it shows (`data:`).
    static func isOnAnotherSite(_ destination: String) -> Bool {
        !needsResolving(destination) && (destination.hasPrefix("//") || destination.contains("://"))
    }

    /// Whether `destination` is an address under `base` (`https://…/`), by any scheme or none (`//…`).
    static func isAddress(_ destination: String, under base: String) -> Bool {
        func withoutScheme(_ address: String) -> Substring? { address.range(of: "//").map { address[$0.lowerBound...] } }
        guard let base = withoutScheme(base), let address = withoutScheme(destination) else { return false }
        return address.lowercased().hasPrefix(base.lowercased())
    }

    /// A path on a Windows computer (`C:\Users\…`, `D:/Anh/…`, `\\may-chu\…`, which Markdown
    /// reads as `\may-chu\…`; `%5C` for `\` as a page's HTML writes it), which editors' Markdown
    /// tools on Windows insert for a file dragged in: no address, though `C:` reads like a scheme.
    static func isPathOnAComputer(_ destination: String) -> Bool {
        let bytes = Array(destination.utf8.drop { $0 == 0x20 }.prefix(5))
        if bytes.first == 0x5C || (bytes.count >= 3 && bytes[0] == 0x25 && bytes[1] == 0x35 && (bytes[2] | 0x20) == 0x63) { return true }
        guard bytes.count >= 3, (bytes[0] | 0x20) >= 0x61, (bytes[0] | 0x20) <= 0x7A, bytes[1] == 0x3A else { return false }
        return bytes[2] == 0x5C || bytes[2] == 0x2F || (bytes.count >= 5 && bytes[2] == 0x25 && bytes[3] == 0x35 && (bytes[4] | 0x20) == 0x63)
    }

    /// Whether bantin must look at this link: anything but an address on another site.
    static func needsResolving(_ destination: String) -> Bool {
        if destination.isEmpty || isUnsafe(destination) || isPictureWrittenIn(destination) || isPathOnAComputer(destination) { return true }
        return !destination.hasPrefix("//") && !LinkChecker.hasScheme(destination)
    }
}

/// The lines of a body's UTF-8 text, to turn cmark-gfm's positions (line, byte column) into a
/// diagnostic's (line, character column).
struct SourceLines {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Where each line starts.
    private let starts: [Int]

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") { starts.append(index + 1) }
        self.starts = starts
    }

    /// The byte at a 1-based line and byte column, if there is one.
    func byte(line: Int, byteColumn: Int) -> UInt8? {
        guard let offset = offset(line: line, byteColumn: byteColumn), offset < bytes.count else { return nil }
        return bytes[offset]
    }

    /// Where `needle` first appears at or after a line and byte column.
    func find(_ needle: [UInt8], line: Int, fromByteColumn: Int) -> (line: Int, byteColumn: Int)? {
        guard let from = offset(line: line, byteColumn: fromByteColumn), !needle.isEmpty else { return nil }
        var index = from
        while index + needle.count <= bytes.count {
            if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) {
                let found = starts.lastIndex { $0 <= index } ?? 0
                return (found + 1, index - starts[found] + 1)
            }
            index += 1
        }
        return nil
    }

    /// The (1-based) lines of the given byte offsets, in ascending order, without listing every line.
    static func lines(at offsets: [Int], in bytes: UnsafeBufferPointer<UInt8>) -> Set<Int> {
        var lines: Set<Int> = []
        var line = 1, scanned = 0
        for offset in offsets {
            while scanned < offset {
                if bytes[scanned] == UInt8(ascii: "\n") { line += 1 }
                scanned += 1
            }
            lines.insert(line)
        }
        return lines
    }

    /// The bytes of a 1-based line, without its newline; `nil` past the last.
    func text(line: Int) -> ArraySlice<UInt8>? {
        guard line >= 1, line <= starts.count else { return nil }
        let end = line < starts.count ? starts[line] - 1 : bytes.count
        return Array(bytes[starts[line - 1]..<max(starts[line - 1], end)])[...]
    }

    /// A position whose column counts characters, as every diagnostic's does. A byte column past
    /// the end of its line goes on into the lines after it: cmark-gfm counts so on the line where
    /// a link whose address or title spans lines started, for what follows it in its paragraph.
    func position(line: Int, byteColumn: Int) -> SourcePosition {
        guard let offset = offset(line: line, byteColumn: byteColumn) else { return SourcePosition(line: max(line, 1), column: max(byteColumn, 1)) }
        var real = line
        while real < starts.count, starts[real] <= offset { real += 1 }
        let end = min(offset, bytes.count)
        // Counted on from the place asked before when it is earlier on the same line (places are
        // asked in order; a line of 50,000 footnotes counted from its start each time took 20 s).
        var column = 1, from = starts[real - 1]
        if last.line == real, last.offset <= end, last.offset >= from { (column, from) = (last.column, last.offset) }
        column += SourcePosition.column(after: UnsafeBufferPointer(rebasing: bytes[from..<end])) - 1
        (last.line, last.offset, last.column) = (real, end, column)
        return SourcePosition(line: real, column: column)
    }

    /// The place asked last: its line, byte offset and column.
    private final class LastPlace {
        var line = 0, offset = 0, column = 1
    }
    private let last = LastPlace()

    private func offset(line: Int, byteColumn: Int) -> Int? {
        guard line >= 1, line <= starts.count, byteColumn >= 1 else { return nil }
        return starts[line - 1] + byteColumn - 1
    }
}
