/// Three texts one after another, in one allocation: paths are made this way for every file
/// listed and every page of every build, where `a + b + c` allocates twice.
extension String {
    init(joining a: String, _ b: String, _ c: String) {
        self.init()
        reserveCapacity(a.utf8.count + b.utf8.count + c.utf8.count)
        self += a
        self += b
        self += c
    }
}

extension String {
    /// The text as a message quotes it, each character that looks like another or like nothing
    /// named where it stands (`Đà⟨no-break space U+00A0⟩Nẵng`), so that two spellings that look
    /// alike can be told apart: text pasted from Word or a PDF carries them.
    var namingLookAlikes: String {
        guard unicodeScalars.contains(where: { LookAlikes.all[$0.value] != nil || LookAlikes.showsAsNothing($0) }) else { return self }
        var shown = ""
        for scalar in unicodeScalars {
            if let name = LookAlikes.all[scalar.value] ?? (LookAlikes.showsAsNothing(scalar) ? "invisible character" : nil) {
                shown += "⟨\(name) U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4))⟩"
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    private func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}

/// Characters text pasted from Word or a PDF carries that look like others or like nothing, by
/// code point, each with its name: named in messages (`namingLookAlikes`), read as meant in a
/// directive's code (`DirectiveCode`).
enum LookAlikes {
    /// Dashes a word processor puts for a hyphen.
    static let dashes: [UInt32: String] = [
        0x2010: "hyphen", 0x2011: "non-breaking hyphen", 0x2012: "figure dash", 0x2013: "en dash", 0x2014: "em dash", 0x2212: "minus sign",
    ]
    /// Characters that show as nothing: those a word processor puts inside words, and the marks
    /// of writing direction text copied from a web page carries.
    static let zeroWidth = insideWords.merging(directionMarks) { kept, _ in kept }
    /// Those a word processor or a web page puts inside a word (`Hà T⟨soft hyphen⟩ĩnh`): an
    /// address or the order of names reads the word without them.
    static let insideWords: [UInt32: String] = [
        0x200B: "zero-width space", 0x200C: "zero-width non-joiner", 0x200D: "zero-width joiner", 0x2060: "word joiner",
        0xFEFF: "zero-width no-break space", 0x00AD: "soft hyphen",
    ]
    /// Marks of writing direction: between two words they part them in an address as they
    /// always have (an address made before they were told by name does not move).
    static let directionMarks: [UInt32: String] = [
        0x200E: "left-to-right mark", 0x200F: "right-to-left mark", 0x202A: "left-to-right embedding", 0x202B: "right-to-left embedding",
        0x202C: "pop directional formatting", 0x202D: "left-to-right override", 0x202E: "right-to-left override",
        0x2066: "left-to-right isolate", 0x2067: "right-to-left isolate", 0x2068: "first strong isolate", 0x2069: "pop directional isolate",
    ]
    /// Spaces that look like a space.
    static let spaces: [UInt32: String] = [
        0x00A0: "no-break space", 0x2000: "en quad", 0x2001: "em quad", 0x2002: "en space", 0x2003: "em space",
        0x2004: "three-per-em space", 0x2005: "four-per-em space", 0x2006: "six-per-em space", 0x2007: "figure space",
        0x2008: "punctuation space", 0x2009: "thin space", 0x200A: "hair space", 0x202F: "narrow no-break space",
        0x205F: "medium mathematical space", 0x3000: "ideographic space",
    ]
    /// Letters that look like Vietnamese ones.
    static let letters: [UInt32: String] = [
        0x00D0: "Icelandic Ð, not Đ", 0x00F0: "Icelandic ð, not đ", 0x0189: "African Ɖ, not Đ", 0x0256: "African ɖ, not đ",
    ]
    /// The letters that look like `Đ` or `đ` and are typed for them (`letters`), and the two
    /// themselves: slugs, search and the order of names read each as `đ`.
    static let đ: Set<Unicode.Scalar> = Set(letters.keys.compactMap(Unicode.Scalar.init)).union(["Đ", "đ"])
    static let all = [dashes, zeroWidth, spaces, letters].reduce(into: [:]) { $0.merge($1) { kept, _ in kept } }

    /// `text` without the characters that show as nothing or as a space (`zeroWidth`, `spaces`):
    /// a name as an editor sees it.
    static func visible(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter { zeroWidth[$0.value] == nil && spaces[$0.value] == nil }))
    }

    /// `text` as typed by hand: a word processor's dashes as hyphens, its spaces as spaces, and
    /// the characters that show as nothing left out (a date or a code pasted from Word).
    static func typed(_ text: String) -> String {
        guard !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        var typed = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if dashes[scalar.value] != nil {
                typed.append("-")
            } else if spaces[scalar.value] != nil {
                typed.append(" ")
            } else if zeroWidth[scalar.value] == nil {
                typed.append(scalar)
            }
        }
        return String(typed)
    }

