/// What an article's body points to, found once when its file is read (and kept in the article
/// cache with it): its links that are not to other sites, and the directive codes its running
/// text mentions that its `directives` do not list, each a warning.
enum BodyScan {
    /// The references of `body`, positioned in its file. A body that can hold neither a link
    /// (no `](`, `]:` or `<`) nor a code that `listed` lacks is not parsed at all: most are not.
    static func references(of body: String, listed: [DirectiveCode], bodyLine: Int) -> BodyReferences {
        var body = body
        return body.withUTF8 { bytes in
            guard mayHoldLinks(bytes) || DirectiveMentions.codes(in: bytes).contains(where: { !listed.contains($0.code) }) else { return .none }
            var found = MarkdownRenderer.references(in: bytes)
            found.mentions.removeAll { listed.contains($0.code) }
            return shifted(found, by: bodyLine - 1)
        }
    }

    /// The references of a directive's or theme's description: its links (its mentions need no warning).
    static func links(of body: String, bodyLine: Int) -> BodyReferences {
        var body = body
        guard body.withUTF8(mayHoldLinks) else { return .none }
        var found = MarkdownRenderer.references(in: body)
        found.mentions = []
        return shifted(found, by: bodyLine - 1)
    }

    /// One warning per code, at its first mention, with the front-matter line that would list it.
    static func mentionWarnings(_ references: BodyReferences, listed: [DirectiveCode], file: String) -> [Diagnostic] {
        var warned: Set<DirectiveCode> = []
        return references.mentions.compactMap { mention in
            guard warned.insert(mention.code).inserted else { return nil }
            let line = (listed + [mention.code]).map { "\"\($0.text)\"" }.joined(separator: ", ")
            return mention.position.diagnostic(
                .warning, file,
                "\(mention.code) is mentioned but not listed in `directives`: did you mean to add \"\(mention.code)\" to directives? (`directives: [\(line)]`)")
        }
    }

    /// Whether the bytes hold `](`, `]:` (a link or a link reference) or `<` (an autolink).
    static func mayHoldLinks(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count > 1 else { return false }
        for index in 0..<bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "<"): return true
            case UInt8(ascii: "]") where index + 1 < bytes.count && (bytes[index + 1] == UInt8(ascii: "(") || bytes[index + 1] == UInt8(ascii: ":")):
                return true
            default: continue
            }
        }
        return false
    }

    private static func shifted(_ references: BodyReferences, by lines: Int) -> BodyReferences {
        var moved = references
        for index in moved.links.indices { moved.links[index].position.line += lines }
        for index in moved.mentions.indices { moved.mentions[index].position.line += lines }
        return moved
    }
}
