/// The words of a text as search sees them: maximal runs of letters and digits, lower-cased
/// with their diacritics kept (the exact form; folding comes later, once per distinct word).
/// `đảng-bộ` is two words, `01-KL/TW` three. Longer runs than `maxLength` bytes are not words
/// anyone types (encoded data, long numbers) and are skipped.
enum SearchWords {
    static let maxLength = 48

    /// Calls `word` with each word's lower-cased UTF-8 bytes, in order.
    static func forEach(in text: String, _ word: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { forEach(in: $0, word) }
    }

    /// The same, for valid UTF-8.
    static func forEach(in utf8: UnsafeBufferPointer<UInt8>, _ word: (UnsafeBufferPointer<UInt8>) -> Void) {
        do {
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxLength + 8) { buffer in
                var length = 0
                var tooLong = false
                func flush() {
                    if length > 0, !tooLong { word(UnsafeBufferPointer(rebasing: buffer[0..<length])) }
                    length = 0
                    tooLong = false
                }
                func append(_ byte: UInt8) {
                    if length < maxLength { buffer[length] = byte; length += 1 } else { tooLong = true }
                }
                var i = 0
                let count = utf8.count
                while i < count {
                    let byte = utf8[i]
                    if byte < 0x80 {
                        i += 1
                        if byte >= 0x61 && byte <= 0x7A || byte >= 0x30 && byte <= 0x39 {
                            append(byte)
                        } else if byte >= 0x41 && byte <= 0x5A {
                            append(byte | 0x20)
                        } else {
                            flush()
                        }
                        continue
                    }
                    // A multi-byte scalar (the text is valid UTF-8).
                    let width = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                    var value = UInt32(byte) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
                    for k in 1..<width where i + k < count { value = value << 6 | UInt32(utf8[i + k] & 0x3F) }
                    i += width
                    switch letterKind(value) {
                    case .boundary: flush()
                    case .same: for k in (i - width)..<i { append(utf8[k]) }
                    case .lowered(let lower): for unit in UTF8.encode(lower)! { append(unit) }
                    }
                }
                flush()
            }
        }
    }

    enum Kind: Equatable {
        case boundary
        /// A letter, digit or combining mark already lower-case.
        case same
        case lowered(Unicode.Scalar)
    }

    static func letterKind(_ value: UInt32) -> Kind {
        if value >= 0xC0 && value <= 0x24F { return latin[Int(value - 0xC0)] }
        if value >= 0x1E00 && value <= 0x1EFF { return extended[Int(value - 0x1E00)] }
        return kind(of: value)
    }

    private static let latin = (UInt32(0xC0)...0x24F).map(kind(of:))
    private static let extended = (UInt32(0x1E00)...0x1EFF).map(kind(of:))

    private static func kind(of value: UInt32) -> Kind {
        guard let scalar = Unicode.Scalar(value) else { return .boundary }
        let properties = scalar.properties
        guard properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark else { return .boundary }
        let lower = properties.lowercaseMapping.unicodeScalars
        if lower.count == 1, let only = lower.first, only != scalar { return .lowered(only) }
        return .same
    }
}