    /// Whether a character shows as nothing: one of `zeroWidth`, or another that Unicode says a
    /// reader is shown nothing of (default ignorable: a combining grapheme joiner U+034F, an
    /// invisible separator U+2063, a Hangul filler), but the variation selectors that choose how an
    /// emoji or ideograph before them is drawn (`❤️`) and the tags that spell a flag's region (🏴 of
    /// England), parts of what they follow.
    static func showsAsNothing(_ scalar: Unicode.Scalar) -> Bool {
        if zeroWidth[scalar.value] != nil { return true }
        guard !scalar.isASCII, scalar.properties.isDefaultIgnorableCodePoint else { return false }
        return ![0xFE00...0xFE0F, 0xE0000...0xE007F, 0xE0100...0xE01EF, 0x180B...0x180D, 0x180F...0x180F].contains { $0.contains(scalar.value) }
    }

    /// Whether a character shows as nothing or as a space (`spaces`): what a message names.
    static func showsAsNothingOrSpace(_ scalar: Unicode.Scalar) -> Bool {
        showsAsNothing(scalar) || spaces[scalar.value] != nil
    }

    /// `text` with each character that shows as nothing read as a space.
    static func invisiblesAsSpaces(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: showsAsNothing) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { showsAsNothing($0) ? " " : $0 }))
    }

    /// `text` as the letters it shows: fullwidth letters and digits (`Ｈà Ｎội ２０２３`, pasted from
    /// a CJK input method or a PDF) and the ligatures of Latin letters (`ﬁ`, `ﬂ`, from a PDF) read
    /// as the ASCII ones they stand for; characters that show as nothing inside a word (a soft
    /// hyphen or a zero-width space, from Word or a web page: `insideWords`) left out, not read
    /// as a space.
    /// Slugs and the order of names read names so.
    static func plain(_ text: String) -> String {
        let fullwidth: ClosedRange<UInt32> = 0xFF01...0xFF5E, ligatures: ClosedRange<UInt32> = 0xFB00...0xFB06
        var text = text
        // Their UTF-8 starts with one of these bytes (U+00AD, U+200B–U+2060, U+FEFF, U+FB00–U+FF5E).
        guard text.utf8.contains(where: { $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF }) else { return text }
        if text.unicodeScalars.contains(where: { insideWords[$0.value] != nil }) {
            text = String(String.UnicodeScalarView(text.unicodeScalars.filter { insideWords[$0.value] == nil }))
        }
        guard text.unicodeScalars.contains(where: { fullwidth.contains($0.value) || ligatures.contains($0.value) }) else { return text }
        return text.unicodeScalars.map { scalar -> String in
            if fullwidth.contains(scalar.value) { return String(Unicode.Scalar(scalar.value - 0xFEE0)!) }
            return ligatures.contains(scalar.value) ? String(scalar).precomposedStringWithCompatibilityMapping : String(scalar)
        }.joined()
    }
}
