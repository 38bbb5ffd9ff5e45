/// Renders templates into UTF-8 bytes. Every template is compiled once into one flat array of
/// instructions that hold only numbers (text is a range of one byte pool, a name an index into
/// one table), so rendering walks raw buffers and never touches a reference count; names are
/// looked up down a stack of `TemplateValue`s, with no cast at run time.
public struct TemplateLibrary: Sendable {
    /// One instruction; a section's content is the instructions after it, up to `end`.
    enum Instruction {
        case text(start: Int, count: Int)
        case variable(name: Int, escaped: Bool)
        case section(name: Int, end: Int)
        case inverted(name: Int, end: Int)
        /// A partial or a parent: `indentation` and `overrides` index their tables, -1 for none.
        case include(program: Int, indentation: Int, overrides: Int)
        case dynamicInclude(name: Int, indentation: Int)
        /// A block: its default follows, up to `end`; `indentation` (-1 for none) is for a definition that replaces it.
        case block(name: Int, indentation: Int, end: Int)
    }

    /// A name as compiled: a range of `nameParts`; no parts is `.`.
    struct Name {
        let start: Int
        let count: Int
        let anchored: Bool
    }

    let code: [Instruction]
    /// Each program's range in `code`: the named templates first, then the blocks parents define.
    let programs: [Range<Int>]
    let indexByName: [String: Int]
    let textPool: [UInt8]
    let names: [Name]
    let nameParts: [String]
    let indentations: [[UInt8]]
    /// For each parent tag: block (by its index among the block names) → program of its content.
    let overrideSets: [[Int: Int]]

    public init(_ templates: [String: Template]) {
        var compiler = TemplateCompiler(templateNames: templates.keys.sorted())
        compiler.compile(compiler.templateNames.map { templates[$0]!.nodes })
        code = compiler.code
        programs = compiler.programs
        indexByName = compiler.programIndex
        textPool = compiler.textPool
        names = compiler.names
        nameParts = compiler.nameParts
        indentations = compiler.indentations
        overrideSets = compiler.overrideSets
    }

    /// The page `name` rendered with `root` as its context (empty if there is no such template).
    public func render(_ name: String, root: TemplateValue) -> [UInt8] {
        renderChecked(name, root: root).bytes
    }

    /// The same, with the name of the template whose include the engine's limits cut off (one
    /// that includes itself, through a section whose data never ends it), if any.
    public func renderChecked(_ name: String, root: TemplateValue) -> (bytes: [UInt8], endless: String?) {
        guard let program = indexByName[name] else { return ([], nil) }
        return code.withUnsafeBufferPointer { code in
            textPool.withUnsafeBufferPointer { text in
                var rendering = TemplateRendering(library: self, code: code, text: text, root: root)
                rendering.run(program)
                let endless = rendering.cutOff.map { cut in indexByName.first { $0.value == cut }?.key ?? "?" }
                return (rendering.out, endless)
            }
        }
    }
}
