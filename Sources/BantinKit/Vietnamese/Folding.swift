import Foundation

/// Vietnamese text without its diacritics: the basis of slugs and of search.
public enum VietnameseFolding {
    /// Lower-cases, maps `đ`/`Đ` (and its look-alikes `ð`/`Ð`, `ɖ`/`Ɖ`) to `d`, a letter Unicode does not
    /// decompose to its base letters (`baseLetters`: `Ƀuôn` → `buon`, `Straße` → `strasse`) and removes
    /// every combining mark, so `Đảng bộ Đồng Tháp` becomes `dang bo dong thap`.
    public static func fold(_ text: String) -> String {
        String(decoding: foldedUTF8(text), as: UTF8.self)
    }

    /// `fold(text)` as UTF-8 bytes; Vietnamese letters are looked up in a table.
    static func foldedUTF8(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars { forEachFoldedByte(of: scalar.value) { out.append($0) } }
        return out
    }

    /// The folded form search gives a word of valid UTF-8 `bytes`: `foldedUTF8`, a syllable's
    /// final `y` read as `i` (`yReadAsI`).
    static func foldedWordUTF8(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var out: [UInt8] = []
        appendFoldedWord(bytes, to: &out)
        return out
    }

    /// `foldedWordUTF8` of valid UTF-8 `bytes`, appended to `out`.
    static func appendFoldedWord(_ bytes: UnsafeRawBufferPointer, to out: inout [UInt8]) {
        let start = out.count
        forEachScalar(of: bytes) { forEachFoldedByte(of: $0) { out.append($0) } }
        let count = out.count - start
        guard count >= 2, count <= 4 else { return }
        var head: UInt32 = 0
        for k in 0..<count { head |= UInt32(out[start + k]) << (8 * k) }
        if yReadAsI(head: head, count: count) { out[out.count - 1] = UInt8(ascii: "i") }
    }

