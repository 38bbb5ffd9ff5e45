/// Vietnamese typed with a legacy font's encoding (VNI: `Ñaûng boä`; TCVN3/ABC: `§¶ng bé`), or
/// UTF-8 read as Windows-1252 (`Äáº£ng bá»™`), pasted into a Unicode file: valid text that no
/// reader can read. Told by the letters those produce and Vietnamese never has, several in one
/// text (one `ñ` in `Peña` or `ä` in `Ärzte` is a name).
enum LegacyVietnamese {
    /// What a warning says of such a text, after what it is (`\`title\``, "the text"), given
    /// its first such word: UTF-8 read as Windows-1252 (`Äáº£ng`: the `á»`, `áº` every such text
    /// has), which a legacy font's converter does not mend; else a legacy font's text.
    static func advice(for word: Substring) -> String {
        let scalars = Array(word.unicodeScalars)
        if ["á»", "áº", "Ä‘", "Ã¡", "Ã "].contains(where: word.contains) || scalars.indices.contains(where: { isWindows1252Letter(scalars, at: $0) }) {
            return "looks like Vietnamese in Unicode (UTF-8) that a program read as Windows-1252 (Western European) before it was pasted here, which no reader can read: copy it again from where it came from, opened as UTF-8, and save the file again"
        }
        return "looks like Vietnamese typed with a legacy font (VNI, TCVN3) or read in the wrong encoding, which no reader can read: convert it to Unicode (Unikey's converter: from VNI Windows or TCVN3 to Unicode) and save the file again"
    }

