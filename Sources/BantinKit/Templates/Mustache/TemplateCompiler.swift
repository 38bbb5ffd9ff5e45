/// Turns parsed nodes into the library's flat instructions. A parent's arguments become
/// programs of their own, compiled after the named templates; a parent's instruction points
/// to the set of them it passes.
struct TemplateCompiler {
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
            case .block(let name, let indentation, let content):
                let block = internBlock(name)
                let indentation = internIndentation(indentation)
                emitBody(content) { .block(name: block, indentation: indentation, end: $0) }
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

