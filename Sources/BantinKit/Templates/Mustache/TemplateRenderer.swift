/// Renders parsed templates into UTF-8 bytes. Names are looked up down a stack of
/// `TemplateValue`s; nothing is cast at run time.
public struct TemplateLibrary: Sendable {
    /// The templates' nodes, partials linked to their index here.
    let bodies: [[TemplateNode]]
    let indexByName: [String: Int]

    public init(_ templates: [String: Template]) {
        let names = templates.keys.sorted()
        let indexByName = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($0.element, $0.offset) })
        self.indexByName = indexByName
        bodies = names.map { Self.link(templates[$0]!.nodes, indexByName) }
    }

    /// Partials and parents point at their template by index, so rendering never looks a name up.
    /// One that does not exist renders nothing, as the Mustache spec says.
    private static func link(_ nodes: [TemplateNode], _ index: [String: Int]) -> [TemplateNode] {
        nodes.compactMap { node in
            switch node {
            case .text, .variable, .dynamicPartial, .linked: node
            case .section(let name, let content): .section(name, link(content, index))
            case .inverted(let name, let content): .inverted(name, link(content, index))
            case .block(let name, let content): .block(name, link(content, index))
            case .partial(let name, let indentation): index[name].map { .linked($0, indentation: indentation, overrides: [:]) }
            case .parent(let name, let indentation, let overrides):
                index[name].map { .linked($0, indentation: indentation, overrides: overrides.mapValues { link($0, index) }) }
            }
        }
    }

    /// The page `name` rendered with `root` as its context (empty if there is no such template).
    public func render(_ name: String, root: TemplateValue) -> [UInt8] {
        guard let index = indexByName[name] else { return [] }
        var renderer = Rendering(library: self, stack: [root])
        renderer.render(bodies[index])
        return renderer.out
    }
}

/// The state of one rendering: output so far, context stack, partial indentation, block overrides.
private struct Rendering {
    let library: TemplateLibrary
    var stack: [TemplateValue]
    var out: [UInt8] = []
    /// Put before every line of output while inside an indented standalone partial.
    var indentation: [UInt8] = []
    var atLineStart = true
    /// Blocks defined by the parents being rendered; the outermost definition wins.
    var overrides: [String: [TemplateNode]] = [:]
    var depth = 0

    /// Partials nested deeper than this render nothing (a partial that includes itself forever).
    static let maximumDepth = 100

    init(library: TemplateLibrary, stack: [TemplateValue]) {
        self.library = library
        self.stack = stack
        out.reserveCapacity(32 * 1024)
    }

    mutating func render(_ nodes: [TemplateNode]) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                emit(text: bytes)
            case .variable(let name, let escaped):
                guard let value = resolve(name) else { continue }
                emit(value, escaped: escaped)
            case .section(let name, let content):
                guard let value = resolve(name) else { continue }
                switch value {
                case .bool(let flag):
                    if flag { render(content) }
                case .list(let items):
                    for item in items {
                        stack.append(item)
                        render(content)
                        stack.removeLast()
                    }
                case .text, .object:
                    stack.append(value)
                    render(content)
                    stack.removeLast()
                }
            case .inverted(let name, let content):
                if !(resolve(name)?.isTruthy ?? false) { render(content) }
            case .linked(let index, let indentation, let blocks):
                include(index, indentation: indentation, overrides: blocks)
            case .dynamicPartial(let name, let indentation):
                if case .text(let target) = resolve(name), let index = library.indexByName[target] {
                    include(index, indentation: indentation, overrides: [:])
                }
            case .partial, .parent:
                break  // linked when the library was made
            case .block(let name, let content):
                render(overrides[name] ?? content)
            }
        }
    }

    /// Renders another template in place, indented and with block overrides when asked.
    mutating func include(_ index: Int, indentation extra: [UInt8], overrides blocks: [String: [TemplateNode]]) {
        guard depth < Self.maximumDepth else { return }
        depth += 1
        defer { depth -= 1 }
        if extra.isEmpty && blocks.isEmpty {
            render(library.bodies[index])
            return
        }
        let savedIndentation = indentation
        let savedOverrides = overrides
        indentation += extra
        for (block, content) in blocks where overrides[block] == nil { overrides[block] = content }
        render(library.bodies[index])
        indentation = savedIndentation
        overrides = savedOverrides
    }

    /// The value of a name: its first part from the top of the stack down, the rest inside that.
    func resolve(_ name: TemplateName) -> TemplateValue? {
        guard let first = name.parts.first else { return stack.last }
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
        var index = 1
        while index < name.parts.count, let current = value {
            value = current.child(name.parts[index])
            index += 1
        }
        return value
    }

    mutating func emit(_ value: TemplateValue, escaped: Bool) {
        switch value {
        case .text(let text):
            var text = text
            text.withUTF8 { emit(utf8: $0, escaped: escaped) }
        case .bool(let flag):
            emit(text: Array((flag ? "true" : "false").utf8))
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
    mutating func emit(text bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        if indentation.isEmpty {
            out += bytes
            atLineStart = bytes.last == 0x0A
            return
        }
        var lineStart = 0
        while lineStart < bytes.count {
            let lineEnd = (bytes[lineStart...].firstIndex(of: 0x0A)).map { $0 + 1 } ?? bytes.count
            if atLineStart { out += indentation }
            out += bytes[lineStart..<lineEnd]
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

    /// `text` escaped for HTML text and attribute values.
    static func escape(_ text: String) -> String {
        var text = text
        var out: [UInt8] = []
        text.withUTF8 { append($0, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}
