import Foundation

/// Files of `content/` a browser would run as a page of the bulletin's own site: an SVG or an
/// HTML (or XML) file is copied as it is, so a script in it, opened from an article's link,
/// could read and rewrite every page of the site for that reader. With `unsafe_html` off
/// (nothing a text says may be script), such a file holding anything that can run is refused,
/// at the line where it first does. The whole file is searched, not only its tags as a parser
/// would read them: what a browser reads as a tag (after a title's text, past a quoted `>`) is
/// found wherever it is written, and a word found in text is refused all the same.
enum ActiveContent {
    /// The extensions of files a browser or a web server may take for a document that runs
    /// script (lower case). A file is checked when any extension of its name is one (`a.svg.br`).
    static let extensions: Set<String> = [
        "svg", "svgz", "html", "htm", "xhtml", "xht", "xhtm", "shtml", "xml", "xsl", "xslt", "mht", "mhtml", "rss", "atom", "rdf",
    ]

    /// Whether the file at `path` is checked: one of `extensions` after any dot of its name.
    static func isChecked(_ path: String) -> Bool {
        let name = path.split(separator: "/").last ?? ""
        return name.split(separator: ".").dropFirst().contains { extensions.contains($0.lowercased()) }
    }

    /// Whether a file starting with `start` is markup whatever its name (a server or a browser
    /// may show `.xpdl`, `.xsd` or `.shtm` as a page): its first character, after a byte-order
    /// mark and spaces, is `<`; or it is in UTF-16 or UTF-32, which cannot be checked.
    static func looksLikeMarkup(_ start: [UInt8]) -> Bool {
        // A byte-order mark, or a `<` in UTF-16 or UTF-32 without one (as XML parsers guess it).
        let wide: [[UInt8]] = [[0xFE, 0xFF], [0xFF, 0xFE], [0x00, 0x3C], [0x3C, 0x00], [0x00, 0x00, 0x00, 0x3C], [0x00, 0x00, 0xFE, 0xFF]]
        if wide.contains(where: { start.starts(with: $0) }) { return true }
        let text = start.starts(with: [0xEF, 0xBB, 0xBF]) ? start.dropFirst(3) : start[...]
        return text.first { $0 > 0x20 } == UInt8(ascii: "<")
    }

    /// What of `bytes` could run, and where (line from 1), or `nil` when nothing can.
    static func firstActive(in bytes: [UInt8], path: String) -> (line: Int, what: String)? {
        // Compressed SVG cannot be read here; text in another encoding than UTF-8 hides from a
        // search of bytes (UTF-16, or ISO-2022-JP's escapes that a browser removes).
        if path.lowercased().hasSuffix(".svgz") { return (1, "compressed SVG (it cannot be checked)") }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.contains(0) || bytes.contains(0x1B) || String(validating: bytes, as: UTF8.self) == nil {
            return (1, "text not in UTF-8 (it cannot be checked)")
        }
        let lower = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        var found: (offset: Int, what: String)? = nil
        func note(_ offset: Int, _ what: String) {
            if found == nil || offset < found!.offset { found = (offset, what) }
        }
        if let (at, name) = element(in: lower) { note(at, "a `<\(name)>` element") }
        if let (at, name) = eventAttribute(in: lower) { note(at, "an event attribute (`\(name)`)") }
        if let at = lower.firstOffset(of: Array("<?xml-stylesheet".utf8)) { note(at, "`<?xml-stylesheet`") }
        if let at = entityDeclaration(in: lower) { note(at, "an entity declaration (`<!ENTITY`) other than a web address's") }
        if let (at, encoding) = declaredEncoding(in: lower) { note(at, "a declared encoding other than UTF-8 (`\(encoding)`)") }
        // Addresses that run, however they are spelt: references decoded, spaces and controls gone.
        let (plain, offsets) = decoded(lower)
        for scheme in runningSchemes {
            if let at = plain.firstOffset(of: Array(scheme.utf8)) { note(offsets[at], "`\(scheme)`") }
        }
        guard let found else { return nil }
        return (1 + lower[..<found.offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }, found.what)
    }

