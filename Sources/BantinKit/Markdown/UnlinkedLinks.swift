import CCmarkGFM
import Foundation

/// `[text](address)` that Markdown shows as it is written: its address has a space, which a
/// link's address may not have unless written `<…>` (`[bài](<ha noi.md>)`) or as `%20`.
enum UnlinkedLinks {
    /// One found: where its `](` is, and whether its address looks like a file or an address
    /// (`ảnh chi bộ.jpg`, `https://…`) rather than words in brackets and parentheses.
    struct Found: Sendable, Hashable, Codable {
        var position: SourcePosition
        var looksLikeAddress: Bool
    }

    /// The ones in the run of text that starts at the text node `node` (its brackets are nodes
    /// of their own; an address in it may have become an autolink), each found where it is
    /// written in `lines`, within the run; text nodes read are added to `read`, so that a run
    /// is read once, from its first node. Escaped brackets (`\[…\]`) and entities are left alone.
    static func find(startingAt node: OpaquePointer, read: inout Set<OpaquePointer>, lines: SourceLines) -> [Found] {
        guard read.insert(node).inserted else { return [] }
        var run: [UInt8] = []
        var current: OpaquePointer? = node
        var last = node
        while let sibling = current {
            let type = cmark_node_get_type(sibling)
            if type == CMARK_NODE_TEXT, let literal = cmark_node_get_literal(sibling) {
                read.insert(sibling)
                run += UnsafeBufferPointer(start: UnsafeRawPointer(literal).assumingMemoryBound(to: UInt8.self), count: strlen(literal))
            } else if type == CMARK_NODE_LINK {
                // An autolink's text is its address, as written; another link's text is not.
                let text = DocumentWalk.textContent(sibling), url = DocumentWalk.url(of: sibling)
                if url == text || url == "mailto:" + text || url == "http://" + text { run += text.utf8 } else { run.append(0) }
            } else {
                break
            }
            last = sibling
            current = cmark_node_next(sibling)
        }
        let (line, column) = DocumentWalk.knownStart(of: node)
        let endLine = max(Int(cmark_node_get_end_line(last)), line)
        // Each where it is written, within the run, after the one before; not after a backslash (`\]` is text).
        var from = (line: line, byteColumn: column)
        return candidates(in: run).compactMap { written, address in
            guard let at = lines.find(written, line: from.line, fromByteColumn: from.byteColumn), at.line <= endLine else { return nil }
            from = (at.line, at.byteColumn + 1)
            guard at.byteColumn < 2 || lines.byte(line: at.line, byteColumn: at.byteColumn - 1) != UInt8(ascii: "\\") else { return nil }
            return Found(position: lines.position(line: at.line, byteColumn: at.byteColumn), looksLikeAddress: looksLikeAddress(address))
        }
    }

    /// In running text, each `](address)` whose address holds a space and is no `address "title"`:
    /// its bytes as written, and the address.
    static func candidates(in text: [UInt8]) -> [(written: [UInt8], address: ArraySlice<UInt8>)] {
        var found: [(written: [UInt8], address: ArraySlice<UInt8>)] = []
        var at = 0
        while at + 2 < text.count {
            guard text[at] == UInt8(ascii: "]"), text[at + 1] == UInt8(ascii: "("), text[at + 2] != UInt8(ascii: "<") else {
                at += 1
                continue
            }
            let start = at + 2
            guard let close = text[start...].firstIndex(of: UInt8(ascii: ")")) else { break }
            let address = text[start..<close]
            // Jekyll's `{% post_url … %}` or Hugo's `{{< ref … >}}` is told as what it is (`ForeignMarkup`).
            let template = address.starts(with: "{%".utf8) || address.starts(with: "{{".utf8)
            if !address.contains(0), !template, let space = address.firstIndex(of: UInt8(ascii: " ")), space > start {
                let after = address[space...].first { $0 != UInt8(ascii: " ") }
                if after.map({ ![UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "(")].contains($0) }) ?? false {
                    found.append((Array(text[at...close]), address))
                }
            }
            at = close + 1
        }
        return found
    }

    /// A path or an address: a `/` before its first space (`../media/ảnh chi bộ.jpg`,
    /// `https://…`; not `số 01-KL/TW`), or a file's extension (`.jpg`, `.md`, with a letter)
    /// before a title, a `#` or a `?`.
    static func looksLikeAddress(_ address: ArraySlice<UInt8>) -> Bool {
        if let slash = address.firstIndex(of: UInt8(ascii: "/")), !address[..<slash].contains(UInt8(ascii: " ")) { return true }
        var end = address.endIndex
        if let title = address.indices.first(where: { address[$0] == UInt8(ascii: " ") && $0 + 1 < address.endIndex && [UInt8(ascii: "\""), UInt8(ascii: "'")].contains(address[$0 + 1]) }) { end = title }
        if let cut = address[..<end].firstIndex(where: { $0 == UInt8(ascii: "#") || $0 == UInt8(ascii: "?") }) { end = cut }
        let path = address[..<end]
        guard let dot = path.lastIndex(of: UInt8(ascii: ".")) else { return false }
        let ending = path[(dot + 1)...]
        let isLetter = { (byte: UInt8) in (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        return (1...5).contains(ending.count) && ending.allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) } && ending.contains(where: isLetter)
    }
}