    /// A warning at the first line of a body's start that shows it: a text typed so is garbled
    /// from its first lines. (Each front-matter text is looked at as it is read: `FieldValueDecoder`.)
    static func warning(inStartOf body: String, bodyLine: Int, file: String) -> Diagnostic? {
        // Cut by bytes: counting characters (or scalars) to the cut cost more than the check itself.
        let start = body.utf8.count > 1500 ? String(Self.start(of: body, bytes: 1500)) : body
        guard let word = garbledWord(in: start) else { return nil }
        let line = start.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(word) } ?? 0
        return .warning(file, line: bodyLine + line, column: 1, "the text \(advice(for: word)) (`\(word)`)")
    }

    /// At most the first `bytes` of `text`'s UTF-8, ending where a scalar ends (a string's
    /// slice rounds an index inside a scalar down to where the scalar starts).
    static func start(of text: String, bytes: Int) -> Substring {
        let utf8 = text.utf8
        return text[..<(utf8.index(utf8.startIndex, offsetBy: bytes, limitedBy: utf8.endIndex) ?? utf8.endIndex)]
    }

    /// The first word of `text` that reads as such, when at least three such marks are in it, of
    /// two kinds or more: garbled Vietnamese mixes them (`Ñaûng boä`: `Ñ`, `û`, `ä`), while a
    /// foreign name or a unit repeats one (`Björn Höcke, Jürgen Röttgen`; `45 µg/m³`, three
    /// times; `Viettel®`, `§1`, `Hanoï, Saïgon`).
    /// A word that is garbled on its own is told even alone (a short field: `title: "§¶ng bé"`,
    /// `location: "Th¸p"`, `summary: "Äáº£ng"`): `isGarbledAlone`.
    static func garbledWord(in text: String) -> Substring? {
        guard mayHoldMarks(text) else { return nil }
        var count = 0
        var kinds: Set<UInt32> = []
        var first: Substring? = nil
        // A `»` closing a `«` is a quote, whatever follows it (`«đột phá»—đó`, `hoá»”`).
        let quotes = text.unicodeScalars.contains("«"), reversedQuotes = text.unicodeScalars.contains("»")
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            if isGarbledAlone(word, quotes: quotes, reversedQuotes: reversedQuotes) { return first ?? word }
            let found = marks(in: word)
            if !found.isEmpty, first == nil { first = word }
            count += found.count
            kinds.formUnion(found)
        }
        return count >= 3 && kinds.count >= 2 ? first : nil
    }

    /// Whether a word is garbled by itself:
    /// - the `áº` or `á»` of UTF-8 read as Windows-1252 with what that shows for a third byte
    ///   (`áº£`, `á»™`), which no language writes, after a `«` in the text not with a quote's or
    ///   a dash's sign there (`«văn hoá»”`); or a letter's two bytes (`Ã´`: `isWindows1252Letter`);
    /// - TCVN3's `§` or `®` (Đ, đ) starting the word before a vowel (`§¶ng`, `®i`, `§ång`, `§¹i`);
    /// - a sign TCVN3 types for a vowel (`¨` ă, `©` â, `ª` ê, `¬` ơ, `µ` à, `¶` ả, `¸` á, `¼`–`¾`…)
    ///   after a letter, before a letter or ending the word (`Th¸p`, `V¨n`, `Hµ`);
    /// - TCVN3's `Ç`, `Ð`, `Þ` after a lower-case letter (`TrÇn`, `ThÞ`).
    /// None of a unit's `µg`, `x²`, `25°C`, `WHO¹`, `Moody´s`, `Viettel®Pay`, `«Lá»`, `¡Hola`, a soft
    /// hyphen or a middle dot (TCVN3's `ư`, `ã`, `ạ`, which those share, are left to `marks`).
    /// `reversedQuotes`: the text has a `»`, which a `«` ending a word may close (`»Die Zeit«`).
    private static func isGarbledAlone(_ word: Substring, quotes: Bool, reversedQuotes: Bool) -> Bool {
        let scalars = Array(word.unicodeScalars)
        func isLetter(_ k: Int) -> Bool { scalars.indices.contains(k) && scalars[k].properties.isAlphabetic }
        func isVowel(_ k: Int) -> Bool {
            guard scalars.indices.contains(k) else { return false }
            let value = scalars[k].value
            return "aeiouyAEIOUY".unicodeScalars.contains(scalars[k]) || (value >= 0xC0 && isLetter(k)) || vowelSigns.contains(value)
                || value == 0xAD || value == 0xB7 || value == 0xB9  // ư, ã, ạ: after `§`, no hyphen, dot or footnote
        }
        for (index, scalar) in scalars.enumerated() {
            let value = scalar.value
            if value == 0xE1, index + 2 < scalars.count, scalars[index + 1].value == 0xBA || scalars[index + 1].value == 0xBB {
                let third = scalars[index + 2].value
                if isContinuation(scalars[index + 2]), !(quotes && closingSigns.contains(third)) { return true }
            }
            if isWindows1252Letter(scalars, at: index) { return true }
            if index == 0, value == 0xA7 || value == 0xAE, isVowel(1) { return true }
            // TCVN3's `Ç` (ầ), `Ð` (é), `Þ` (ị) after a lower-case letter (`TrÇn`, `ThÞ`): a capital no
            // language writes inside a word.
            if value == 0xC7 || value == 0xD0 || value == 0xDE, index > 0, scalars[index - 1].properties.isLowercase { return true }
            if vowelSigns.contains(value), isLetter(index - 1), isLetter(index + 1) || (index == scalars.count - 1 && endingSigns.contains(value) && !isAbbreviation(scalars) && !(value == 0xAB && reversedQuotes)) { return true }
        }
        return false
    }

    /// Whether the scalars at `index` are a Vietnamese letter's two UTF-8 bytes read as
    /// Windows-1252 (`Ã´` ô, `Ãº` ú, `Äƒ` ă, `Ä‘` đ, `Å©` ũ, `Æ°` ư): only the pairs Vietnamese
    /// letters give; where the second is a sign a text puts after a capital (`XÃ”`, `XÃ’`), only
    /// with a letter after it (`Ã”ng`, `KRÃ”NG`).
    private static func isWindows1252Letter(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        guard index + 1 < scalars.count, let seconds = windows1252Pairs[scalars[index].value] else { return false }
        let second = scalars[index + 1].value
        if seconds.plain.contains(second) { return true }
        return seconds.beforeLetter.contains(second) && index + 2 < scalars.count && scalars[index + 2].properties.isAlphabetic
    }

    /// The second scalars of those pairs, by first (`Ã`, `Ä`, `Å`, `Æ`).
    private static let windows1252Pairs: [UInt32: (plain: Set<UInt32>, beforeLetter: Set<UInt32>)] = [
        // á â ã è é ê ì ò ó ô õ ù ú ý; Ã ƒ, È ˆ, É ‰, Ê Š, Ì Œ, Ú š; and í (a soft hyphen), À €, Â ‚,
        // Ò ', Ó ", Ô ", Õ •, Ù ™.
        0xC3: ([0xA1, 0xA2, 0xA3, 0xA8, 0xA9, 0xAA, 0xAC, 0xB2, 0xB3, 0xB4, 0xB5, 0xB9, 0xBA, 0xBD, 0x0192, 0x02C6, 0x2030, 0x0160, 0x0152, 0x0161, 0x20AC, 0x201A],
               [0xAD, 0x2019, 0x201C, 0x201D, 0x2022, 0x2122]),
        // ă ƒ, Ă ‚, ĩ ©, Ĩ ¨, đ ', Đ (0x90, which Windows-1252 leaves as it is).
        0xC4: ([0x0192, 0x201A, 0xA9, 0xA8, 0x2018, 0x90], []),
        // ũ ©, Ũ ¨.
        0xC5: ([0xA9, 0xA8], []),
        // ơ ¡, ư °, Ư ¯.
        0xC6: ([0xA1, 0xB0, 0xAF], []),
    ]

    /// TCVN3's signs for vowels that no other text puts between or after letters: `¡`–`¦`
    /// (Ă Â Ê Ô Ơ Ư), `¨`–`¬` (ă â ê ô ơ), `µ` `¶` `¸` (à ả á), `»`–`¾` (ằ ẳ ẵ ắ).
    private static let vowelSigns: Set<UInt32> = [0xA1, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA8, 0xA9, 0xAA, 0xAB, 0xAC, 0xB5, 0xB6, 0xB8, 0xBB, 0xBC, 0xBD, 0xBE]

    /// Those of them that end a word only as TCVN3 (`ê`, `ô`, `ơ`, `à`, `ả`, `á`): not `©` after a
    /// name (`TTXVN©`), `¥` or `£` after a currency's letters, a closing `»`.
    private static let endingSigns: Set<UInt32> = [0xAA, 0xAB, 0xAC, 0xB5, 0xB6, 0xB8]

    /// Spanish and Portuguese abbreviations with `ª` (`Mª José`, `Dª`, `Profª`, `Engª`, `V. Exª`), which TCVN3's `ê`
    /// ending a word (`Lª` Lê, `Quª` quê) looks like.
    private static func isAbbreviation(_ scalars: [Unicode.Scalar]) -> Bool {
        scalars.last?.value == 0xAA && ["M", "D", "N", "S", "Sr", "Dr", "Prof", "Eng", "Exm", "Ex", "Ilm", "Arq"].contains(String(String.UnicodeScalarView(scalars.dropLast())))
    }

    /// What follows a closing quote (`”`, `’`, `…`, `–`, `—`, a no-break space, `›`).
    private static let closingSigns: Set<UInt32> = [0x201D, 0x2019, 0x2026, 0x2013, 0x2014, 0xA0, 0x203A]

    /// Whether a scalar is what Windows-1252 shows for a byte that goes on a UTF-8 sequence
    /// (0x80–0xBF): `£` in `áº£`, `™` in `á»™` (not the `,` after a closing `«Lá»,`).
    private static func isContinuation(_ scalar: Unicode.Scalar) -> Bool {
        (0x80...0xBF).contains(scalar.value) || windows1252High.contains(scalar.value)
    }

    /// What Windows-1252 shows for the bytes 0x80–0x9F it names (`€`, `‚`, `ƒ`… `Ÿ`).
    private static let windows1252High: Set<UInt32> = [
        0x20AC, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x017D,
        0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x017E, 0x0178,
    ]

    /// Whether `text`'s UTF-8 holds a letter or sign of U+0080–U+00FF that Vietnamese does not
    /// use (not `à`, `ã`, `õ`… nor a no-break space): looked at as bytes, as nearly every text has none.
    private static func mayHoldMarks(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var index = 0
            while index + 1 < bytes.count {
                let byte = bytes[index], next = bytes[index + 1]
                if byte == 0xC2, next != 0xA0 { return true }
                if byte == 0xC3, foreignLatin1[Int(next)] { return true }
                index += 1
            }
            return false
        }
    }

    /// Second bytes after `0xC3` of the Latin-1 letters Vietnamese never has (`Ä`, `Æ`, `Ç`, `Ð`, `Ñ`, `Þ`, `ñ`, `û`, `ø`, `ï`, `ä`, `ö`…).
    /// (A table by byte: looked up for every `0xC3` of every text.)
    private static let foreignLatin1: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in [0x84, 0x85, 0x86, 0x87, 0x8B, 0x8E, 0x8F, 0x90, 0x91, 0x96, 0x98, 0x9B, 0x9C, 0x9E, 0xA4, 0xA5, 0xA6, 0xAB, 0xAE, 0xAF, 0xB1, 0xB6, 0xB8, 0xBB, 0xBC] { table[byte] = true }
        return table
    }()

    /// Marks of a garbled word: UTF-8 read as Windows-1252 (`áº`, `á»`, `Ä‘`, `Æ°`, `Ã©`…), VNI's
    /// `ñ`/`Ñ` and its tone bytes after a vowel (`aû`, `oä`, `eà`… `ø`, `õ`, `ï`), TCVN3's `§`, `®`, `¸`, `¹`, `¶`, `µ`.
    /// Each as its kind: the scalar (in lower case: `Ñ` as `ñ`), or for a pair the two.
    private static func marks(in word: Substring) -> [UInt32] {
        let scalars = Array(word.unicodeScalars)
        var found: [UInt32] = []
        for (index, scalar) in scalars.enumerated() {
            let value = scalar.value
            let next = index + 1 < scalars.count ? scalars[index + 1].value : 0
            switch value {
            case 0xE1 where next == 0xBA || next == 0xBB: found.append(value << 16 | next)  // áº, á»
            case 0xC4 where next == 0x91 || next == 0x90 || next == 0x2018: found.append(value << 16 | next)  // Ä‘, Ä
            case 0xC6 where next == 0xB0 || next == 0xA1: found.append(value << 16 | next)  // Æ°, Æ¡
            case 0xC3 where next >= 0xA1 && next <= 0xBF || next == 0x20AC || next == 0x2030: found.append(value << 16 | next)  // Ã©, Ã¡
            case 0xF1, 0xD1: found.append(0xF1)  // VNI's đ, Đ
            case 0xFB, 0xF8, 0xF5, 0xEF, 0xE4, 0xF6, 0xDB, 0xD8, 0xD5, 0xCF, 0xC4, 0xD6:
                // VNI's tone and vowel bytes, after a vowel (`aû`, `oä`, `ö` for `ư`).
                if index > 0, "aeiouyAEIOUY".unicodeScalars.contains(scalars[index - 1]) || value == 0xF6 || value == 0xD6 { found.append(value | 0x20) }
            case 0xA7, 0xAE, 0xB8, 0xB9, 0xB6, 0xB5: found.append(value)  // TCVN3's Đ, đ and tones
            default: break
            }
        }
        return found
    }
}
