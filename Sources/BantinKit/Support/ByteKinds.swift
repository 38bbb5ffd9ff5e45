extension UInt8 {
    /// A space or a tab.
    var isBlank: Bool { self == 0x20 || self == 0x09 }

    /// A space, a tab, a carriage return or a newline: what separates an HTML tag's attributes,
    /// and what a Markdown line may end with before its newline.
    var isWhitespace: Bool { isBlank || self == 0x0D || self == 0x0A }
}
