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
        case block(name: Int, end: Int)
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
        var compiler = Compiler(templateNames: templates.keys.sorted())
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
        guard let program = indexByName[name] else { return [] }
        return code.withUnsafeBufferPointer { code in
            textPool.withUnsafeBufferPointer { text in
                var rendering = Rendering(library: self, code: code, text: text, root: root)
                rendering.run(program)
                return rendering.out
            }
        }
    }
}

/// Turns parsed nodes into the library's flat instructions.
private struct Compiler {
    typealias Instruction = TemplateLibrary.Instruction
    let templateNames: [String]
    let programIndex: [String: Int]
    var code: [Instruction] = []
    var programs: [Range<Int>] = []
    var textPool: [UInt8] = []
    var names: [TemplateLibrary.Name] = []
    var nameParts: [String] = []
    var nameIndex: [String: Int] = [:]
    var indentations: [[UInt8]] = []
    var overrideSets: [[Int: Int]] = []
    var blockNames: [String] = []
    var blockIndex: [String: Int] = [:]
    /// Programs for blocks defined inside parents, compiled after the named templates.
    var pending: [(slot: Int, nodes: [TemplateNode])] = []

    init(templateNames: [String]) {
        self.templateNames = templateNames
        programIndex = Dictionary(uniqueKeysWithValues: templateNames.enumerated().map { ($0.element, $0.offset) })
        programs = Array(repeating: 0..<0, count: templateNames.count)
    }

    /// Compiles the named templates (in `templateNames` order), then every block program the parents need.
    mutating func compile(_ bodies: [[TemplateNode]]) {
        for (index, nodes) in bodies.enumerated() {
            let start = code.count
            emit(nodes)
            programs[index] = start..<code.count
        }
        while !pending.isEmpty {
            let (slot, body) = pending.removeFirst()
            let start = code.count
            emit(body)
            programs[slot] = start..<code.count
        }
    }

    mutating func emit(_ nodes: [TemplateNode]) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                code.append(.text(start: textPool.count, count: bytes.count))
                textPool += bytes
            case .variable(let name, let escaped):
                code.append(.variable(name: intern(name), escaped: escaped))
            case .section(let name, let content):
                let index = intern(name)
                emitBody(content) { .section(name: index, end: $0) }
            case .inverted(let name, let content):
                let index = intern(name)
                emitBody(content) { .inverted(name: index, end: $0) }
            case .block(let name, let content):
                let block = internBlock(name)
                emitBody(content) { .block(name: block, end: $0) }
            case .partial(let name, let indentation):
                guard let program = programIndex[name] else { continue }  // renders nothing, as the spec says
                code.append(.include(program: program, indentation: internIndentation(indentation), overrides: -1))
            case .parent(let name, let indentation, let overrides):
                guard let program = programIndex[name] else { continue }
                var set: [Int: Int] = [:]
                for (block, body) in overrides.sorted(by: { $0.key < $1.key }) {
                    set[internBlock(block)] = programs.count
                    programs.append(0..<0)
                    pending.append((programs.count - 1, body))
                }
                overrideSets.append(set)
                code.append(.include(program: program, indentation: internIndentation(indentation), overrides: set.isEmpty ? -1 : overrideSets.count - 1))
            case .dynamicPartial(let name, let indentation):
                code.append(.dynamicInclude(name: intern(name), indentation: internIndentation(indentation)))
            }
        }
    }

    /// An instruction whose content follows it; `make` gets the index where the content ends.
    private mutating func emitBody(_ content: [TemplateNode], _ make: (Int) -> Instruction) {
        let at = code.count
        code.append(.text(start: 0, count: 0))  // replaced below, once the end is known
        emit(content)
        code[at] = make(code.count)
    }

    private mutating func intern(_ name: TemplateName) -> Int {
        let key = (name.anchored ? "." : "") + name.parts.joined(separator: ".")
        if let existing = nameIndex[key] { return existing }
        names.append(TemplateLibrary.Name(start: nameParts.count, count: name.parts.count, anchored: name.anchored))
        nameParts += name.parts
        nameIndex[key] = names.count - 1
        return names.count - 1
    }

    private mutating func internBlock(_ name: String) -> Int {
        if let existing = blockIndex[name] { return existing }
        blockNames.append(name)
        blockIndex[name] = blockNames.count - 1
        return blockNames.count - 1
    }

    private mutating func internIndentation(_ indentation: [UInt8]) -> Int {
        guard !indentation.isEmpty else { return -1 }
        indentations.append(indentation)
        return indentations.count - 1
    }
}

/// The state of one rendering: output so far, context stack, partial indentation, block overrides.
private struct Rendering {
    let library: TemplateLibrary
    let code: UnsafeBufferPointer<TemplateLibrary.Instruction>
    let text: UnsafeBufferPointer<UInt8>
    var stack: [TemplateValue]
    var out: [UInt8] = []
    /// Put before every line of output while inside an indented standalone partial.
    var indentation: [UInt8] = []
    var atLineStart = true
    /// Blocks defined by the parents being rendered (block → program); the outermost definition wins.
    var overrides: [Int: Int] = [:]
    var depth = 0

    /// Partials nested deeper than this render nothing (a partial that includes itself forever).
    static let maximumDepth = 100

