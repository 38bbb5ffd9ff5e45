import CCmarkGFM
import Foundation

/// A heading found in a Markdown body, with the `id` given to it.
public struct Heading: Sendable, Equatable {
    public var level: Int
    public var text: String
    public var id: String
}

/// The HTML of a Markdown body.
public struct RenderedMarkdown: Sendable, Equatable {
    /// The HTML as UTF-8, as cmark-gfm wrote it (ids added).
    public var utf8: [UInt8]
    public var headings: [Heading]
    public var html: String { String(decoding: utf8, as: UTF8.self) }
}

/// Renders Markdown with cmark-gfm (table, strikethrough, autolink, tagfilter,
/// tasklist and footnotes) and gives every heading an `id`.
///
/// This is the only file that talks to the C library.
public struct MarkdownRenderer: Sendable {
    public var allowRawHTML: Bool

    public init(allowRawHTML: Bool) {
        _ = Self.registration
        self.allowRawHTML = allowRawHTML
    }

    /// cmark-gfm's extension registry is global and not thread-safe: fill it once,
    /// before any parallel work (a `static let` runs exactly once).
    private static let registration: Void = cmark_gfm_core_extensions_ensure_registered()
    private static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// cmark-gfm keeps one table, for the whole process, of the characters that stop inline text,
    /// and every parse switches its extensions' characters (`~`, `|`, …) on before its inlines and
    /// off after them. Two parses at once on two cores: one switched them off under the other,
    /// which then rendered `~~a~~` or a table row as plain text (3 % of parallel renders in
    /// `MarkdownTests`). So inlines are parsed one body at a time; reading blocks and writing
    /// HTML, most of the work, still run on every core.
    private static let inlineLock = NSLock()

    public func render(_ markdown: String) -> RenderedMarkdown {
        var markdown = markdown
        return markdown.withUTF8 { render(utf8: $0) }
    }

    /// Markdown given as UTF-8 bytes (a body read from its file).
    func render(utf8 markdown: UnsafeBufferPointer<UInt8>) -> RenderedMarkdown {
        var options = CMARK_OPT_FOOTNOTES | CMARK_OPT_SOURCEPOS
        if allowRawHTML { options |= CMARK_OPT_UNSAFE }
        guard let parser = cmark_parser_new(options) else { fatalError("cmark_parser_new failed: out of memory") }
        defer { cmark_parser_free(parser) }
        for name in Self.extensionNames {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        markdown.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        Self.inlineLock.lock()
        let finished = cmark_parser_finish(parser)
        Self.inlineLock.unlock()
        guard let document = finished else { fatalError("cmark_parser_finish failed: out of memory") }
        defer { cmark_node_free(document) }

        let (headings, starts) = collectHeadings(document)
        guard let raw = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else {
            fatalError("cmark_render_html failed: out of memory")
        }
        defer { free(raw) }
        let html = Self.applyHeadingIDs(UnsafeBufferPointer(start: UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self), count: strlen(raw)),
                                        headings: headings, starts: starts)
        return RenderedMarkdown(utf8: html, headings: headings)
    }

    /// Walks the tree once: the headings, each with a unique id and its `line:column-` start.
    private func collectHeadings(_ document: OpaquePointer) -> ([Heading], [String]) {
        var headings: [Heading] = []
        var starts: [String] = []
        var used: [String: Int] = [:]
        guard let iterator = cmark_iter_new(document) else { return ([], []) }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if event == CMARK_EVENT_ENTER, type == CMARK_NODE_HEADING {
                let text = Self.textContent(node)
                let base = Slug(from: text)?.value ?? "muc"
                let count = used[base, default: 0] + 1
                used[base] = count
                let id = count == 1 ? base : "\(base)-\(count)"
                headings.append(Heading(level: Int(cmark_node_get_heading_level(node)), text: text, id: id))
                starts.append("\(cmark_node_get_start_line(node)):\(cmark_node_get_start_column(node))-")
            }
        }
        return (headings, starts)
    }

    private static func textContent(_ node: OpaquePointer) -> String {
        var text = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            let type = cmark_node_get_type(current)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(current) {
                text += String(cString: literal)
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            } else {
                text += textContent(current)
            }
            child = cmark_node_next(current)
        }
        return text
    }

    /// cmark-gfm was asked for `data-sourcepos` on every block; headings get their id in its
    /// place and every other `data-sourcepos` is removed, so the rest is exactly cmark-gfm's HTML.
    private static let sourceposMarker = Array(" data-sourcepos=\"".utf8CString)

    /// `bytes` must be followed by a NUL byte (cmark-gfm's output is).
    static func applyHeadingIDs(_ bytes: UnsafeBufferPointer<UInt8>, headings: [Heading], starts: [String]) -> [UInt8] {
        var idByStart: [String: String] = [:]
        for (heading, start) in zip(headings, starts) { idByStart[start] = heading.id }
        let marker = Self.sourceposMarker
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + headings.count * 24)
        guard let base = bytes.baseAddress else { return [] }
        var copiedUpTo = 0
        // The buffer is cmark-gfm's NUL-terminated string: strstr finds each marker far faster than a byte loop.
        while copiedUpTo < bytes.count,
            let found = UnsafeRawPointer(base + copiedUpTo).withMemoryRebound(to: CChar.self, capacity: 1, { text in
                marker.withUnsafeBufferPointer { strstr(text, $0.baseAddress!) }
            })
        {
            let i = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedUpTo..<i]))
            let valueStart = i + marker.count - 1
            var close = valueStart
            while close < bytes.count, bytes[close] != UInt8(ascii: "\"") { close += 1 }
            // `<hN data-sourcepos="12:1-12:20"`: the tag name is the three bytes before the marker.
            let isHeading = i >= 3 && bytes[i - 3] == UInt8(ascii: "<") && bytes[i - 2] == UInt8(ascii: "h")
                && (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[i - 1])
            if isHeading, let dash = bytes[valueStart..<close].firstIndex(of: UInt8(ascii: "-")),
                let id = idByStart[String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart...dash]), as: UTF8.self)]
            {
                out.append(contentsOf: " id=\"\(id)\"".utf8)
            }
            copiedUpTo = min(close + 1, bytes.count)
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copiedUpTo...]))
        return out
    }
}

extension MarkdownRenderer {
    /// An article's body, rendered from its bytes wherever they are (never made into a string first).
    func render(_ body: BodyText) -> RenderedMarkdown {
        body.utf8.withUnsafeBufferPointer { render(utf8: $0) }
    }
}
