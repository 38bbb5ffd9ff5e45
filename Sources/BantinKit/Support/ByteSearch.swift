import Glibc

extension UnsafeBufferPointer where Element == UInt8 {
    /// Where `needle` first is at or after `start`: each place of its first byte found with
    /// `memchr`, then compared whole.
    func firstOffset(of needle: [UInt8], from start: Int = 0) -> Int? {
        needle.withUnsafeBufferPointer { needle in
            guard let base = baseAddress, let first = needle.first, start >= 0 else { return nil }
            var at = start
            while at + needle.count <= count, let hit = memchr(base + at, Int32(first), count - needle.count + 1 - at) {
                let offset = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
                if memcmp(base + offset, needle.baseAddress!, needle.count) == 0 { return offset }
                at = offset + 1
            }
            return nil
        }
    }

    /// Where each line is, without its `\n` (a text ending in one has an empty last line).
    func lineRanges() -> [Range<Int>] {
        guard let base = baseAddress else { return [] }
        var lines: [Range<Int>] = []
        var start = 0
        while start <= count {
            let end = memchr(base + start, 0x0A, count - start).map { UnsafeRawPointer(base).distance(to: UnsafeRawPointer($0)) } ?? count
            lines.append(start..<end)
            start = end + 1
        }
        return lines
    }
}

extension String {
    /// Whether the text holds `needle` (lower-case ASCII) in any case: a byte loop, where
    /// Foundation's case-insensitive search folds every character of a page.
    func containsASCII(anyCase needle: String) -> Bool {
        let wanted = Array(needle.utf8)
        guard let first = wanted.first else { return true }
        var text = self
        return text.withUTF8 { bytes in
            guard bytes.count >= wanted.count else { return false }
            for start in 0...(bytes.count - wanted.count) where bytes[start] | 0x20 == first {
                if (1..<wanted.count).allSatisfy({ bytes[start + $0] | 0x20 == wanted[$0] }) { return true }
            }
            return false
        }
    }
}

extension Array where Element == UInt8 {
    /// Where `needle` first is at or after `start` (`UnsafeBufferPointer.firstOffset(of:from:)`).
    func firstOffset(of needle: [UInt8], from start: Int = 0) -> Int? {
        withUnsafeBufferPointer { $0.firstOffset(of: needle, from: start) }
    }
}
