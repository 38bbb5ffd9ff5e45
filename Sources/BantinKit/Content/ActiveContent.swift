import Foundation

/// Files of `content/` a browser would run as a page of the bulletin's own site: an SVG or an
/// HTML (or XML) file is copied as it is, so a script in it, opened from an article's link,
/// could read and rewrite every page of the site for that reader. With `unsafe_html` off
/// (nothing a text says may be script), such a file holding anything that can run is refused,
/// at the line where it first does.
enum ActiveContent {
    /// The extensions of files a browser shows as a document that may run script (lower case).
    static let extensions: Set<String> = ["svg", "svgz", "html", "htm", "xhtml", "xht", "shtml", "xml", "xsl", "xslt", "mht", "mhtml"]

    /// What of `bytes` could run, and where (line from 1), or `nil` when nothing can.
    static func firstActive(in bytes: [UInt8], fileExtension: String) -> (line: Int, what: String)? {
        // Compressed SVG cannot be read here, and text in UTF-16 or UTF-32 hides from a byte search.
        if fileExtension == "svgz" { return (1, "compressed SVG, whose content cannot be checked") }
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) || bytes.contains(0) {
            return (1, "text in UTF-16 or with zero bytes, which cannot be checked")
        }
        let lower = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        var found: (offset: Int, what: String)? = nil
        func note(_ offset: Int, _ what: String) {
            if found == nil || offset < found!.offset { found = (offset, what) }
        }
        for word in words {
            if let at = lower.firstOffset(of: Array(word.utf8)) { note(at, "`\(word)`") }
        }
        if let (at, what) = inTags(lower) { note(at, what) }
        guard let found else { return nil }
        return (1 + lower[..<found.offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }, found.what)
    }

    /// What can run wherever it is written: elements that run or embed, address schemes that
    /// run, instructions that transform the document, declarations that can hide any of these.
    private static let words = [
        "<script", "<iframe", "<frame", "<object", "<embed", "<applet", "<foreignobject",
        "<handler", "<listener", "<!entity", "<?xml-stylesheet", "javascript:", "vbscript:", "livescript:",
        "data:text/html", "data:application/", "data:image/svg+xml",
    ]

    /// Inside a tag: an event attribute (`onload=`, `onclick =`) or a character reference (`&#…`,
    /// `&colon;`) that could spell a scheme. Only `&amp;`, `&quot;`, `&apos;`, `&lt;` and `&gt;` are
    /// left, as addresses and titles need them.
    private static func inTags(_ lower: [UInt8]) -> (Int, String)? {
        var inTag = false
        var k = 0
        while k < lower.count {
            let byte = lower[k]
            if !inTag {
                inTag = byte == UInt8(ascii: "<")
                k += 1
                continue
            }
            if byte == UInt8(ascii: ">") { inTag = false }
            if byte == UInt8(ascii: "&"), isHidingReference(lower[(k + 1)...]) { return (k, "a character reference inside a tag") }
            if byte == UInt8(ascii: "o"), k + 2 < lower.count, lower[k + 1] == UInt8(ascii: "n"),
                [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "/"), UInt8(ascii: "\""), UInt8(ascii: "'")].contains(lower[k - 1])
            {
                var end = k + 2
                while end < lower.count, lower[end] >= UInt8(ascii: "a"), lower[end] <= UInt8(ascii: "z") { end += 1 }
                let name = end
                while end < lower.count, [0x20, 0x09, 0x0A, 0x0D].contains(lower[end]) { end += 1 }
                if name > k + 2, end < lower.count, lower[end] == UInt8(ascii: "=") {
                    return (k, "an event attribute (`\(String(decoding: lower[k..<name], as: UTF8.self))`)")
                }
            }
            k += 1
        }
        return nil
    }

    /// Whether the text after a `&` is a character reference other than the five addresses
    /// and titles need: a number (`&#106;`), or a name and `;` (`&colon;`). A `&` before
    /// anything else is no reference (`?a=1&b=2`).
    private static func isHidingReference(_ after: ArraySlice<UInt8>) -> Bool {
        if after.first == UInt8(ascii: "#") { return true }
        let name = after.prefix { ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) }
        guard !name.isEmpty, after.dropFirst(name.count).first == UInt8(ascii: ";") else { return false }
        return !["amp", "quot", "apos", "lt", "gt"].contains { name.elementsEqual($0.utf8) }
    }
}
