import Foundation

/// Directive codes written in running text: `Kết luận 21-KL/TW`, `Chỉ thị số 05-CT/TW`,
/// `Quy định 37-QĐ/TW`. A code is a number, `-`, then groups of letters joined by `/`, each group
/// starting with a capital (`01-KL/TW`, `144-QĐ/TW`, `08-QĐi/TW`), with no letter or digit
/// touching it on either side; the `-` may be a word processor's dash (`01–KL/TW`). Works on UTF-8 bytes: every body of the bulletin passes here.
enum DirectiveMentions {
    /// The byte ranges of the codes in `text`, in order.
    static func ranges(in text: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        guard let base = text.baseAddress else { return [] }
        var found: [Range<Int>] = []
        var dashes = DashFinder(text: text, base: base)
        while let at = dashes.next() {
            // Cheapest tests first: a digit before, a capital after (ASCII, or the lead byte of `Đ`, `Ư`…).
            guard at > 0, isDigit(text[at - 1]), let length = dashLength(at: at, in: text), at + length < text.count else { continue }
            let letter = text[at + length]
            guard letter >= 0x41, letter <= 0x5A || letter >= 0xC3 else { continue }
            var start = at - 1
            while start > 0, isDigit(text[start - 1]) { start -= 1 }
            guard start == 0 || !isWordScalar(before: start, in: text), let end = codeEnd(startingAt: start, in: text) else { continue }
            found.append(start..<end)
            dashes.skip(to: end)
        }
        return found
    }

    /// The places in a text where a dash may be: every `-`, and every byte `0xE2` that may start
    /// a word processor's dash (`–`, `‑`, `−`; see `LookAlikes.dashes`). `memchr` finds each many
    /// bytes at a time.
    private struct DashFinder {
        let text: UnsafeBufferPointer<UInt8>
        let base: UnsafePointer<UInt8>
        var from = 0
        var hyphen: Int? = -1
        var lead: Int? = -1

        mutating func next() -> Int? {
            if let at = hyphen, at < from { hyphen = find(UInt8(ascii: "-")) }
            if let at = lead, at < from { lead = find(0xE2) }
            let at = min(hyphen ?? .max, lead ?? .max)
            guard at != .max else { return nil }
            from = at + 1
            return at
        }

        mutating func skip(to end: Int) { from = max(from, end) }

        private func find(_ byte: UInt8) -> Int? {
            guard from < text.count, let found = memchr(base + from, Int32(byte), text.count - from) else { return nil }
            return UnsafeRawPointer(base).distance(to: found)
        }
    }

    /// The length in bytes of the dash at `index` (`-`, or one of `LookAlikes.dashes`), or `nil`.
    private static func dashLength(at index: Int, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        if text[index] == UInt8(ascii: "-") { return 1 }
        guard text[index] == 0xE2, let found = scalar(at: index, in: text), LookAlikes.dashes[found.scalar.value] != nil else { return nil }
        return found.length
    }

    /// The codes in `text` with their byte ranges; a run that looks like a code but is not one
    /// (`DirectiveCode` refuses it) is left out.
    static func codes(in text: UnsafeBufferPointer<UInt8>) -> [(range: Range<Int>, code: DirectiveCode)] {
        ranges(in: text).compactMap { range in
            DirectiveCode(String(decoding: UnsafeBufferPointer(rebasing: text[range]), as: UTF8.self)).map { (range, $0) }
        }
    }

    /// The codes in `text`.
    static func codes(in text: String) -> [DirectiveCode] {
        var text = text
        return text.withUTF8 { codes(in: $0).map(\.code) }
    }

    /// Where the code starting with the digit at `start` ends, or `nil` when there is none.
    private static func codeEnd(startingAt start: Int, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = start
        while i < text.count, isDigit(text[i]) { i += 1 }
        guard i < text.count, let dash = dashLength(at: i, in: text), var end = letterGroupEnd(at: i + dash, in: text) else { return nil }
        var groups = 1
        while end < text.count, text[end] == UInt8(ascii: "/"), let next = letterGroupEnd(at: end + 1, in: text) {
            end = next
            groups += 1
        }
        guard groups >= 2, end == text.count || !isWordScalar(at: end, in: text) else { return nil }
        return end
    }

    /// The end of a run of letters starting with a capital at `start`.
    private static func letterGroupEnd(at start: Int, in text: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = scalar(at: start, in: text), isUppercase(first.scalar) else { return nil }
        var i = start + first.length
        while let next = scalar(at: i, in: text), isLetter(next.scalar) { i += next.length }
        return i
    }

    /// ASCII letters are told apart without Unicode's property tables (most text is ASCII).
    private static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (0x41...0x5A).contains(scalar.value) : scalar.properties.isUppercase
    }

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? (0x61...0x7A).contains(scalar.value | 0x20) : scalar.properties.isAlphabetic
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Whether the character at `index` is a letter or a digit.
    private static func isWordScalar(at index: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let found = scalar(at: index, in: text) else { return false }
        if found.scalar.isASCII { return isLetter(found.scalar) || isDigit(UInt8(found.scalar.value)) }
        return found.scalar.properties.isAlphabetic || found.scalar.properties.numericType != nil
    }

    /// Whether the character just before `index` is a letter or a digit.
    private static func isWordScalar(before index: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = index - 1
        while start > 0, text[start] & 0xC0 == 0x80 { start -= 1 }
        return isWordScalar(at: start, in: text)
    }

    /// The Unicode scalar whose UTF-8 form starts at `index`, and its length in bytes.
    private static func scalar(at index: Int, in text: UnsafeBufferPointer<UInt8>) -> (scalar: Unicode.Scalar, length: Int)? {
        guard index < text.count else { return nil }
        let lead = text[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        guard length > 1, index + length <= text.count else { return nil }
        var value = UInt32(lead) & (0xFF >> UInt32(length + 1))
        for offset in 1..<length { value = value << 6 | UInt32(text[index + offset] & 0x3F) }
        return Unicode.Scalar(value).map { ($0, length) }
    }
}
