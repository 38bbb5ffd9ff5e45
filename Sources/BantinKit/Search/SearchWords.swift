/// The words of a text as search sees them: maximal runs of letters, digits and marks that
/// start with a letter or digit, lower-cased
/// with their diacritics kept (the exact form; folding comes later, once per distinct word).
/// `đảng-bộ` is two words, `01-KL/TW` three. A character that shows as nothing inside a word (a
/// soft hyphen, a word joiner: `Kinds.insideWords`) is no part of it and parts nothing:
/// `Th⟨soft hyphen⟩áp` is `tháp`, as a reader sees it. A number written with a dot between thousands
/// (`1.250`, `2.500.000`, as Vietnamese writes them) is one word, its digits joined (`1250`),
/// so that `1250` finds it: a dot followed by three digits and no fourth, after one to three
/// digits (since the word's start or its last such dot); `3.14` and `2023.05` are two words.
/// Scripts written without spaces between words (Chinese, Japanese kana, Thai, Lao, Khmer,
/// Myanmar: `Kinds.standsAlone`) are parted into their letters, each a word with the marks that
/// follow it (`中国共产党` is five words, `ពិធី` two): any part of a run of them can be found, and
/// the index's pairs put them in order first, as `search.js` parts a query and a record alike.
/// Longer runs than `maxLength` bytes are not words anyone types and are skipped; a run with a
/// digit in it longer than `maxLengthWithDigits` is encoded data (a checksum, base64, a long
/// number), skipped too, while letters alone may run as long as a hashtag of a slogan
/// (`#HọcTậpVàLàmTheoTưTưởngĐạoĐứcPhongCáchHồChíMinh`, 66 bytes).
enum SearchWords {
    static let maxLength = 128
    static let maxLengthWithDigits = 48

    /// Calls `word` with each word's lower-cased UTF-8 bytes, in order.
    static func forEach(in text: String, _ word: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { forEach(in: $0) { bytes, _ in word(bytes) } }
    }

