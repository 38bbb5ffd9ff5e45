/// The words of a text as search sees them: maximal runs of letters and digits, lower-cased
/// with their diacritics kept (the exact form; folding comes later, once per distinct word).
/// `đảng-bộ` is two words, `01-KL/TW` three. Longer runs than `maxLength` bytes are not words
/// anyone types (encoded data, long numbers) and are skipped.
enum SearchWords {
    static let maxLength = 48

    /// Calls `word` with each word's lower-cased UTF-8 bytes, in order.
    static func forEach(in text: String, _ word: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { forEach(in: $0) { bytes, _ in word(bytes) } }
    }

    /// The same, for valid UTF-8, with each word's hash (`WordTable.hash` of its bytes). Runs over
    /// every body of the bulletin: pointers and wrapping arithmetic, no bounds checks per byte.
    static func forEach(in utf8: UnsafeBufferPointer<UInt8>, _ word: (UnsafeBufferPointer<UInt8>, UInt64) -> Void) {
        guard let start = utf8.baseAddress, !utf8.isEmpty else { return }
        let kinds = Kinds.table
        kinds.withUnsafeBufferPointer { kindBuffer in
            let kinds = kindBuffer.baseAddress!
            // The word being read, and room to read whole groups of eight bytes past its end.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxLength + 8) { buffer in
                let out = buffer.baseAddress!
                out.initialize(repeating: 0, count: maxLength + 8)
                var length = 0
                @inline(__always) func flush() {
                    if length > 0, length <= maxLength {
                        word(UnsafeBufferPointer(start: out, count: length), WordTable.hash(readingPast: UnsafeRawBufferPointer(start: out, count: length)))
                    }
                    length = 0
                }
                @inline(__always) func append(_ byte: UInt8) {
                    if length < maxLength { out[length] = byte }
                    length &+= 1
                }
                var p = start
                let end = start + utf8.count
                while p < end {
                    let byte = p.pointee
                    if byte < 0x80 {
                        p += 1
                        let lower = kinds[Kinds.asciiStart &+ Int(byte)]
                        if lower != 0 { append(UInt8(truncatingIfNeeded: lower)) } else { flush() }
                        continue
                    }
                    // A multi-byte scalar (the text is valid UTF-8).
                    let width = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                    guard end - p >= width else { break }
                    var value = UInt32(byte) & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
                    value = value << 6 | UInt32(p[1] & 0x3F)
                    if width > 2 { value = value << 6 | UInt32(p[2] & 0x3F) }
                    if width > 3 { value = value << 6 | UInt32(p[3] & 0x3F) }
                    let kind: UInt32
                    if value &- 0xC0 <= 0x24F - 0xC0 {
                        kind = kinds[Int(value &- 0xC0)]
                    } else if value &- 0x1E00 <= 0xFF {
                        kind = kinds[Int(value &- 0x1E00) &+ Kinds.extendedStart]
                    } else {
                        kind = Kinds.kind(of: value)
                    }
                    switch kind {
                    case Kinds.boundary: flush()
                    case Kinds.same: for k in 0..<width { append(p[k]) }
                    default: for unit in UTF8.encode(Unicode.Scalar(kind)!)! { append(unit) }
                    }
                    p += width
                }
                flush()
            }
        }
    }

    /// What a scalar is to a word: `boundary`, `same` (a letter, digit or combining mark already
    /// lower-case), or the value of its lower-case form. Looked up in a table for U+00C0–U+024F
    /// and U+1E00–U+1EFF (all precomposed Vietnamese letters), computed once.
    enum Kinds {
        static let boundary: UInt32 = 0
        static let same: UInt32 = 1
        static let extendedStart = 0x250 - 0xC0
        /// After both ranges: for each ASCII byte, the byte a word keeps (lower-cased), or 0.
        static let asciiStart = extendedStart + 0x100
        static let table: [UInt32] = (UInt32(0xC0)...0x24F).map(kind(of:)) + (UInt32(0x1E00)...0x1EFF).map(kind(of:))
            + (UInt32(0)..<0x80).map { byte in
                switch byte {
                case 0x61...0x7A, 0x30...0x39: byte
                case 0x41...0x5A: byte | 0x20
                default: 0
                }
            }

        static func kind(of value: UInt32) -> UInt32 {
            guard let scalar = Unicode.Scalar(value) else { return boundary }
            let properties = scalar.properties
            guard properties.isAlphabetic || properties.numericType != nil || properties.generalCategory == .nonspacingMark else { return boundary }
            let lower = properties.lowercaseMapping.unicodeScalars
            if lower.count == 1, let only = lower.first, only != scalar, only.value > 1 { return only.value }
            return same
        }
    }
}
