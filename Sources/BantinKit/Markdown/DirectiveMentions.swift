import Foundation

/// Directive codes written in running text: `Kết luận 21-KL/TW`, `Chỉ thị số 05-CT/TW`,
/// `Quy định 37-QĐ/TW`. A code is a number, `-`, then groups of letters joined by `/`, each group
/// starting with a capital (`01-KL/TW`, `144-QĐ/TW`, `08-QĐi/TW`), with no letter or digit
/// touching it on either side; the `-` may be a word processor's dash (`01–KL/TW`), and a
/// character that shows as nothing (a zero-width space Word leaves, a soft hyphen) may stand
/// anywhere inside it (`LookAlikes.zeroWidth`). Works on UTF-8 bytes: every body of the bulletin passes here.
enum DirectiveMentions {
    /// The byte ranges of the codes in `text`, in order.
    static func ranges(in text: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        guard let base = text.baseAddress else { return [] }
        var found: [Range<Int>] = []
        var dashes = DashFinder(text: text, base: base)
        while let at = dashes.next() {
            // Cheapest tests first: a digit before, a capital after (ASCII, or the lead byte of `Đ`, `Ư`…).
            guard at > 0, let length = dashLength(at: at, in: text), at + length < text.count else { continue }
            let beforeDash = at - zeroWidthLength(before: at, in: text)
            guard beforeDash > 0, isDigit(text[beforeDash - 1]) else { continue }
            let letter = text[at + length]
            // A capital, the lead byte of a non-ASCII one (`Đ`), or of a character that shows as nothing.
            guard letter >= 0x41, letter <= 0x5A || letter >= 0xC2 else { continue }
            var start = beforeDash - 1
            while start > 0 {
                let invisible = zeroWidthLength(before: start, in: text)
                if isDigit(text[start - 1]) {
                    start -= 1
                } else if invisible > 0, start - invisible > 0, isDigit(text[start - invisible - 1]) {
                    start -= invisible
                } else {
                    break
                }
            }
            guard start == 0 || !isWordScalar(before: start, in: text), !continuesANumber(before: start, in: text),
                  let end = codeEnd(startingAt: start, in: text) else { continue }
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
        while i < text.count, isDigit(text[i]) || zeroWidthLength(at: i, in: text) > 0 { i += max(1, zeroWidthLength(at: i, in: text)) }
        guard i < text.count, let dash = dashLength(at: i, in: text) else { return nil }
        var groupStart = i + dash, groups = 0
        while true {
            guard let kindEnd = letterGroupEnd(at: groupStart, in: text, tail: .kind) else { return nil }
            groups += 1
            var slash = kindEnd
            while zeroWidthLength(at: slash, in: text) > 0 { slash += zeroWidthLength(at: slash, in: text) }
            if slash < text.count, text[slash] == UInt8(ascii: "/"), letterGroupEnd(at: slash + 1, in: text, tail: .kind) != nil {
                groupStart = slash + 1
                continue
            }
            // The last group: the issuer's.
            guard groups >= 2, let end = letterGroupEnd(at: groupStart, in: text, tail: .issuer), end == text.count || !isWordScalar(at: end, in: text)
            else { return nil }
            return end
        }
    }

    /// What may follow a group's capitals: in a kind, up to two lower-case ASCII letters (`QĐi`);
    /// in the issuer, the last group, one `ư` or `w` (`Tư`, typed for `TW`). A word typed on without
    /// a space (`TWđã`, `TWra`) is then no part of it, and leaves a letter touching the code.
    enum Tail { case kind, issuer }

    /// The end of a run of letters starting with a capital at `start` (characters that show as
    /// nothing passed over, but not ending it).
    private static func letterGroupEnd(at start: Int, in text: UnsafeBufferPointer<UInt8>, tail: Tail) -> Int? {
        var start = start
        while zeroWidthLength(at: start, in: text) > 0 { start += zeroWidthLength(at: start, in: text) }
        guard let first = scalar(at: start, in: text), isUppercase(first.scalar) else { return nil }
        var i = start + first.length
        var end = i, lower = 0
        while let next = scalar(at: i, in: text) {
            let value = next.scalar.value
            let allowed = switch tail {
            case .kind: lower < 2 && (0x61...0x7A).contains(value)
            case .issuer: lower < 1 && (value == 0x01B0 || value == 0x77)
            }
            if lower == 0, isUppercase(next.scalar) {
                i += next.length
                end = i
            } else if allowed {
                lower += 1
                i += next.length
                end = i
            } else if LookAlikes.zeroWidth[value] != nil {
                i += next.length
            } else {
                break
            }
        }
        return end
    }

    /// Whether the digits at `start` go on a number before them (`1.234`, `2,5`, `01/2023`): a
    /// code does not start in the middle of one (`1.234-QĐ/TU` is no `234-QĐ/TU`).
    private static func continuesANumber(before start: Int, in text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard start >= 2, [UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "/")].contains(text[start - 1]) else { return false }
        return isDigit(text[start - 2])
    }

    /// The length in bytes of a character that shows as nothing (`LookAlikes.zeroWidth`) at `index`, else 0.
    private static func zeroWidthLength(at index: Int, in text: UnsafeBufferPointer<UInt8>) -> Int {
        guard index < text.count, text[index] >= 0xC2, let found = scalar(at: index, in: text), LookAlikes.zeroWidth[found.scalar.value] != nil else { return 0 }
        return found.length
    }

    /// The length in bytes of a character that shows as nothing ending right before `index`, else 0.
    private static func zeroWidthLength(before index: Int, in text: UnsafeBufferPointer<UInt8>) -> Int {
        guard index > 0, text[index - 1] >= 0x80 else { return 0 }
        var start = index - 1
        while start > 0, text[start] & 0xC0 == 0x80 { start -= 1 }
        let length = zeroWidthLength(at: start, in: text)
        return start + length == index ? length : 0
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
