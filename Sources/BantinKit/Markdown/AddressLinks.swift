import Foundation

/// Links that show their own address as their text (`<https://…>`, `www.…`, an address pasted
/// as it is): marked ` data-shown`, so that a printed page does not write the address again
/// after them (print writes a link's address after its text).
enum AddressLinks {
    /// `html` (as cmark-gfm wrote a body) with each such link's start tag marked.
    static func marked(_ html: [UInt8]) -> [UInt8] {
        let start = Array("<a href=\"".utf8)
        guard var found = html.firstOffset(of: start) else { return html }
        var out: [UInt8] = []
        var copied = 0
        html.withUnsafeBufferPointer { bytes in
            while true {
                if let close = bytes.firstOffset(of: [UInt8(ascii: ">")], from: found), showsItsAddress(bytes, tag: found..<(close + 1)) {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<close]))
                    out += " data-shown".utf8
                    copied = close
                }
                guard let next = bytes.firstOffset(of: start, from: found + start.count) else { break }
                found = next
            }
        }
        if copied == 0 { return html }
        out.append(contentsOf: html[copied...])
        return out
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
        if text.contains("&") {
            for (reference, character) in [("&#x27;", "'"), ("&quot;", "\""), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
                text = text.replacingOccurrences(of: reference, with: character)
            }
        }
        return text.contains("%") ? text.removingPercentEncoding ?? text : text
    }
}
