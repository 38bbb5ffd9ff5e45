extension UInt8 {
    /// A space or a tab.
    var isBlank: Bool { self == 0x20 || self == 0x09 }

    /// A space, a tab, a carriage return or a newline: what separates an HTML tag's attributes,
    /// and what a Markdown line may end with before its newline.
    var isWhitespace: Bool { isBlank || self == 0x0D || self == 0x0A }

    /// HTML's white space (`isWhitespace` and a form feed): around an attribute's `=`, and the end
    /// of a value written without quotes.
    var isHTMLSpace: Bool { isWhitespace || self == 0x0C }
}

/// An HTML attribute's value read as a browser reads it, for scanners that go through tags byte
/// by byte (`check`'s links, the print edition's rewriting, the build's look at HTML written in
/// a text: `BodyReferences`).
enum HTMLAttributeValue {
    /// The value of the attribute whose name ends at `nameEnd`: after `=` and any white space
    /// around it, in double or single quotes, or without (up to white space or the tag's `>`);
    /// `nil` for an attribute written without one. `quote`: the quote it was in; `end`: where
    /// reading goes on, past its closing quote.
    static func after<Bytes: RandomAccessCollection>(_ nameEnd: Int, in bytes: Bytes) -> (value: Range<Int>, quote: UInt8?, end: Int)?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        let count = bytes.endIndex
        var equals = nameEnd
        while equals < count, bytes[equals].isHTMLSpace { equals += 1 }
        guard equals < count, bytes[equals] == UInt8(ascii: "=") else { return nil }
        var start = equals + 1
        while start < count, bytes[start].isHTMLSpace { start += 1 }
        let quote: UInt8? = start < count && (bytes[start] == UInt8(ascii: "\"") || bytes[start] == UInt8(ascii: "'")) ? bytes[start] : nil
        if quote != nil { start += 1 }
        var end = start
        if let quote {
            while end < count, bytes[end] != quote { end += 1 }
            return (start..<end, quote, min(end + 1, count))
        }
        while end < count, !bytes[end].isHTMLSpace, bytes[end] != UInt8(ascii: ">") { end += 1 }
        return (start..<end, nil, end)
    }
}
