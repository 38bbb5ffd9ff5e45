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
    /// (`https://…`, or `www.…` for `http://www.…`).
    static func showsItsAddress(_ bytes: UnsafeBufferPointer<UInt8>, tag: Range<Int>) -> Bool {
        let marker = Array(" href=\"".utf8)
        guard let hrefAt = UnsafeBufferPointer(rebasing: bytes[tag]).firstOffset(of: marker).map({ $0 + tag.lowerBound }),
            let valueEnd = bytes.firstOffset(of: [UInt8(ascii: "\"")], from: hrefAt + marker.count),
            let textEnd = bytes.firstOffset(of: [UInt8(ascii: "<")], from: tag.upperBound),
            bytes[textEnd...].starts(with: "</a>".utf8)
        else { return false }
        let href = bytes[(hrefAt + marker.count)..<valueEnd], text = bytes[tag.upperBound..<textEnd]
        // cmark-gfm percent-encodes the address (`Hà_Nội` → `H%C3%A0_N%E1%BB%99i`), not the text.
        let address = href.contains(UInt8(ascii: "%")) ? Array((String(decoding: href, as: UTF8.self).removingPercentEncoding ?? "").utf8) : Array(href)
        return ["", "http://", "https://", "mailto:"].contains { scheme in
            address.count == scheme.utf8.count + text.count && address.starts(with: scheme.utf8) && address.dropFirst(scheme.utf8.count).elementsEqual(text)
        }
    }
}