    /// The same, for valid UTF-8, with each word's `WordTable.Key`. The word's bytes are
    /// followed by at least eight that can be read (`WordTable.Padded`).
    /// Runs over every body of the bulletin: pointers and wrapping arithmetic, no bounds checks
    /// per byte, and a scalar's lower-case bytes taken whole from `Kinds.table`; a word's first
    /// eight bytes are kept as a number as they are written, so that a short word's key is
    /// worked out without reading it back.
    static func forEach(in utf8: UnsafeBufferPointer<UInt8>, _ word: (UnsafeBufferPointer<UInt8>, WordTable.Key) -> Void) {
        guard let start = utf8.baseAddress, !utf8.isEmpty else { return }
        let kinds = Kinds.table
        kinds.withUnsafeBufferPointer { kindBuffer in
            let kinds = kindBuffer.baseAddress!
            // The word being read, and room to write a whole scalar and read a whole group of
            // eight bytes past its end.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxLength + 8) { buffer in
                let out = buffer.baseAddress!
                out.initialize(repeating: 0, count: maxLength + 8)
                var reading = Reading(out: out)
                var p = start
                let end = start + utf8.count
                while p < end {
                    let byte = p.pointee
                    let entry: UInt32
                    if byte < 0x80 {
                        entry = kinds[Kinds.asciiStart &+ Int(byte)]
                        p += 1
                    } else if byte < 0xE0 {
                        // Two bytes (the text is valid UTF-8: at least U+0080).
                        guard end - p >= 2 else { break }
                        let value = UInt32(byte & 0x1F) << 6 | UInt32(p[1] & 0x3F)
                        guard value <= Kinds.latinEnd else {
                            reading.appendOther(value, bytes: p, width: 2, word)
                            p += 2
                            continue
                        }
                        entry = kinds[Int(value &- Kinds.latinFirst)]
                        p += 2
                        // A character that shows as nothing inside a word: neither `length` nor `head` changes.
                        if entry == Kinds.skipped { continue }
                    } else {
                        let width = byte >= 0xF0 ? 4 : 3
                        guard end - p >= width else { break }
                        var value = UInt32(byte) & (width == 3 ? 0x0F : 0x07)
                        value = value << 6 | UInt32(p[1] & 0x3F)
                        value = value << 6 | UInt32(p[2] & 0x3F)
                        if width == 4 { value = value << 6 | UInt32(p[3] & 0x3F) }
                        if value &- Kinds.extendedFirst <= Kinds.extendedEnd - Kinds.extendedFirst {
                            entry = kinds[Int(value &- Kinds.extendedFirst) &+ Kinds.extendedStart]
                        } else if value &- Kinds.punctuationFirst <= Kinds.punctuationEnd - Kinds.punctuationFirst {
                            entry = kinds[Int(value &- Kinds.punctuationFirst) &+ Kinds.punctuationStart]
                            if entry == Kinds.skipped {
                                p += width
                                continue
                            }
                        } else {
                            reading.appendOther(value, bytes: p, width: width, word)
                            p += width
                            continue
                        }
                        p += width
                    }
                    // A word ends at a boundary (not a thousands dot), and before any scalar of the
                    // table after a letter that stands alone (the table holds no mark). Flushed
                    // from one place: the loop stays small enough to take the word's handling whole.
                    if entry == 0 ? byte != UInt8(ascii: ".") || !reading.joinsThousands(p, end) : reading.alone { reading.flush(word) }
                    if entry != 0 { reading.append(entry) }
                }
                reading.flush(word)
            }
        }
    }

    /// The word being read by `forEach`. A value of its own, not variables its local functions
    /// share: a variable captured by a function called out of line (`appendOther`) is checked for
    /// exclusive access at run time, eight `swift_beginAccess` calls for each text read.
    private struct Reading {
        /// The word's bytes.
        let out: UnsafeMutablePointer<UInt8>
        var length = 0
        /// The word's first eight bytes, as `WordTable.Key` has them.
        var head: UInt64 = 0
        /// Where the word's digits after its last thousands dot start.
        var joined = 0
        /// The word is a letter that stands alone (and its marks): whatever else follows
        /// starts another.
        var alone = false

        init(out: UnsafeMutablePointer<UInt8>) { self.out = out }

        @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

        /// Calls `word` with the word read, if it is one, and starts the next.
        @inline(__always)
        mutating func flush(_ word: (UnsafeBufferPointer<UInt8>, WordTable.Key) -> Void) {
            if length > 0, length <= maxLengthWithDigits || (length <= maxLength && !UnsafeBufferPointer(start: out, count: length).contains(where: Self.isDigit)) {
                let bytes = UnsafeRawBufferPointer(start: out, count: length)
                word(UnsafeBufferPointer(start: out, count: length), length <= 8 ? WordTable.key(head: head, count: length) : WordTable.key(readingPast: bytes))
            }
            length = 0
            head = 0
            joined = 0
            alone = false
        }

        /// Whether the dot just read (before `p`) is a thousands dot of the word being read.
        mutating func joinsThousands(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
            guard length > 0, length <= maxLength, end - p >= 3, Self.isDigit(p[0]), Self.isDigit(p[1]), Self.isDigit(p[2]), end - p == 3 || !Self.isDigit(p[3]) else { return false }
            var run = 0
            while run < 4, length - run > joined, Self.isDigit(out[length - run - 1]) { run += 1 }
            guard (1...3).contains(run) else { return false }
            joined = length
            return true
        }

        /// Appends a `Kinds.table` entry's bytes (up to three, written as four).
        @inline(__always)
        mutating func append(_ entry: UInt32) {
            if length <= maxLength { UnsafeMutableRawPointer(out + length).storeBytes(of: entry.littleEndian, as: UInt32.self) }
            if length < 8 { head |= UInt64(entry & 0xFF_FFFF) &<< UInt64(truncatingIfNeeded: 8 &* length) }
            length &+= Int(entry >> 24)
        }

        /// A scalar outside the table: its own bytes, its lower-case form's, or the end of a
        /// word. A mark with no letter or digit before it (an emoji's U+FE0F, an accent
        /// after a space) starts no word: the table holds no mark.
        @inline(never)
        mutating func appendOther(_ value: UInt32, bytes: UnsafePointer<UInt8>, width: Int, _ word: (UnsafeBufferPointer<UInt8>, WordTable.Key) -> Void) {
            let kind = Kinds.kind(of: value)
            if kind == Kinds.skipped { return }
            if kind == Kinds.boundary { return flush(word) }
            if kind == Kinds.same, length == 0, Kinds.isMark(value) { return }
            let standsAlone = Kinds.standsAlone(value)
            if length > 0, standsAlone || (alone && !Kinds.isAnyMark(value)) { flush(word) }
            if kind == Kinds.same {
                for k in 0..<width { append(UInt32(bytes[k]) | 1 << 24) }
            } else {
                for unit in UTF8.encode(Unicode.Scalar(kind)!)! { append(UInt32(unit) | 1 << 24) }
            }
            if standsAlone { alone = true }
        }
    }

    /// What a scalar is to a word: `boundary`, `same` (a letter, digit or combining mark already
    /// lower-case), or the value of its lower-case form; or nothing (`insideWords`, `skipped`).
    ///
    /// `table` has it for U+0080–U+024F (Latin-1 and Latin Extended: all precomposed Vietnamese
    /// letters but those below, and the no-break space), U+1E00–U+1EFF (Latin Extended
    /// Additional: ạ, ả, ấ…), U+2000–U+206F (General Punctuation: dashes, curly quotes, …) and
    /// ASCII, computed once, as the lower-case form's UTF-8 bytes (little-endian, the low three
    /// bytes) and their count (the high byte), or 0 for a boundary, or `skipped`.
    enum Kinds {
        static let boundary: UInt32 = 0
        static let same: UInt32 = 1
        /// One of `insideWords`, and its entry in `table`: no entry of bytes has this count.
        static let skipped: UInt32 = 0xFF00_0000

        /// The characters that show as nothing which a word processor or a web page puts inside a
        /// word (`LookAlikes.insideWords`: a soft hyphen, a word joiner, a zero-width joiner or
        /// non-joiner), read as not there; but the zero-width space, which says where a line may
        /// break between words. `search.js` reads the same (`INSIDE_WORDS`).
        static let insideWords = Set(LookAlikes.insideWords.keys.filter { $0 != 0x200B })

        static let latinFirst: UInt32 = 0x80, latinEnd: UInt32 = 0x24F
        static let extendedFirst: UInt32 = 0x1E00, extendedEnd: UInt32 = 0x1EFF
        static let punctuationFirst: UInt32 = 0x2000, punctuationEnd: UInt32 = 0x206F
        static let extendedStart = Int(latinEnd - latinFirst + 1)
        static let punctuationStart = extendedStart + Int(extendedEnd - extendedFirst + 1)
        static let asciiStart = punctuationStart + Int(punctuationEnd - punctuationFirst + 1)

        static let table: [UInt32] = [latinFirst...latinEnd, extendedFirst...extendedEnd, punctuationFirst...punctuationEnd, 0...0x7F]
            .flatMap { $0.map(entry(of:)) }

        /// `table`'s entry for a scalar of at most three bytes whose lower-case form is too.
        static func entry(of value: UInt32) -> UInt32 {
            let kind = kind(of: value)
            if kind == skipped { return skipped }
            guard kind != boundary, let scalar = Unicode.Scalar(kind == same ? value : kind) else { return 0 }
            let bytes = Array(String(scalar).utf8)
            precondition(bytes.count <= 3, "U+\(String(value, radix: 16)): a table entry holds three bytes at most")
            return bytes.reversed().reduce(0) { $0 << 8 | UInt32($1) } | UInt32(bytes.count) << 24
        }

        static func isMark(_ value: UInt32) -> Bool {
            Unicode.Scalar(value)?.properties.generalCategory == .nonspacingMark
        }

        /// A combining mark, spacing or not (a Khmer or Thai vowel sign written after its letter).
        static func isAnyMark(_ value: UInt32) -> Bool {
            Unicode.Scalar(value)?.properties.generalCategory.isMark == true
        }

        /// The blocks of the scripts written without spaces between words: Thai, Lao, Myanmar,
        /// Khmer (and its symbols), kana, CJK ideographs (and compatibility ones, half-width
        /// katakana, the supplementary planes' ideographs). `search.js` names the same (`UNSPACED`).
        static let unspacedBlocks: [ClosedRange<UInt32>] = [
            0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF, 0x19E0...0x19FF, 0x3040...0x30FF, 0x31F0...0x31FF,
            0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF66...0xFF9F, 0x20000...0x3FFFF,
        ]

        /// A letter of such a script: a word on its own, with the marks that follow it (a digit of
        /// such a script goes on with the digits next to it, as any number does).
        static func standsAlone(_ value: UInt32) -> Bool {
            guard unspacedBlocks.contains(where: { $0.contains(value) }), let scalar = Unicode.Scalar(value) else { return false }
            // A number by its category, as `\p{N}` is: `一` and `十` are letters that stand alone.
            let category = scalar.properties.generalCategory
            return scalar.properties.isAlphabetic && !category.isMark && !category.isNumber
        }

        static func kind(of value: UInt32) -> UInt32 {
            if insideWords.contains(value) { return skipped }
            // Letters written for an apostrophe part words as `'` does.
            guard let scalar = Unicode.Scalar(value), !VietnameseFolding.apostropheLetters.contains(value) else { return boundary }
            let properties = scalar.properties
            guard properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark else { return boundary }
            let lower = properties.lowercaseMapping.unicodeScalars
            if lower.count == 1, let only = lower.first, only != scalar, only.value > 1 { return only.value }
            return same
        }
    }
}
