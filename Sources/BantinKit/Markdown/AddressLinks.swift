import Foundation

/// The addresses of a body's links as print writes them after the links' text:
/// - a link that shows its own address as its text (`<https://…>`, `www.…`, an address pasted
///   as it is) is marked ` data-shown`, so that print does not write the address again;
/// - an address on the web keeps its letters readable (`…/wiki/Hồ_Chí_Minh`, not cmark-gfm's
///   `…/wiki/H%E1%BB%93_Ch%C3%AD_Minh`), which a reader can copy from paper: a browser sends
///   both alike; and so does the text of a link that shows its address.
enum AddressLinks {
    /// `html` (as cmark-gfm wrote a body) with each such link's start tag marked and each web
    /// address's letters decoded, in its `href` and, when it is the link's text, there too.
    static func marked(_ html: [UInt8]) -> [UInt8] {
        let start = Array("<a href=\"".utf8)
        guard var found = html.firstOffset(of: start) else { return html }
        var out: [UInt8] = []
        var copied = 0
        html.withUnsafeBufferPointer { bytes in
            while true {
                let valueStart = found + start.count
                if let valueEnd = bytes.firstOffset(of: [UInt8(ascii: "\"")], from: valueStart),
                    let readable = readableAddress(UnsafeBufferPointer(rebasing: bytes[valueStart..<valueEnd]))
                {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<valueStart]))
                    out += readable
                    copied = valueEnd
                }
                if let close = bytes.firstOffset(of: [UInt8(ascii: ">")], from: found), showsItsAddress(bytes, tag: found..<(close + 1)) {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<close]))
                    out += " data-shown>".utf8
                    copied = close + 1
                    // Its text, the address as pasted from an address bar, as readable as its address.
                    if let textEnd = bytes.firstOffset(of: Array("</a>".utf8), from: copied),
                        let readable = readableAddress(UnsafeBufferPointer(rebasing: bytes[copied..<textEnd]))
                    {
                        out += readable
                        copied = textEnd
                    }
                }
                guard let next = bytes.firstOffset(of: start, from: valueStart) else { break }
                found = next
            }
        }
        if copied == 0 { return html }
        out.append(contentsOf: html[copied...])
        return out
    }

    /// A web address (`http:`, `https:`, or a link's text `www.…`) with its percent-encoded letters, marks and digits
    /// (UTF-8 beyond ASCII) written as themselves; `nil` when there is none. Everything else
    /// stays encoded: ASCII (`%20`, `%2F`, `%23` mean what they are written for), spaces,
    /// invisible and direction characters, and bytes that are not UTF-8.
    static func readableAddress(_ address: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard address.starts(with: "http".utf8) || address.starts(with: "www.".utf8), address.contains(UInt8(ascii: "%")) else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(address.count)
        var changed = false
        var at = 0
        while at < address.count {
            // A run of escapes of bytes beyond ASCII.
            var run: [UInt8] = []
            var end = at
            while end + 2 < address.count, address[end] == UInt8(ascii: "%"), let byte = hexByte(address[end + 1], address[end + 2]), byte >= 0x80 {
                run.append(byte)
                end += 3
            }
            guard !run.isEmpty else {
                out.append(address[at])
                at += 1
                continue
            }
            guard let text = String(validating: run, as: UTF8.self) else {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: address[at..<end]))
                at = end
                continue
            }
            var escape = at
            for scalar in text.unicodeScalars {
                let width = scalar.utf8.count
                if isReadable(scalar) {
                    out += scalar.utf8
                    changed = true
                } else {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: address[escape..<(escape + 3 * width)]))
                }
                escape += 3 * width
            }
            at = end
        }
        return changed ? out : nil
    }

    /// A letter, mark or digit a reader sees (not one of the invisible ones).
    private static func isReadable(_ scalar: Unicode.Scalar) -> Bool {
        guard !scalar.properties.isDefaultIgnorableCodePoint else { return false }
        let category = scalar.properties.generalCategory
        return category.isLetter || category.isMark || category.isNumber
    }

    private static func hexByte(_ high: UInt8, _ low: UInt8) -> UInt8? {
        func digit(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 0x30...0x39: byte - 0x30
            case 0x41...0x46: byte - 0x37
            case 0x61...0x66: byte - 0x57
            default: nil
            }
        }
        guard let high = digit(high), let low = digit(low) else { return nil }
        return high << 4 | low
    }

    /// Whether the link whose start tag spans `tag` shows its own address as its text
    /// (`https://…`, or `www.…` for `http://www.…`), emphasised or not (`[*https://…*](…)`).
    static func showsItsAddress(_ bytes: UnsafeBufferPointer<UInt8>, tag: Range<Int>) -> Bool {
        let marker = Array(" href=\"".utf8)
        guard let hrefAt = UnsafeBufferPointer(rebasing: bytes[tag]).firstOffset(of: marker).map({ $0 + tag.lowerBound }),
            let valueEnd = bytes.firstOffset(of: [UInt8(ascii: "\"")], from: hrefAt + marker.count),
            let textEnd = bytes.firstOffset(of: Array("</a>".utf8), from: tag.upperBound)
        else { return false }
        let address = readable(bytes[(hrefAt + marker.count)..<valueEnd]), text = readable(withoutTags(bytes[tag.upperBound..<textEnd]))
        return ["", "http://", "https://", "mailto:"].contains { address == $0 + text }
    }

    /// A link's text without the tags of its emphasis or code (`<em>`, `<code>`…).
    private static func withoutTags(_ html: Slice<UnsafeBufferPointer<UInt8>>) -> [UInt8] {
        var text: [UInt8] = []
        var inTag = false
        for byte in html {
            if byte == UInt8(ascii: "<") { inTag = true } else if byte == UInt8(ascii: ">") { inTag = false } else if !inTag { text.append(byte) }
        }
        return text
    }

    /// An address or a link's text as a reader sees it: cmark-gfm percent-encodes an address
    /// (`Hà_Nội` → `H%C3%A0_N%E1%BB%99i`) and escapes `&`, `'`, `"`, `<`, `>` as references; an
    /// address pasted from a browser's address bar is percent-encoded in the text too.
    private static func readable(_ bytes: some Collection<UInt8>) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.utf8.contains(UInt8(ascii: "&")) {
            for (reference, character) in [("&#x27;", "'"), ("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
                text = text.replacingOccurrences(of: reference, with: character)
            }
        }
        return text.utf8.contains(UInt8(ascii: "%")) ? text.removingPercentEncoding ?? text : text
    }
}
