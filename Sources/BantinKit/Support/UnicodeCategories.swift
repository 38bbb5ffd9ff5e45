/// Unicode's general categories by their letter, as `\p{L}`, `\p{M}`, `\p{N}` name them: one
/// reading for the checks of names, words and addresses.
extension Unicode.GeneralCategory {
    /// L: a letter of any script.
    var isLetter: Bool {
        switch self {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: true
        default: false
        }
    }

    /// M: a combining mark, over or under its letter (Mn), after it (Mc: a Khmer or Thai vowel
    /// sign), or round it (Me).
    var isMark: Bool { self == .nonspacingMark || self == .spacingMark || self == .enclosingMark }

    /// N: a digit or another number (`²`, `½`, `Ⅻ`).
    var isNumber: Bool { self == .decimalNumber || self == .letterNumber || self == .otherNumber }
}