    /// Each picture written into a text as an address (`data:image/jpeg;base64,…`, an SVG's
    /// embedded photo, a pasted one in HTML, in an attribute, a style's `url(…)` or a comment),
    /// however it is spelt (references, spaces), and where it starts in `bytes`; an SVG so
    /// written is `firstActive`'s. The kind must end at the `;` or `,` an address has there,
    /// so that words about one (`the data:image/png was…`) are none.
    static func picturesWrittenIn<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes) -> [(offset: Int, kind: String)] where Bytes.Index == Int {
        // Every body's HTML passes here: none is read further without `image/`, in any case, or a
        // character reference (`&#105;mage/`) that could spell it.
        let mayHold = bytes.contains(UInt8(ascii: "&")) || bytes.indices.contains { at in
            at + 6 <= bytes.endIndex && zip("image/".utf8, bytes[at..<(at + 6)]).allSatisfy { $0 == $1 | 0x20 || $0 == $1 }
        }
        guard mayHold else { return [] }
        let lower = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let (plain, offsets) = decoded(lower, keepingSpaces: true)
        let prefix = Array("data:image/".utf8)
        var found: [(offset: Int, kind: String)] = []
        var from = 0
        while let at = plain.firstOffset(of: prefix, from: from) {
            from = at + 1
            let kind = plain[(at + prefix.count)...].prefix { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || "+-.".utf8.contains($0) }
            let end = at + prefix.count + kind.count
            guard !kind.isEmpty, !kind.starts(with: Array("svg".utf8)), end < plain.count, plain[end] == UInt8(ascii: ";") || plain[end] == UInt8(ascii: ",") else { continue }
            found.append((offsets[at], "data:image/" + String(decoding: kind, as: UTF8.self)))
        }
        return found
    }

    /// Elements that run or embed a document, by their name without a prefix (`<s:script>`). A
    /// `<foreignObject>` (draw.io's labels) only holds HTML, whose scripts, events and
    /// addresses are looked for like any other.
    private static let runningElements: Set<String> = [
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "handler", "listener", "portal", "fencedframe",
    ]

    /// Addresses that run, or documents that can (after `data:`).
    private static let runningSchemes = [
        "javascript:", "vbscript:", "livescript:", "data:text/html", "data:application/xhtml", "data:image/svg", "data:text/xml",
        "data:application/xml", "data:text/javascript", "data:application/javascript", "data:application/ecmascript",
    ]

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || "_.-:".utf8.contains(byte)
    }

    /// The first `<name` (or `</name`) of `runningElements`, its prefix aside.
    private static func element(in lower: [UInt8]) -> (Int, String)? {
        var k = 0
        while let at = lower[k...].firstIndex(of: UInt8(ascii: "<")) {
            var end = at + 1
            if end < lower.count, lower[end] == UInt8(ascii: "/") { end += 1 }
            let start = end
            while end < lower.count, isNameByte(lower[end]) { end += 1 }
            let name = lower[start..<end]
            let local = String(decoding: name.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false).last ?? name[...], as: UTF8.self)
            if runningElements.contains(local) { return (at, String(decoding: name, as: UTF8.self)) }
            k = at + 1
        }
        return nil
    }

    /// The first event attribute (`onload=`, `s:onclick =`): `on` and letters after a space
    /// of any kind, a `/`, a quote or a prefix's `:`, then `=`.
    private static func eventAttribute(in lower: [UInt8]) -> (Int, String)? {
        var k = 1
        while k + 2 < lower.count {
            defer { k += 1 }
            guard lower[k] == UInt8(ascii: "o"), lower[k + 1] == UInt8(ascii: "n"),
                lower[k - 1] <= 0x20 || "/\"':".utf8.contains(lower[k - 1])
            else { continue }
            var end = k + 2
            while end < lower.count, (lower[end] >= UInt8(ascii: "a") && lower[end] <= UInt8(ascii: "z")) || lower[end] == UInt8(ascii: "-") { end += 1 }
            let name = end
            while end < lower.count, lower[end] <= 0x20 { end += 1 }
            if name > k + 2, end < lower.count, lower[end] == UInt8(ascii: "=") { return (k, String(decoding: lower[k..<name], as: UTF8.self)) }
        }
        return nil
    }

    /// An encoding declared (`charset=…`, `encoding="…"`) that is not UTF-8.
    private static func declaredEncoding(in lower: [UInt8]) -> (Int, String)? {
        for key in ["charset=", "encoding="] {
            var k = 0
            while let at = lower.firstOffset(of: Array(key.utf8), from: k) {
                var start = at + key.utf8.count
                while start < lower.count, lower[start] == UInt8(ascii: "\"") || lower[start] == UInt8(ascii: "'") || lower[start] <= 0x20 { start += 1 }
                var end = start
                while end < lower.count, isNameByte(lower[end]) { end += 1 }
                let name = String(decoding: lower[start..<end], as: UTF8.self)
                if !name.isEmpty, !readsAsASCII(name) { return (at, name) }
                k = at + 1
            }
        }
        return nil
    }

    /// Whether an encoding reads every byte below 0x80 as ASCII, one byte a character, as the
    /// search of bytes does: UTF-8, and the single-byte ones (Latin, Windows, KOI8).
    private static func readsAsASCII(_ encoding: String) -> Bool {
        ["utf-8", "utf8", "us-ascii", "ascii"].contains(encoding)
            || ["iso-8859-", "iso8859-", "windows-125", "cp125", "latin", "koi8"].contains { encoding.hasPrefix($0) }
    }

    /// The first entity declaration that is not a name for a web address (Illustrator's
    /// `<!ENTITY ns_ai "http://ns.adobe.com/…">`): any other could spell what runs in pieces.
    private static func entityDeclaration(in lower: [UInt8]) -> Int? {
        var k = 0
        while let at = lower.firstOffset(of: Array("<!entity".utf8), from: k) {
            var i = at + 8
            func spaces() { while i < lower.count, lower[i] <= 0x20 { i += 1 } }
            spaces()
            while i < lower.count, isNameByte(lower[i]) { i += 1 }
            spaces()
            guard i < lower.count, lower[i] == UInt8(ascii: "\"") || lower[i] == UInt8(ascii: "'") else { return at }
            let quote = lower[i]
            guard let close = lower[(i + 1)...].firstIndex(of: quote) else { return at }
            let value = lower[(i + 1)..<close]
            guard value.starts(with: "http://".utf8) || value.starts(with: "https://".utf8), !value.contains(where: { "&<%>\\".utf8.contains($0) || $0 <= 0x20 }) else { return at }
            i = close + 1
            spaces()
            guard i < lower.count, lower[i] == UInt8(ascii: ">") else { return at }
            k = i
        }
        return nil
    }

    /// `lower` with its character references decoded (`&#106;`, `&#x6A;`, `&colon;`…) and every
    /// space and control character left out (spaces kept with `keepingSpaces`, as an address
    /// keeps them where a browser takes out tabs and line breaks), with each byte's offset in `lower`.
    private static func decoded(_ lower: [UInt8], keepingSpaces: Bool = false) -> (bytes: [UInt8], offsets: [Int]) {
        let lowest: UInt32 = keepingSpaces ? 0x20 : 0x21
        var bytes: [UInt8] = [], offsets: [Int] = []
        bytes.reserveCapacity(lower.count)
        offsets.reserveCapacity(lower.count)
        var k = 0
        while k < lower.count {
            if lower[k] == UInt8(ascii: "&"), let (value, length) = reference(lower, at: k) {
                if value >= lowest {
                    for byte in String(Character(Unicode.Scalar(value) ?? "\u{FFFD}")).lowercased().utf8 {
                        bytes.append(byte)
                        offsets.append(k)
                    }
                }
                k += length
                continue
            }
            if lower[k] >= lowest, lower[k] != 0x7F {
                bytes.append(lower[k])
                offsets.append(k)
            }
            k += 1
        }
        return (bytes, offsets)
    }

    /// The character a reference at `at` stands for, and its length: numeric, or one of the
    /// names that can spell a scheme (`&colon;`, `&Tab;`, `&NewLine;`, letters are numeric).
    private static func reference(_ lower: [UInt8], at: Int) -> (UInt32, Int)? {
        var k = at + 1
        if k < lower.count, lower[k] == UInt8(ascii: "#") {
            k += 1
            let hex = k < lower.count && lower[k] == UInt8(ascii: "x")
            if hex { k += 1 }
            var value: UInt32 = 0
            let start = k
            // Every digit, as browsers read them (`&#x000000006A;` is `j`); too large a value is none.
            while k < lower.count, let digit = hex ? hexDigit(lower[k]) : decimalDigit(lower[k]) {
                value = min(value * (hex ? 16 : 10) + digit, 0x110000)
                k += 1
            }
            guard k > start else { return nil }
            // The `;` may be left out, as browsers read it.
            if k < lower.count, lower[k] == UInt8(ascii: ";") { k += 1 }
            return (value, k - at)
        }
        for (name, value) in [("colon", UInt32(0x3A)), ("tab", 0x09), ("newline", 0x0A), ("sol", 0x2F), ("lpar", 0x28), ("rpar", 0x29)] {
            if lower[k...].starts(with: name.utf8) {
                let end = k + name.utf8.count
                return (value, end - at + (end < lower.count && lower[end] == UInt8(ascii: ";") ? 1 : 0))
            }
        }
        return nil
    }

    private static func decimalDigit(_ byte: UInt8) -> UInt32? { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? UInt32(byte - UInt8(ascii: "0")) : nil }
    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        decimalDigit(byte) ?? (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f") ? UInt32(byte - UInt8(ascii: "a") + 10) : nil)
    }
}
