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
        return candidates(in: run).compactMap { written, address in
            // Where it is written, within the run, and not after a backslash (`\]` is text).
            guard let at = lines.find(written, line: line, fromByteColumn: column), at.line <= endLine,
                at.byteColumn < 2 || lines.byte(line: at.line, byteColumn: at.byteColumn - 1) != UInt8(ascii: "\\")
            else { return nil }
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
            if !address.contains(0), let space = address.firstIndex(of: UInt8(ascii: " ")), space > start {
                let after = address[space...].first { $0 != UInt8(ascii: " ") }
                if after.map({ ![UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "(")].contains($0) }) ?? false {
                    found.append((Array(text[at...close]), address))
                }
            }
            at = close + 1
        }
        return found
    }

    /// A path or an address: it has a `/`, or ends in a file's extension (`.jpg`, `.md`).
    private static func looksLikeAddress(_ address: ArraySlice<UInt8>) -> Bool {
        if address.contains(UInt8(ascii: "/")) { return true }
        guard let dot = address.lastIndex(of: UInt8(ascii: ".")) else { return false }
        let ending = address[(dot + 1)...]
        return (1...5).contains(ending.count) && ending.allSatisfy { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") || ($0 >= 0x30 && $0 <= 0x39) }
    }
}
