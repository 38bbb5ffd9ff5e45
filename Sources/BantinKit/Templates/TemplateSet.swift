import Foundation

/// Every `*.mustache` file of the templates folder, parsed, plus the theme assets.
public struct TemplateSet: Sendable {
    public let library: TemplateLibrary
    /// Files under `templates/assets/`, copied to `assets/` in the output.
    public let assets: [TreeEntry]

    /// The page templates a build needs.
    public static let requiredPages = ["article", "list", "terms", "404", "search"]

    /// Loads templates one by one so that every parse error is reported, with file, line and column.
    public static func load(folder: URL, displayRoot: String) -> (TemplateSet?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else {
            return (nil, [.error(displayRoot, "templates folder not found; pass `--templates DIR`")])
        }
        let files = ContentTree.files(under: folder, diagnostics: &diagnostics, displayRoot: displayRoot)
        var templates: [String: Template] = [:]
        var present: Set<String> = []
        var references: [(name: String, file: String, line: Int, column: Int)] = []
        for entry in files where entry.relativePath.hasSuffix(".mustache") && !entry.relativePath.hasPrefix("assets/") {
            let display = ContentTree.join(displayRoot, entry.relativePath)
            guard let text = CatalogLoader.readText(entry.path, display: display, into: &diagnostics) else { continue }
            let name = String(entry.relativePath.dropLast(".mustache".count))
            present.insert(name)
            do {
                let template = try Template(parsing: text)
                templates[name] = template
                references += template.references.map { ($0.name, display, $0.line, $0.column) }
            } catch {
                diagnostics.append(.error(display, line: error.line, column: error.column, "template does not parse: \(error.message)"))
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
        return (TemplateSet(library: TemplateLibrary(templates), assets: assets), diagnostics)
    }

    /// The page rendered by the template `page`, as UTF-8.
    func render(_ context: some TemplateObject, page: String) -> [UInt8] {
        library.render(page, root: .object(context))
    }
}
