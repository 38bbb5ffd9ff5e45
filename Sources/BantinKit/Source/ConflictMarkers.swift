import Foundation

/// What a merge that conflicted leaves in a file nobody resolved (git, Mercurial and others
/// alike): a line `<<<<<<< HEAD`, one side, a line `=======`, the other side, `>>>>>>> nhanh`
/// (and `||||||| base` before the common text, in diff3 style). Published, the markers would be
/// a heading and quotes on the page, in feeds and search, or in every page from a template.
enum ConflictMarkers {
    /// The offset of the first line in `bytes` that starts `<<<<<<<` and then a space or its end.
    /// (A line `=======` is also a heading's underline, and `>>>>>>> …` a quote seven deep: alone,
    /// they are left to be what Markdown makes of them.)
    static func first(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        line(starting: "<<<<<<<", in: bytes)
    }

    /// The 1-based numbers of the lines of `text` that start as a conflict's markers do (`<<<<<<<`,
    /// `=======`, `>>>>>>>`), for a file that has a conflict already found.
    static func markerLines(in text: String) -> Set<Int> {
        Set(text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, line in
            ["<<<<<<<", "=======", ">>>>>>>"].contains { line.hasPrefix($0) } ? index + 1 : nil
        })
    }

    /// The first line that starts with `marker` (ASCII), then a space or its end; `memchr` finds
    /// each candidate many bytes at a time.
    private static func line(starting marker: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let length = marker.utf8CodeUnitCount, first = marker.utf8Start.pointee
        var from = 0
        while from + length <= bytes.count, let found = memchr(base + from, Int32(first), bytes.count - from) {
            let at = UnsafeRawPointer(base).distance(to: found)
            from = at + 1
            guard at == 0 || bytes[at - 1] == 0x0A || bytes[at - 1] == 0x0D, at + length <= bytes.count,
                memcmp(base + at, marker.utf8Start, length) == 0
            else { continue }
            let after = at + length
            if after == bytes.count || bytes[after] == 0x0A || bytes[after] == 0x0D || bytes[after] == 0x20 { return at }
            from = after
        }
        return nil
    }
}
