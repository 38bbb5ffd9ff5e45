import Foundation

/// What an article's body points to, found once when its file is read (and kept in the article
/// cache with it): its links that are not to other sites, and the directive codes its running
/// text mentions that its `directives` do not list, each a warning.
enum BodyScan {
    /// The references of `body`, positioned in its file. A body that can hold neither a link
    /// (no `](`, `]:` or `<`) nor a code that `listed` lacks is not parsed at all: most are not.
    static func references(of body: String, listed: [DirectiveCode], bodyLine: Int) -> BodyReferences {
        var body = body
        return body.withUTF8 { bytes in
            guard mayHoldLinks(bytes) || mentionsUnlisted(bytes, listed: listed) else { return .none }
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
            // `TƯ` (Trung ương) is how many type what codes write `TW`.
            if mention.code.text.hasSuffix("/TƯ"), let written = DirectiveCode(String(mention.code.text.dropLast(2)) + "TW"), listed.contains(written) {
                return mention.position.diagnostic(
                    .warning, file, "\(mention.code) is mentioned, but the code listed in `directives` is \(written): write it \(written) here to link it to its page")
            }
            let line = (listed + [mention.code]).map { "\"\($0.text)\"" }.joined(separator: ", ")
            return mention.position.diagnostic(
                .warning, file,
                "\(mention.code) is mentioned but not listed in `directives`: did you mean to add \"\(mention.code)\" to directives? (`directives: [\(line)]`)")
        }
    }

    /// Whether the bytes hold a code (even in code or a link) that `listed` lacks; a code spelt
    /// exactly as listed is known without making a `DirectiveCode` of it.
    private static func mentionsUnlisted(_ bytes: UnsafeBufferPointer<UInt8>, listed: [DirectiveCode]) -> Bool {
        DirectiveMentions.ranges(in: bytes).contains { range in
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            guard !listed.contains(where: { $0.text == text }) else { return false }
            return DirectiveCode(text).map { !listed.contains($0) } ?? false
        }
    }

    /// Whether the bytes hold `](`, `]:` (a link or a link reference) or `<` (an autolink).
    static func mayHoldLinks(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, bytes.count > 1 else { return false }
        // memchr looks at many bytes at a time: every body of the bulletin passes here.
        if memchr(base, Int32(UInt8(ascii: "<")), bytes.count) != nil { return true }
        var from = 0
        while from < bytes.count - 1, let found = memchr(base + from, Int32(UInt8(ascii: "]")), bytes.count - 1 - from) {
            let index = UnsafeRawPointer(base).distance(to: found)
            if bytes[index + 1] == UInt8(ascii: "(") || bytes[index + 1] == UInt8(ascii: ":") { return true }
            from = index + 1
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
