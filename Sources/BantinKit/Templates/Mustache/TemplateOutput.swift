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
        var runStart = 0
        for i in 0..<bytes.count {
            let replacement: StaticString
            switch bytes[i] {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x22: replacement = "&quot;"
            case 0x27: replacement = "&#39;"
            default: continue
            }
            if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
            replacement.withUTF8Buffer { out.append(contentsOf: $0) }
            runStart = i + 1
        }
        if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }
}
