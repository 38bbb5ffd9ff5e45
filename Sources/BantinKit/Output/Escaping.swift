/// Escaping for each context output is written in. Both work on UTF-8 bytes: every character
/// they replace is ASCII (U+2028 and U+2029 aside, matched by their three bytes).
public enum Escape {
    /// Text and attribute values in HTML and XML.
    public static func xml(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            // Nearly all text needs nothing: then the string itself is returned.
            guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || ($0 < 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D) }) else {
                return String(decoding: bytes, as: UTF8.self)
            }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 32)
            for byte in bytes {
                switch byte {
                case 0x26: out += "&amp;".utf8
                case 0x3C: out += "&lt;".utf8
                case 0x3E: out += "&gt;".utf8
                case 0x22: out += "&quot;".utf8
                case 0x27: out += "&#39;".utf8
                // Control characters are not allowed in XML 1.0.
                case 0x0A, 0x09, 0x0D: out.append(byte)
                case ..<0x20: continue
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// A JSON string literal, safe inside an HTML `<script>` element too
    /// (`<`, `>`, `&`, U+2028 and U+2029 are written as `\u` escapes).
    public static func jsonString(_ text: String) -> String {
        var out: [UInt8] = []
        appendJSONString(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `jsonString(text)` appended to `out`.
    static func appendJSONString(_ text: String, to out: inout [UInt8]) {
        out.append(0x22)
        appendJSONContent(text, to: &out)
        out.append(0x22)
    }

    /// The bytes `appendJSONContent` escapes: control characters, `"`, `\\`, `<`, `>`, `&`, and
    /// 0xE2 (which starts U+2028 and U+2029).
    private static let jsonEscaped: [Bool] = (0..<256).map { $0 < 0x20 || [0x22, 0x5C, 0x3C, 0x3E, 0x26, 0xE2].contains($0) }

    /// Whether any of eight bytes is one `jsonEscaped` holds: a byte below 0x20, or one equal
    /// to any of the others (`(v − 0x01…) & ~v & 0x80…` is not zero exactly when a byte of `v`
    /// is zero, and `(x − 0x20…) & ~x & 0x80…` when a byte of `x` is below 0x20).
    @inline(__always)
    private static func anyEscaped(_ x: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        @inline(__always) func zeroIn(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & highs }
        let control = (x &- ones &* 0x20) & ~x & highs
        let quote = zeroIn(x ^ (ones &* 0x22)) | zeroIn(x ^ (ones &* 0x5C))
        let markup = zeroIn(x ^ (ones &* 0x3C)) | zeroIn(x ^ (ones &* 0x3E)) | zeroIn(x ^ (ones &* 0x26))
        return control | quote | markup | zeroIn(x ^ (ones &* 0xE2)) != 0
    }

    /// `text` escaped for a JSON string, without the quotes.
    static func appendJSONContent(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendJSONContent($0, to: &out) }
    }

    /// UTF-8 `bytes` escaped for a JSON string, without the quotes.
    static func appendJSONContent(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        guard let base = bytes.baseAddress else { return }
        jsonEscaped.withUnsafeBufferPointer { escaped in
            // Runs of bytes that need no escape are copied whole; they are found eight bytes at a
            // time (a whole article's text, for search), then byte by byte in eight that have one.
            var run = 0
            var i = 0
            while i < bytes.count {
                if i + 8 <= bytes.count, !anyEscaped(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                    i += 8
                    continue
                }
                let eight = min(i + 8, bytes.count)
                while i < eight, !escaped[Int(base[i])] { i += 1 }
                if i == eight { continue }
                let byte = base[i]
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                switch byte {
                case 0x22: out += #"\""#.utf8
                case 0x5C: out += #"\\"#.utf8
                case 0x0A: out += #"\n"#.utf8
                case 0x0D: out += #"\r"#.utf8
                case 0x09: out += #"\t"#.utf8
                case 0x3C: out += #"\u003c"#.utf8
                case 0x3E: out += #"\u003e"#.utf8
                case 0x26: out += #"\u0026"#.utf8
                case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    out += (bytes[i + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#).utf8
                    i += 2
                case 0xE2: out.append(byte)
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    out += #"\u00"#.utf8
                    out.append(hex[Int(byte >> 4)])
                    out.append(hex[Int(byte & 0xF)])
                }
                i += 1
                run = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<bytes.count]))
        }
    }
}
