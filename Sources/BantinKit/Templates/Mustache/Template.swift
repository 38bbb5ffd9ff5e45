/// A Mustache template, parsed once into nodes that render without re-reading the text.
public struct Template: Sendable {
    public let nodes: [TemplateNode]
    /// Every `{{> name}}` and `{{< name}}` with a fixed name, where it is written (for "no such partial").
    public let references: [(name: String, line: Int, column: Int, conditional: Bool)]
    /// The name every variable, section and dynamic partial reads, in order.
    public let names: [NameUse]

    /// A name a tag reads: its parts (`["article", "date", "iso"]`, none for `.`), the names of
    /// the sections it is inside (outermost first; not inverted ones), and where the tag is written.
    public struct NameUse: Sendable {
        public var parts: [String]
        public var sections: [[String]]
        public var line: Int
        public var column: Int
        /// Named by an inverted section (`{{^name}}`), which shows what it holds when the value is not there.
        public var inverted = false
        /// Named by a variable (`{{name}}`), which prints the value as text.
        public var printed = false
    }
}

/// One piece of a parsed template. Standalone lines are already gone: what is left is what renders.
public indirect enum TemplateNode: Sendable {
    case text([UInt8])
    case variable(TemplateName, escaped: Bool)
    case section(TemplateName, [TemplateNode])
    case inverted(TemplateName, [TemplateNode])
    /// `{{> name}}`; `indentation` is the whitespace before a standalone tag, put before every line of the partial.
    case partial(String, indentation: [UInt8])
    /// `{{> *name}}`: the partial named by the value of `name`.
    case dynamicPartial(TemplateName, indentation: [UInt8])
    /// `{{< name}}…{{/name}}`: the partial `name`, with the blocks defined inside replacing its own;
    /// `indentation` as for a partial, when the whole element stands alone on its lines.
    case parent(String, indentation: [UInt8], overrides: [String: [TemplateNode]])
    /// `{{$ name}}default{{/name}}`: replaced by a parent's definition of the same block, if any, with
    /// `indentation` put before every line of that definition (the default is shown as written).
    case block(String, indentation: [UInt8], [TemplateNode])
}

/// A name as a template writes it: `.`, `title`, `article.date.iso`, or `.title` (this object only).
public struct TemplateName: Sendable {
    /// Empty for `.`, the current object.
    let parts: [String]
    /// A leading dot: look only in the current object, not down the stack.
    let anchored: Bool

    init?(_ text: String) {
        if text == "." {
            parts = []
            anchored = true
            return
        }
        anchored = text.hasPrefix(".")
        let pieces = text.split(separator: ".", omittingEmptySubsequences: false).dropFirst(anchored ? 1 : 0).map(String.init)
        guard !pieces.isEmpty, !pieces.contains(where: \.isEmpty) else { return nil }
        parts = pieces
    }
}

/// A template that does not parse: what is wrong and where (1-based line and column).
public struct TemplateSyntaxError: Error, Sendable {
    public let message: String
    public let line: Int
    public let column: Int
}

extension Template {
    /// Parses Mustache as the spec defines it: variables, sections, inverted sections,
    /// comments, partials, set-delimiter tags, parents and blocks, standalone lines.
    /// Pragmas (`{{% … }}`) are accepted and ignored.
    public init(parsing text: String) throws(TemplateSyntaxError) {
        var parser = TemplateParser(bytes: Array(text.utf8))
        nodes = try parser.parse()
        references = parser.references
        names = parser.namesWithPlaces()
    }
}