    /// FNV-1a (32 bits) of the folded form search gives a lower-case word of UTF-8 `bytes` (valid
    /// UTF-8, `foldedWordUTF8`), as `search.js` works it out for a query's words: folded without
    /// making the folded bytes.
    static func foldedHash(_ word: UnsafeRawBufferPointer) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5, beforeLast = hash, head: UInt32 = 0, count = 0
        forEachScalar(of: word) {
            forEachFoldedByte(of: $0) { byte in
                if count < 4 { head |= UInt32(byte) << (8 * count) }
                count += 1
                beforeLast = hash
                hash = (hash ^ UInt32(byte)) &* 0x0100_0193
            }
        }
        return yReadAsI(head: head, count: count) ? (beforeLast ^ UInt32(UInt8(ascii: "i"))) &* 0x0100_0193 : hash
    }

    /// The initial consonants after which a syllable's only vowel is written `y` or `i` alike:
    /// `lý`/`lí`, `quy`/`qui`, `quý`/`quí`, `kỹ`/`kĩ`, `mỹ`/`mĩ`, `tỷ`/`tỉ`, `hy`/`hi`, `sỹ`/`sĩ`.
    /// Both spellings are in print (in names too: `Kỹ`, `Kĩ`), so search reads such a word's `y` as
    /// `i`: one word, whichever was typed. `search.js` lists the same (`Y_AS_I`).
    static let initialsOfIOrY = ["b", "c", "ch", "d", "g", "gh", "h", "k", "kh", "l", "m", "n", "ng", "ngh", "nh", "p", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"]

    /// Each of `initialsOfIOrY` as `yReadAsI` compares it: its bytes little-endian, their count above.
    private static let packedInitials = Set(initialsOfIOrY.map { initial in
        initial.utf8.enumerated().reduce(UInt32(initial.utf8.count) << 24) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
    })

    /// Whether a folded word of `count` bytes whose first ones (up to four) are `head`, the first
    /// lowest, is one of `initialsOfIOrY` and then `y`, which search reads as `i` (not `ay`, `tuy`,
    /// `quyết`, `y` alone, nor `city`: only the whole syllable).
    @inline(__always)
    static func yReadAsI(head: UInt32, count: Int) -> Bool {
        guard count >= 2, count <= 4, (head >> (8 * UInt32(count - 1))) & 0xFF == UInt32(UInt8(ascii: "y")) else { return false }
        let initial = head & ((UInt32(1) << (8 * UInt32(count - 1))) &- 1)
        return packedInitials.contains(initial | UInt32(count - 1) << 24)
    }

    /// Each scalar value of valid UTF-8 `bytes` (an incomplete last one left out).
    @inline(__always)
    private static func forEachScalar(of bytes: UnsafeRawBufferPointer, _ body: (UInt32) -> Void) {
        var at = 0
        while at < bytes.count {
            let lead = bytes[at]
            let width = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            guard at + width <= bytes.count else { break }
            var v = UInt32(lead) & (width == 1 ? 0x7F : width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
            for k in 1..<width { v = v << 6 | UInt32(bytes[at + k] & 0x3F) }
            at += width
            body(v)
        }
    }

    /// The folded UTF-8 bytes of the scalar whose value is `v`, one at a time.
    @inline(__always)
    private static func forEachFoldedByte(of v: UInt32, _ emit: (UInt8) -> Void) {
        if v < 0x80 {
            if v == 0x5E || v == 0x60 { return }  // ^ and ` are diacritics too
            emit(UInt8(v >= 65 && v <= 90 ? v + 32 : v))
        } else if v >= 0xC0 && v <= 0x24F {
            let single = latinSingle[Int(v - 0xC0)]
            if single != 0 { emit(single) } else { latinTable[Int(v - 0xC0)].forEach(emit) }
        } else if v >= 0x1E00 && v <= 0x1EFF {
            let single = extendedSingle[Int(v - 0x1E00)]
            if single != 0 { emit(single) } else { extendedTable[Int(v - 0x1E00)].forEach(emit) }
        } else if let scalar = Unicode.Scalar(v) {
            slowFold(String(scalar)).utf8.forEach(emit)
        }
    }

    /// Folded forms of U+00C0–U+024F and of U+1E00–U+1EFF (all precomposed Vietnamese), computed once.
    private static let latinTable: [[UInt8]] = (0xC0...0x24F).map(foldedScalar)
    private static let extendedTable: [[UInt8]] = (0x1E00...0x1EFF).map(foldedScalar)
    /// The same, for letters that fold to one byte (nearly all), as that byte; 0 for the others.
    private static let latinSingle: [UInt8] = latinTable.map { $0.count == 1 ? $0[0] : 0 }
    private static let extendedSingle: [UInt8] = extendedTable.map { $0.count == 1 ? $0[0] : 0 }

    private static func foldedScalar(_ value: Int) -> [UInt8] {
        guard let scalar = Unicode.Scalar(UInt32(value)) else { return [] }
        return Array(slowFold(String(scalar)).utf8)
    }

    /// Modifier letters written for an apostrophe (ʹ ʺ ʻ ʼ ʽ: `Hʼmông`, as some keyboards and
    /// typesetting tools write `H'Mông`): folded to `'`, so that they part words and addresses as
    /// it does (`search.js` reads them so too).
    static let apostropheLetters: ClosedRange<UInt32> = 0x02B9...0x02BD

    /// Latin letters that Unicode does not decompose into a letter and a mark, each as the letters
    /// it is read as, by its lower-case form (a capital is lowered first: `Ƀ`, `Ø`, `Ł`, `ẞ`, `Æ`):
    /// the Ê Đê, Jrai and Bahnar `ƀ` (`Ƀuôn Kơ`), the `ø`, `ł`, `ß`, `æ`, `œ` of foreign names, letters
    /// with a stroke or hook of African and other alphabets. Decomposing leaves them whole, so
    /// without this an address dropped them (`Ƀuôn Kơ` → `uon-ko`), search could not find them
    /// typed plain (`buon`, `soren`) and they sorted after `z`. The look-alikes of `đ` are
    /// `LookAlikes.đ`. `search.js` keeps the same table (`BASE_LETTERS`).
    static let baseLetters: [Unicode.Scalar: String] = [
        "ß": "ss", "æ": "ae", "ø": "o", "þ": "th", "ħ": "h", "ı": "i", "ĳ": "ij", "ŀ": "l", "ł": "l", "œ": "oe", "ŧ": "t", "ſ": "s",
        "ƀ": "b", "ɓ": "b", "ƃ": "b", "ƈ": "c", "ȼ": "c", "ɗ": "d", "ƌ": "d", "ȡ": "d", "ɇ": "e", "ƒ": "f", "ǥ": "g", "ɠ": "g",
        "ɨ": "i", "ɉ": "j", "ȷ": "j", "ƙ": "k", "ƚ": "l", "ȴ": "l", "ƞ": "n", "ȵ": "n", "ɲ": "n", "ɵ": "o", "ƥ": "p", "ɋ": "q",
        "ɍ": "r", "ƫ": "t", "ƭ": "t", "ʈ": "t", "ȶ": "t", "ʉ": "u", "ʋ": "v", "ƴ": "y", "ɏ": "y", "ƶ": "z", "ȥ": "z",
    ]

    /// Decomposes (NFD) and drops the marks: correct for any text, but slow.
    static func slowFold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if LookAlikes.đ.contains(scalar) {
                // `Ð` (U+00D0) and `Ɖ` (U+0189) look like `Đ` and are typed for it.
                out.append("d")
            } else if apostropheLetters.contains(scalar.value) {
                out.append("'")
            } else if !(scalar.properties.isDiacritic || scalar.properties.generalCategory == .nonspacingMark) {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars {
                    if let base = baseLetters[lower] { out.append(contentsOf: base.unicodeScalars) } else { out.append(lower) }
                }
            }
        }
        return String(out)
    }
}