    init(library: TemplateLibrary, code: UnsafeBufferPointer<TemplateLibrary.Instruction>, text: UnsafeBufferPointer<UInt8>, root: TemplateValue) {
        self.library = library
        self.code = code
        self.text = text
        self.stack = [root]
        out.reserveCapacity(32 * 1024)
    }

    mutating func run(_ program: Int) {
        let range = library.programs[program]
        run(range.lowerBound, range.upperBound)
    }

    mutating func run(_ start: Int, _ end: Int) {
        var pc = start
        while pc < end {
            switch code[pc] {
            case .text(let start, let count):
                emit(text: UnsafeBufferPointer(rebasing: text[start..<(start + count)]))
                pc += 1
            case .variable(let name, let escaped):
                if let value = resolve(name) { emit(value, escaped: escaped) }
                pc += 1
            case .section(let name, let bodyEnd):
                if let value = resolve(name) {
                    switch value {
                    case .bool(let flag):
                        if flag { run(pc + 1, bodyEnd) }
                    case .list(let items):
                        for item in items {
                            stack.append(item)
                            run(pc + 1, bodyEnd)
                            stack.removeLast()
                        }
                    case .text, .utf8, .object:
                        stack.append(value)
                        run(pc + 1, bodyEnd)
                        stack.removeLast()
                    }
                }
                pc = bodyEnd
            case .inverted(let name, let bodyEnd):
                if !(resolve(name)?.isTruthy ?? false) { run(pc + 1, bodyEnd) }
                pc = bodyEnd
            case .include(let program, let indentation, let overrideSet):
                include(program, indentation: indentation, overrides: overrideSet)
                pc += 1
            case .dynamicInclude(let name, let indentation):
                if case .text(let target) = resolve(name), let program = library.indexByName[target] {
                    include(program, indentation: indentation, overrides: -1)
                }
                pc += 1
            case .block(let block, let bodyEnd):
                if let program = overrides[block] { run(program) } else { run(pc + 1, bodyEnd) }
                pc = bodyEnd
            }
        }
    }

    /// Renders another template in place, indented and with block overrides when asked.
    mutating func include(_ program: Int, indentation extra: Int, overrides set: Int) {
        guard depth < Self.maximumDepth else { return }
        depth += 1
        defer { depth -= 1 }
        if extra < 0 && set < 0 {
            run(program)
            return
        }
        let savedIndentation = indentation
        let savedOverrides = overrides
        if extra >= 0 { indentation += library.indentations[extra] }
        if set >= 0 {
            for (block, body) in library.overrideSets[set] where overrides[block] == nil { overrides[block] = body }
        }
        run(program)
        indentation = savedIndentation
        overrides = savedOverrides
    }

    /// The value of a name: its first part from the top of the stack down, the rest inside that.
    func resolve(_ index: Int) -> TemplateValue? {
        let name = library.names[index]
        guard name.count > 0 else { return stack.last }
        let first = library.nameParts[name.start]
        var value: TemplateValue?
        if name.anchored {
            value = stack.last?.child(first)
        } else {
            var level = stack.count - 1
            while level >= 0 {
                if let found = stack[level].child(first) {
                    value = found
                    break
                }
                level -= 1
            }
        }
        var part = 1
        while part < name.count, let current = value {
            value = current.child(library.nameParts[name.start + part])
            part += 1
        }
        return value
    }

    mutating func emit(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case .text(let text):
            var text = text
            text.withUTF8 { emit(utf8: $0, escaped: escaped) }
        case .utf8(let bytes):
            bytes.withUnsafeBufferPointer { emit(utf8: $0, escaped: escaped) }
        case .bool(let flag):
            var word = flag ? "true" : "false"
            word.withUTF8 { emit(utf8: $0, escaped: false) }
        case .list, .object:
            break
        }
    }

    mutating func emit(utf8 bytes: UnsafeBufferPointer<UInt8>, escaped: Bool) {
        guard !bytes.isEmpty else { return }
        if !indentation.isEmpty, atLineStart { out += indentation }
        if escaped {
            HTMLEscaping.append(bytes, to: &out)
        } else {
            out.append(contentsOf: bytes)
        }
        atLineStart = bytes.last == 0x0A
    }

    /// Template text: inside an indented partial, every line gets the indentation.
    mutating func emit(text bytes: UnsafeBufferPointer<UInt8>) {
        guard !bytes.isEmpty else { return }
        if indentation.isEmpty {
            out.append(contentsOf: bytes)
            atLineStart = bytes.last == 0x0A
            return
        }
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            if lineEnd < bytes.count { lineEnd += 1 }
            if atLineStart { out += indentation }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]))
            atLineStart = bytes[lineEnd - 1] == 0x0A
            lineStart = lineEnd
        }
    }
}

/// HTML escaping of `&`, `<`, `>`, `"` and `'`, on UTF-8 bytes.
enum HTMLEscaping {
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        for i in 0..<bytes.count {
            let replacement: StaticString
            switch bytes[i] {
            case 0x26: replacement = "&amp;"
            case 0x3C: replacement = "&lt;"
            case 0x3E: replacement = "&gt;"
            case 0x22: replacement = "&quot;"
            case 0x27: replacement = "&#39;"
            default: continue
            }
            if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
            replacement.withUTF8Buffer { out.append(contentsOf: $0) }
            runStart = i + 1
        }
        if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }
}
