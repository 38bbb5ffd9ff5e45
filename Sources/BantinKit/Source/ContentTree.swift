import Foundation

/// One file found under a folder, named by its path relative to that folder.
public struct TreeEntry: Sendable, Equatable {
    /// Relative path with `/` separators, NFC-normalised.
    public var relativePath: String
    public var url: URL
}

/// Lists the regular files under a folder, in a stable order, following
/// symlinks once (a loop is reported, never followed forever).
public enum ContentTree {
    public static func files(under root: URL, diagnostics: inout [Diagnostic], displayRoot: String) -> [TreeEntry] {
        var result: [TreeEntry] = []
        var visited: Set<String> = []
        walk(root, relative: "", visited: &visited, into: &result, diagnostics: &diagnostics, displayRoot: displayRoot)
        return result.sorted { $0.relativePath < $1.relativePath }
    }

    private static func walk(
        _ folder: URL, relative: String, visited: inout Set<String>, into result: inout [TreeEntry],
        diagnostics: inout [Diagnostic], displayRoot: String
    ) {
        let real = folder.resolvingSymlinksInPath().path
        guard visited.insert(real).inserted else {
            diagnostics.append(.warning(join(displayRoot, relative), "symbolic link loop; this folder is skipped"))
            return
        }
        defer { visited.remove(real) }
        guard let names = Directory.names(in: folder.path) else {
            diagnostics.append(.error(join(displayRoot, relative), "cannot read this folder"))
            return
        }
        for name in names where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name, isDirectory: false)
            let rel = relative.isEmpty ? name : relative + "/" + name
            guard let info = Directory.status(url.path) else {
                diagnostics.append(.warning(join(displayRoot, rel), "broken symbolic link; skipped"))
                continue
            }
            if Directory.isDirectory(info) {
                walk(url, relative: rel, visited: &visited, into: &result, diagnostics: &diagnostics, displayRoot: displayRoot)
            } else {
                result.append(TreeEntry(relativePath: rel.precomposedStringWithCanonicalMapping, url: url))
            }
        }
    }

    static func join(_ root: String, _ relative: String) -> String {
        if relative.isEmpty { return root }
        if root.isEmpty || root == "." { return relative }
        return root.hasSuffix("/") ? root + relative : root + "/" + relative
    }
}
