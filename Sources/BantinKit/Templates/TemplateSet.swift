import Foundation
import Mustache

/// Every `*.mustache` file of the templates folder, parsed, plus the theme assets.
public struct TemplateSet: Sendable {
    public let library: MustacheLibrary
    public let names: Set<String>
    /// Files under `templates/assets/`, copied to `assets/` in the output.
    public let assets: [TreeEntry]

    /// The page templates a build needs.
    public static let requiredPages = ["article", "list", "terms", "404", "search"]

    /// Loads templates one by one so that every parse error is reported, with file, line and column.
    public static func load(folder: URL, displayRoot: String) -> (TemplateSet?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        _ = FastHTMLContentType.registration
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else {
            return (nil, [.error(displayRoot, "templates folder not found; pass `--templates DIR`")])
        }
        let files = ContentTree.files(under: folder, diagnostics: &diagnostics, displayRoot: displayRoot)
        var library = MustacheLibrary()
        var names: Set<String> = []
        var present: Set<String> = []
        var references: [(name: String, file: String, line: Int, column: Int)] = []
        for entry in files where entry.relativePath.hasSuffix(".mustache") && !entry.relativePath.hasPrefix("assets/") {
            let display = ContentTree.join(displayRoot, entry.relativePath)
            guard let text = CatalogLoader.readText(entry.url, display: display, into: &diagnostics) else { continue }
            let name = String(entry.relativePath.dropLast(".mustache".count))
            present.insert(name)
            do {
                let template = try MustacheTemplate(string: text)
                library.register(template, named: name)
                names.insert(name)
                references += partialReferences(in: text).map { ($0.name, display, $0.line, $0.column) }
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(
                    .error(display, line: error.context.lineNumber, column: error.context.columnNumber,
                           "template does not parse: \(describe(error.error))"))
            } catch {
                diagnostics.append(.error(display, line: 1, "template does not parse: \(error)"))
            }
        }
        for reference in references where !present.contains(reference.name) {
            diagnostics.append(
                .error(reference.file, line: reference.line, column: reference.column,
                       "partial `\(reference.name)` does not exist (no \(ContentTree.join(displayRoot, reference.name + ".mustache")))"))
        }
        for page in requiredPages where !present.contains(page) {
            diagnostics.append(.error(ContentTree.join(displayRoot, page + ".mustache"), "missing page template"))
        }
        let assets = files.filter { $0.relativePath.hasPrefix("assets/") }
        if diagnostics.hasErrors { return (nil, diagnostics) }
        return (TemplateSet(library: library, names: names, assets: assets), diagnostics)
    }

    /// `{{> name}}` and `{{< name}}` tags, with their positions.
    static func partialReferences(in text: String) -> [(name: String, line: Int, column: Int)] {
        var result: [(String, Int, Int)] = []
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{") {
                let afterOpen = rest[open.upperBound...].drop(while: { $0 == " " })
                guard let sigil = afterOpen.first, sigil == ">" || sigil == "<",
                    let close = afterOpen.range(of: "}}")
                else {
                    rest = rest[open.upperBound...]
                    continue
                }
                let name = afterOpen.dropFirst()[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                let column = line.distance(from: line.startIndex, to: open.lowerBound) + 1
                if !name.isEmpty { result.append((name, lineIndex + 1, column)) }
                rest = afterOpen[close.upperBound...]
            }
        }
        return result
    }

    static func describe(_ error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a section is closed with a name that does not match its opening tag"
        case .unfinishedName: return "a tag is not finished (missing `}}`?)"
        case .expectedSectionEnd: return "a section is never closed (missing `{{/name}}`)"
        case .invalidSetDelimiter: return "invalid set-delimiter tag"
        case .transformAppliedToInheritanceSection: return "a transform cannot be applied to an inheritance section"
        case .illegalTokenInsideInheritSection: return "illegal tag inside an inheritance section"
        case .textInsideInheritSection: return "text inside an inheritance section"
        case .invalidConfigVariableSyntax: return "invalid configuration tag"
        case .unrecognisedConfigVariable: return "unknown configuration tag"
        }
    }

    public func render(_ context: some Any, page: String) -> String {
        library.render(context, withTemplate: page) ?? ""
    }
}
