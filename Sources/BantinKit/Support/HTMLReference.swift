import Foundation

/// A character reference (`&amp;`, `&eacute;`, `&#237;`, `&#xED;`) as what reads it reads it.
/// Every reader of references but `ActiveContent`'s (which looks only for the characters that
/// spell a scheme, in text it has lower-cased) reads them here.
enum HTMLReference {
    enum Reading {
        /// Markdown's, as cmark-gfm reads it: a `;` ends every reference; a number has 1–8 digits
        /// and stands for its own character. Otherwise `&` is shown as it is.
        case markdown
        /// A browser's, in HTML's text: a number has any count of digits and needs no `;`
        /// (`&#115` is `s`), and one of 128–159 stands for what Windows-1252 has there (`&#150;`
        /// is `–`, as old pages meant it); a name ends in `;`, but for the oldest ones, which
        /// need none (`&copy 2024`, `&eacute`).
        case htmlText
        /// The same, in an attribute's value, but that an old name without `;` followed by a
        /// letter, digit or `=` is none (`?a=1&copy=2` keeps `&copy=`).
        case attributeValue
    }

    /// The reference at the start of `text`: the UTF-8 of what it stands for, and its length;
    /// `nil` when it is none. A number of no character (0, a surrogate, past U+10FFFF) stands for
    /// U+FFFD, as cmark-gfm and browsers show it.
    static func at(_ text: UnsafeBufferPointer<UInt8>, reading: Reading) -> ([UInt8], Int)? {
        guard text.count > 2, text[0] == UInt8(ascii: "&") else { return nil }
        return text[1] == UInt8(ascii: "#") ? number(text, reading: reading) : name(text, reading: reading)
    }

    /// `text` with every reference decoded, as `reading` reads it (by default, an attribute's value).
    static func decode(_ text: String, reading: Reading = .attributeValue) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        Array(text.utf8).withUnsafeBufferPointer { bytes in
            var i = 0
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "&"), let (value, length) = at(UnsafeBufferPointer(rebasing: bytes[i...]), reading: reading) {
                    out += value
                    i += length
                } else {
                    out.append(bytes[i])
                    i += 1
                }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func number(_ text: UnsafeBufferPointer<UInt8>, reading: Reading) -> ([UInt8], Int)? {
        let hex = text.count > 2 && text[2] | 0x20 == UInt8(ascii: "x")
        var i = hex ? 3 : 2
        let start = i
        let most = reading == .markdown ? 8 : Int.max
        var value: UInt32 = 0
        while i < text.count, i - start < most, let digit = hex ? hexDigit(text[i]) : decimalDigit(text[i]) {
            value = min(value * (hex ? 16 : 10) + digit, 0x11_0000)
            i += 1
        }
        guard i > start else { return nil }
        if i < text.count, text[i] == UInt8(ascii: ";") {
            i += 1
        } else if reading == .markdown {
            return nil
        }
        if reading != .markdown, (0x80...0x9F).contains(value), let meant = windows1252[Int(value - 0x80)] { value = meant }
        let scalar = value == 0 ? nil : Unicode.Scalar(value)
        return (Array(String(Character(scalar ?? "\u{FFFD}")).utf8), i)
    }

    private static func name(_ text: UnsafeBufferPointer<UInt8>, reading: Reading) -> ([UInt8], Int)? {
        var i = 1
        while i < text.count, i <= 32, isLetter(text[i]) || (i > 1 && decimalDigit(text[i]) != nil) { i += 1 }
        guard i > 1 else { return nil }
        if i < text.count, text[i] == UInt8(ascii: ";"), let value = named.value(of: Array(text[0...i])) { return (value, i + 1) }
        guard reading != .markdown else { return nil }
        // The longest of the old names the letters start with (`&copy2024` is `©2024`).
        let run = text[1..<i]
        guard let old = legacyNames.filter({ run.starts(with: $0) }).max(by: { $0.count < $1.count }) else { return nil }
        let end = 1 + old.count
        if reading == .attributeValue, end < text.count, isLetter(text[end]) || decimalDigit(text[end]) != nil || text[end] == UInt8(ascii: "=") { return nil }
        return named.value(of: [UInt8(ascii: "&")] + old + [UInt8(ascii: ";")]).map { ($0, end) }
    }

    private static func isLetter(_ byte: UInt8) -> Bool { byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z") }
    private static func decimalDigit(_ byte: UInt8) -> UInt32? { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? UInt32(byte - UInt8(ascii: "0")) : nil }
    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        decimalDigit(byte) ?? (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f") ? UInt32(byte | 0x20 - UInt8(ascii: "a") + 10) : nil)
    }

    /// What Windows-1252 has at 0x80–0x9F (`nil`: nothing, the number stands for itself).
    private static let windows1252: [UInt32?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
        nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178,
    ]

    /// The names HTML reads without `;` (those of HTML 2 and 3.2, kept for old pages).
    private static let legacyNames: [[UInt8]] = """
        AElig AMP Aacute Acirc Agrave Aring Atilde Auml COPY Ccedil ETH Eacute Ecirc Egrave Euml GT Iacute Icirc Igrave Iuml LT \
        Ntilde Oacute Ocirc Ograve Oslash Otilde Ouml QUOT REG THORN Uacute Ucirc Ugrave Uuml Yacute aacute acirc acute aelig \
        agrave amp aring atilde auml brvbar ccedil cedil cent copy curren deg divide eacute ecirc egrave eth euml frac12 frac14 \
        frac34 gt iacute icirc iexcl igrave iquest iuml laquo lt macr micro middot nbsp not ntilde oacute ocirc ograve ordf ordm \
        oslash otilde ouml para plusmn pound quot raquo reg sect shy sup1 sup2 sup3 szlig thorn times uacute ucirc ugrave uml \
        uuml yacute yen yuml
        """.split(separator: " ").map { Array($0.utf8) }

    /// The named references met, each looked up once (by cmark-gfm, which knows all of HTML's).
    private static let named = NamedReferences()

    private final class NamedReferences: @unchecked Sendable {
        private let lock = NSLock()
        private var known: [[UInt8]: [UInt8]?] = [
            "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&apos;": "'", "&nbsp;": "\u{A0}",
        ].reduce(into: [:]) { $0[Array($1.key.utf8)] = Array($1.value.utf8) }

        /// What `reference` (`&name;`) stands for, or `nil` when HTML has no such name.
        func value(of reference: [UInt8]) -> [UInt8]? {
            lock.lock()
            defer { lock.unlock() }
            if let value = known[reference] { return value }
            let value = MarkdownRenderer.character(ofEntity: reference)
            known[reference] = .some(value)
            return value
        }
    }
}
