import Foundation

/// Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y,
/// letters first, then tones (ngang, huyền, hỏi, ngã, sắc, nặng) to break ties.
public enum VietnameseCollation {
    /// A key that sorts like Vietnamese dictionary order when compared element by element.
    public struct Key: Comparable, Sendable {
        let letters: [UInt32]
        let tones: [UInt8]
        let original: String

        public static func < (lhs: Key, rhs: Key) -> Bool {
            if lhs.letters != rhs.letters { return lhs.letters.lexicographicallyPrecedes(rhs.letters) }
            if lhs.tones != rhs.tones { return lhs.tones.lexicographicallyPrecedes(rhs.tones) }
            return lhs.original < rhs.original
        }
    }

    public static func key(_ text: String) -> Key {
        var letters: [UInt32] = []
        var tones: [UInt8] = []
        for character in text.lowercased() {
            let scalars = Array(String(character).decomposedStringWithCanonicalMapping.unicodeScalars)
            guard let base = scalars.first else { continue }
            var modifier: UInt32 = 0
            var tone: UInt8 = 0
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
            var weight = base.value << 3 | modifier
            // `ð` (U+00F0, from `Ð`) is how many keyboards and fonts give `đ`.
            if base == "đ" || base == "ð" { weight = ("d" as Unicode.Scalar).value << 3 | 4 }
            letters.append(weight)
            tones.append(tone)
        }
        return Key(letters: letters, tones: tones, original: text)
    }

    public static func sorted<T>(_ items: [T], by name: (T) -> String) -> [T] {
        items.map { (key(name($0)), $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
