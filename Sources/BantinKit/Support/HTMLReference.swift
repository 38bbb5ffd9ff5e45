import Foundation

/// A character reference (`&amp;`, `&eacute;`, `&#237;`, `&#xED;`) as what reads it reads it.
/// Every reader of references but `ActiveContent`'s (which looks only for the characters that
/// spell a scheme, in text it has lower-cased) reads them here.
enum HTMLReference {
    enum Reading {
        /// Markdown's, as cmark-gfm reads it: a `;` ends every reference; a number has 1–8 digits.
        /// Otherwise `&` is shown as it is.
        case markdown
        /// A browser's, in HTML: a number has any count of digits and needs no `;` (`&#115` is `s`);
        /// a name still ends in `;`.
        case browser
    }

    /// The reference at the start of `text`: the UTF-8 of what it stands for, and its length;
    /// `nil` when it is none. A number of no character (0, a surrogate, past U+10FFFF) stands for
    /// U+FFFD, as cmark-gfm and browsers show it.
    static func at(_ text: UnsafeBufferPointer<UInt8>, reading: Reading) -> ([UInt8], Int)? {
        guard text.count > 2, text[0] == UInt8(ascii: "&") else { return nil }
        return text[1] == UInt8(ascii: "#") ? number(text, reading: reading) : name(text)
    }

    /// `text` with every reference decoded as a browser reads an attribute's value.
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        Array(text.utf8).withUnsafeBufferPointer { bytes in
            var i = 0
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "&"), let (value, length) = at(UnsafeBufferPointer(rebasing: bytes[i...]), reading: .browser) {
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
        let scalar = value == 0 ? nil : Unicode.Scalar(value)
        return (Array(String(Character(scalar ?? "\u{FFFD}")).utf8), i)
    }

    private static func name(_ text: UnsafeBufferPointer<UInt8>) -> ([UInt8], Int)? {
        var i = 1
        while i < text.count, i <= 32, isLetter(text[i]) || (i > 1 && decimalDigit(text[i]) != nil) { i += 1 }
        guard i > 1, i < text.count, text[i] == UInt8(ascii: ";") else { return nil }
        return named.value(of: Array(text[0...i])).map { ($0, i + 1) }
    }

    private static func isLetter(_ byte: UInt8) -> Bool { byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z") }
    private static func decimalDigit(_ byte: UInt8) -> UInt32? { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") ? UInt32(byte - UInt8(ascii: "0")) : nil }
    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        decimalDigit(byte) ?? (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f") ? UInt32(byte | 0x20 - UInt8(ascii: "a") + 10) : nil)
    }

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
