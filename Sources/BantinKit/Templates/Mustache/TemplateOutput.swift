/// Writing output: values and template text, with the indentation of the partials, parents
/// and blocks being rendered put before each line of template text.
extension TemplateRendering {
    mutating func emit(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case .text(let text):
            var text = text
            text.withUTF8 { emit(utf8: $0, escaped: escaped) }
        case .utf8(let bytes):
            bytes.withUnsafeBufferPointer { emit(utf8: $0, escaped: escaped) }
        case .bool(let flag):
            var word = flag ? "true" : "false"
            word.withUTF8 { emit(utf8: $0, escaped: false) }
        case .list, .object:
            break
        }
    }

    /// An interpolated value: indented if it starts a line, but its own lines are not (the
    /// spec indents the lines of a partial before rendering it, not what is put into them).
    mutating func emit(utf8 bytes: UnsafeBufferPointer<UInt8>, escaped: Bool) {
        guard !bytes.isEmpty else { return }
        if !indentation.isEmpty, atLineStart { out += indentation }
        if escaped {
            HTMLEscaping.append(bytes, to: &out)
        } else {
            out.append(contentsOf: bytes)
        }
        atLineStart = false
    }

    /// Template text: inside an indented partial, every line gets the indentation.
    mutating func emit(text bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.isEmpty else { return }
        if indentation.isEmpty {
            out.append(contentsOf: bytes)
            atLineStart = bytes.last == 0x0A
            return
        }
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            if lineEnd < bytes.count { lineEnd += 1 }
            if atLineStart { out += indentation }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]))
            atLineStart = bytes[lineEnd - 1] == 0x0A
            lineStart = lineEnd
        }
    }
}

/// HTML escaping of `&`, `<`, `>`, `"` and `'`, on UTF-8 bytes.
enum HTMLEscaping {
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard let base = bytes.baseAddress else { return }
        let count = bytes.count
        var runStart = 0
        var i = 0
        while i < count {
            // Most text has none of the five: eight bytes at a time are passed over when none is one.
            if i + 8 <= count, !mayNeedEscape(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                i += 8
                continue
            }
            let replacement: StaticString
            switch base[i] {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x22: replacement = "&quot;"
            case 0x27: replacement = "&#39;"
            default:
                i += 1
                continue
            }
            if runStart < i { out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: i - runStart)) }
            replacement.withUTF8Buffer { out.append(contentsOf: $0) }
            i += 1
            runStart = i
        }
        if runStart < count { out.append(contentsOf: UnsafeBufferPointer(start: base + runStart, count: count - runStart)) }
    }

    /// Whether one of the eight bytes of `word` is one of the five (exact: no byte is missed).
    @inline(__always)
    private static func mayNeedEscape(_ word: UInt64) -> Bool {
        contains(word, 0x26) || contains(word, 0x3C) || contains(word, 0x3E) || contains(word, 0x22) || contains(word, 0x27)
    }

    /// Whether a byte of `word` is `byte`: a byte of `word ^ byte…` is zero (the classic test
    /// for a zero byte, exact on whether there is one).
    @inline(__always)
    private static func contains(_ word: UInt64, _ byte: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let v = word ^ (byte &* ones)
        return (v &- ones) & ~v & 0x8080_8080_8080_8080 != 0
    }
}
