import Foundation

/// Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
/// syllable by syllable as a dictionary orders them: a syllable's letters first, then its tone
/// (ngang, huyền, hỏi, ngã, sắc, nặng) to break ties, before the next syllable is looked at
/// (Hà Nam, Hà Nội, Hạ Hòa, Hải Phòng). A syllable has one tone, on whichever of its vowels it is
/// typed: old-style `Hoà`, `Thuỵ` sort as new-style `Hòa`, `Thụy`.
public enum VietnameseCollation {
    /// A key that sorts like Vietnamese dictionary order when compared element by element.
    public struct Key: Comparable, Sendable {
        /// For each syllable: its letters' weights, 0, its tone (plus one), 0.
        let weights: [UInt32]
        let original: String

        public static func < (lhs: Key, rhs: Key) -> Bool {
            if lhs.weights != rhs.weights { return lhs.weights.lexicographicallyPrecedes(rhs.weights) }
            return lhs.original < rhs.original
        }
    }

    /// The name is read as the letters it shows (`LookAlikes.plain`: `Ｈà Ｇiang` as `Hà Giang`).
    public static func key(_ text: String) -> Key {
        var weights: [UInt32] = []
        var letters: [UInt32] = []
        var tone: UInt32 = 0
        var digitsOnly = true
        func endSyllable() {
            guard !letters.isEmpty else { return }
            // A number sorts by its value (Quận 9 before Quận 10, Khu phố 03 as Khu phố 3): its
            // count of digits but leading zeros first, below every letter's weight.
            if digitsOnly {
                let zero = UInt32(UInt8(ascii: "0")) << 3
                letters = Array(letters.drop { $0 == zero }.ifEmpty([zero]))
                weights.append(100 + UInt32(min(letters.count, 200)))
            }
            weights += letters + [0, tone + 1, 0]
            digitsOnly = true
            letters.removeAll(keepingCapacity: true)
            tone = 0
        }
        let characters = Array(LookAlikes.plain(text).lowercased())
        let isDigit = { (k: Int) in k < characters.count && characters[k].isASCII && characters[k].isNumber }
        for (k, character) in characters.enumerated() {
            let scalars = Array(String(character).decomposedStringWithCanonicalMapping.unicodeScalars)
            guard let base = scalars.first, character.isLetter || character.isNumber else {
                // A dot between thousands (`1.000`, as Vietnamese writes numbers) is inside the number.
                if character == ".", !letters.isEmpty, digitsOnly, isDigit(k + 1), isDigit(k + 2), isDigit(k + 3), !isDigit(k + 4) { continue }
                endSyllable()
                continue
            }
            // A number and the letters written against it are apart: `Ấp 3A` sorts as `Ấp 3 A`,
            // after `Ấp 3` and before `Ấp 12`.
            let digit = isDigit(k)
            if !letters.isEmpty, digit != digitsOnly { endSyllable() }
            var modifier: UInt32 = 0
            for mark in scalars.dropFirst() {
                switch mark.value {
                case 0x0306: modifier = 1  // breve: ă
                case 0x0302: modifier = 2  // circumflex: â ê ô
                case 0x031B: modifier = 3  // horn: ơ ư
                case 0x0300: tone = 1  // huyền
                case 0x0309: tone = 2  // hỏi
                case 0x0303: tone = 3  // ngã
                case 0x0301: tone = 4  // sắc
                case 0x0323: tone = 5  // nặng
                default: break
                }
            }
            if LookAlikes.đ.contains(base) {
                // `ð` (U+00F0, from `Ð`) is how many keyboards and fonts give `đ`.
                letters.append(("d" as Unicode.Scalar).value << 3 | 4)
            } else if let read = VietnameseFolding.baseLetters[base] {
                // `Ƀuôn Kơ` among the `Buôn`s, `Łódź` among the `L`s, `Ærø` as `Aerø`: not after `z`.
                letters += read.unicodeScalars.map { $0.value << 3 | modifier }
            } else {
                letters.append(base.value << 3 | modifier)
            }
            digitsOnly = digit
        }
        endSyllable()
        return Key(weights: weights, original: text)
    }

    public static func sorted<T>(_ items: [T], by name: (T) -> String) -> [T] {
        items.map { (key(name($0)), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }
}

extension Collection {
    /// The collection, or `other` when it is empty.
    fileprivate func ifEmpty(_ other: [Element]) -> [Element] { isEmpty ? other : Array(self) }
}
