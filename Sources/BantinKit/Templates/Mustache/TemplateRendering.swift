/// The state of one rendering: output so far, context stack, indentation, block overrides.
/// This file runs the instructions; `TemplateOutput.swift` writes what they show.
struct TemplateRendering {
    let library: TemplateLibrary
    let code: UnsafeBufferPointer<TemplateLibrary.Instruction>
    let text: UnsafeBufferPointer<UInt8>
    var stack: [TemplateValue]
    var out: [UInt8] = []
    /// Put before every line of template text while inside an indented partial, parent or block.
    var indentation: [UInt8] = []
    /// The output is at the start of a line of template text (interpolated text never starts one).
    var atLineStart = true
    /// Blocks defined by the parents being rendered (block → program); the outermost definition wins.
    var overrides: [Int: Int] = [:]
    /// The programs being included, outermost first.
    var including: [Int] = []
    /// The template that included itself without end, which the data did not stop: found when
    /// partials are nested `maximumDepth` deep, and the rendering stops there (a partial that
    /// includes itself twice would otherwise render 2^100 copies).
    var cutOff: Int? = nil

    /// Partials nested deeper than this stop the rendering (a partial that includes itself forever).
    static let maximumDepth = 100

    /// Sections, partials and blocks being rendered inside one another: each a level of the
    /// machine's stack.
    var depth = 0
    /// More than this stops the rendering too: a partial that includes itself inside sections
    /// takes as many levels each time round (the 100 partials would overflow the stack first).
    /// A template nests sections 500 deep at most (`TemplateParser.maximumNesting`).
    static let maximumNesting = 1_000

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
        // Nothing more once a template was found including itself without end: blocks that hold
        // themselves twice would otherwise go down again from each sibling (2^1000 renderings).
        guard cutOff == nil else { return }
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumNesting else {
            if cutOff == nil, !including.isEmpty { cutOff = Self.mostRepeated(including) }
            return
        }
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
                if let value = resolve(name) { section(value, pc + 1, bodyEnd) }
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
            case .block(let block, let indentation, let bodyEnd):
                if let program = overrides[block] {
                    indented(by: indentation) { $0.run(program) }
                } else {
                    run(pc + 1, bodyEnd)
                }
                pc = bodyEnd
            }
        }
    }

    /// A section's content (`start..<end`) rendered for `value`: once per item of a list, once
    /// for any other value but false, with that value on top of the stack.
    mutating func section(_ value: TemplateValue, _ start: Int, _ end: Int) {
        switch value {
        case .bool(let flag):
            // As the spec asks of any value but false: pushed, so `{{.}}` inside shows it.
            if flag {
                stack.append(value)
                run(start, end)
                stack.removeLast()
            }
        case .list(let items):
            for item in items {
                stack.append(item)
                run(start, end)
                stack.removeLast()
            }
        case .text, .utf8, .object:
            stack.append(value)
            run(start, end)
            stack.removeLast()
        }
    }

    /// Renders another template in place, indented and with block overrides when asked.
    mutating func include(_ program: Int, indentation extra: Int, overrides set: Int) {
        guard cutOff == nil else { return }
        guard including.count < Self.maximumDepth else {
            cutOff = Self.mostRepeated(including + [program])
            return
        }
        including.append(program)
        defer { including.removeLast() }
        guard set >= 0 else {
            indented(by: extra) { $0.run(program) }
            return
        }
        let savedOverrides = overrides
        for (block, body) in library.overrideSets[set] where overrides[block] == nil { overrides[block] = body }
        indented(by: extra) { $0.run(program) }
        overrides = savedOverrides
    }

    /// The program that `chain` holds most often (the first of those when several do): in a
    /// chain of includes too deep to end, the template that includes itself, not one it includes.
    static func mostRepeated(_ chain: [Int]) -> Int {
        var counts: [Int: Int] = [:]
        for program in chain { counts[program, default: 0] += 1 }
        return chain.max { counts[$0]! < counts[$1]! } ?? chain[0]
    }

    /// Runs `body` with the indentation `extra` (an index of the library's table, -1 for none) added.
    @inline(__always)
    mutating func indented(by extra: Int, _ body: (inout TemplateRendering) -> Void) {
        guard extra >= 0 else { return body(&self) }
        let saved = indentation
        indentation += library.indentations[extra]
        body(&self)
        indentation = saved
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
}
