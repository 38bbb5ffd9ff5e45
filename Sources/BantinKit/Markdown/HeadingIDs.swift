import Foundation

/// Heading ids written into cmark-gfm's HTML, where it marked each heading's position.
extension MarkdownRenderer {
    /// cmark-gfm was asked for `data-sourcepos` on every block; headings get their id in its
    /// place and every other `data-sourcepos` is removed, so the rest is exactly cmark-gfm's HTML.
    static let sourceposMarker = Array(" data-sourcepos=\"".utf8CString)

    /// `bytes` must be followed by a NUL byte (cmark-gfm's output is).
    static func applyHeadingIDs(_ bytes: UnsafeBufferPointer<UInt8>, headings: [Heading], starts: [String]) -> [UInt8] {
        var idByStart: [String: String] = [:]
        for (heading, start) in zip(headings, starts) { idByStart[start] = heading.id }
        let marker = Self.sourceposMarker
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + headings.count * 24)
        guard let base = bytes.baseAddress else { return [] }
        var copiedUpTo = 0
        // The buffer is cmark-gfm's NUL-terminated string: strstr finds each marker far faster than a byte loop.
        while copiedUpTo < bytes.count,
            let found = UnsafeRawPointer(base + copiedUpTo).withMemoryRebound(to: CChar.self, capacity: 1, { text in
                marker.withUnsafeBufferPointer { strstr(text, $0.baseAddress!) }
            })
        {
            let i = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedUpTo..<i]))
            let valueStart = i + marker.count - 1
            var close = valueStart
            while close < bytes.count, bytes[close] != UInt8(ascii: "\"") { close += 1 }
            // `<hN data-sourcepos="12:1-12:20"`: the tag name is the three bytes before the marker.
            let isHeading = i >= 3 && bytes[i - 3] == UInt8(ascii: "<") && bytes[i - 2] == UInt8(ascii: "h")
                && (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[i - 1])
            if isHeading, let dash = bytes[valueStart..<close].firstIndex(of: UInt8(ascii: "-")),
                let id = idByStart[String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart...dash]), as: UTF8.self)]
            {
                out.append(contentsOf: " id=\"\(id)\"".utf8)
            }
            copiedUpTo = min(close + 1, bytes.count)
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedUpTo...]))
        return out
    }
}