/// A URL path segment: lower-case ASCII letters and digits joined by single hyphens.
public struct Slug: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let value: String
    /// A hash of `value`, made once: slugs and directive codes are looked up in tables many
    /// times per article, and hashing the text each time cost more than the lookups.
    private let key: UInt64

    private static func key(_ value: String) -> UInt64 {
        var hasher = StableHasher()
        hasher.add(value)
        return hasher.value
    }

    public static func == (lhs: Slug, rhs: Slug) -> Bool { lhs.key == rhs.key && lhs.value == rhs.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }

    /// Makes a slug from any text; `nil` when nothing usable is left (e.g. only punctuation).
    /// The text is read as the letters it shows (`LookAlikes.plain`: `Ｈà Ｎội ２０２３` as
    /// `Hà Nội 2023`, a soft hyphen inside a word left out).
    public init?(from text: String) {
        let text = LookAlikes.plain(text)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingHyphen = false
        for byte in VietnameseFolding.foldedUTF8(text) {
            // Folded text is lower-case: the letters and digits a slug keeps are a–z and 0–9.
            if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                if pendingHyphen && !out.isEmpty { out.append(0x2D) }
                pendingHyphen = false
                out.append(byte)
            } else {
                pendingHyphen = true
            }
        }
        guard !out.isEmpty else { return nil }
        value = String(decoding: out, as: UTF8.self)
        key = Self.key(value)
    }

    /// Whether `text` has letters or digits of any script: when it makes no slug all the same
    /// (`ភាសាខ្មែរ`, `Москва`, `中文`), it has letters, but none an address is made of, and a
    /// message says so rather than that it has none (`???`, `❤️`: a mark, an emoji's variation
    /// selector, is neither).
    static func hasLettersOrDigits(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory.isLetter || $0.properties.generalCategory.isNumber }
    }

    /// The longest a slug may be, in characters: it names a folder (`bai-viet/<slug>/`), and
    /// file systems allow 255 bytes a name.
    public static let maxLength = 200

    /// This slug cut after its last whole word that fits in `length` characters (itself when it fits).
    public func shortened(to length: Int = 80) -> Slug {
        guard value.utf8.count > length else { return self }
        let head = value.prefix(length + 1)
        let cut = head.last == "-" ? head.dropLast() : (head.lastIndex(of: "-").map { head[..<$0] } ?? head.prefix(length))
        return Slug(validated: String(cut)) ?? self
    }

    /// A slug saved earlier; `nil` unless `text` is already a valid slug.
    init?(validated text: String) {
        guard Slug.isValid(text) else { return nil }
        value = text
        key = Self.key(text)
    }

    /// A slug read back from a file of bantin's own whose checksum vouches that a valid slug was written.
    init(checked text: String) {
        value = text
        key = Self.key(text)
    }

    /// True when `text` is already a valid slug: `^[a-z0-9]+(-[a-z0-9]+)*$`.
    public static func isValid(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last, first != 0x2D, last != 0x2D else { return false }
            var previous: UInt8 = 0
            for byte in bytes {
                let letterOrDigit = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                guard letterOrDigit || (byte == 0x2D && previous != 0x2D) else { return false }
                previous = byte
            }
            return true
        }
    }

    public var description: String { value }

    public static func < (lhs: Slug, rhs: Slug) -> Bool { lhs.value < rhs.value }
}
