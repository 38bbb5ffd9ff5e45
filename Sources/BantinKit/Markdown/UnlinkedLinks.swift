/// `[text](address)` that Markdown shows as it is written: its address has a space, which a
/// link's address may not have unless written `<…>` (`[bài](<ha noi.md>)`) or as `%20`.
enum UnlinkedLinks {
    /// In running text (what is left as text), each `](address)` whose address holds a space
    /// and is no `address "title"`: its bytes as written, to be found in the source.
    static func find(in text: [UInt8]) -> [[UInt8]] {
        var found: [[UInt8]] = []
        var at = 0
        while at + 2 < text.count {
            guard text[at] == UInt8(ascii: "]"), text[at + 1] == UInt8(ascii: "("), text[at + 2] != UInt8(ascii: "<") else {
                at += 1
                continue
            }
            let start = at + 2
            guard let close = text[start...].firstIndex(of: UInt8(ascii: ")")) else { break }
            let address = text[start..<close]
            if let space = address.firstIndex(of: UInt8(ascii: " ")), space > start {
                let after = address[space...].first { $0 != UInt8(ascii: " ") }
                if after.map({ ![UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "(")].contains($0) }) ?? false {
                    found.append(Array(text[at...close]))
                }
            }
            at = close + 1
        }
        return found
    }
}
