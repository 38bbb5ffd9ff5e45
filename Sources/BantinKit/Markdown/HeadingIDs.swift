import Foundation

/// Heading ids written into cmark-gfm's HTML, where it marked each heading's position.
extension MarkdownRenderer {
    /// cmark-gfm was asked for `data-sourcepos` on every block; headings get their id in its
    /// place and every other `data-sourcepos` it wrote is removed, so the rest is exactly
    /// cmark-gfm's HTML. The body's own HTML may hold the same bytes (pasted from a page's
    /// source): cmark-gfm writes its attribute inside a tag, and its headings in the order of
    /// `starts`; what is not that is left as it is written.
    static let sourceposMarker = Array(" data-sourcepos=\"".utf8CString)

    /// `bytes` must be followed by a NUL byte (cmark-gfm's output is).
    static func applyHeadingIDs(_ bytes: UnsafeBufferPointer<UInt8>, headings: [Heading], starts: [String]) -> [UInt8] {
        let marker = Self.sourceposMarker
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + headings.count * 24)
        guard let base = bytes.baseAddress else { return [] }
        var copiedUpTo = 0, nextHeading = 0
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
            let next = min(close + 1, bytes.count)
            // cmark-gfm's value is `12:1-12:20`; any other is the body's own, left as it is written.
            let isPosition = bytes[valueStart..<close].allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: ":")).contains($0) || $0 == UInt8(ascii: "-") }
            guard isPosition, close > valueStart, let tag = Self.tagName(before: i, in: bytes) else {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<next]))
                copiedUpTo = next
                continue
            }
            // `<hN data-sourcepos="12:1-12:20"`: the next heading's start, and its id in its place.
            if tag.count == 2, bytes[tag.lowerBound] == UInt8(ascii: "h"), (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[tag.lowerBound + 1]) {
                let value = UnsafeBufferPointer(rebasing: bytes[valueStart..<close])
                if nextHeading < starts.count, value.starts(with: starts[nextHeading].utf8) {
                    out.append(contentsOf: " id=\"\(headings[nextHeading].id)\"".utf8)
                    nextHeading += 1
                } else {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<next]))
                }
            }
            copiedUpTo = next
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedUpTo...]))
        return out
    }

    /// Where the name of the tag the bytes before `at` end inside is (`<h2`, `<th align="left"`),
    /// if they end inside one.
    private static func tagName(before at: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        guard let open = AccessibleMarkup.openingOfTag(before: at, in: bytes).map({ $0 + 1 }) else { return nil }
        var end = open
        while end < at, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[end]) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) { end += 1 }
        return open..<end
    }
}
