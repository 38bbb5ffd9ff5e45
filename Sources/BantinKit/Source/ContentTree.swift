import Foundation

/// One file found under a folder, named by its path relative to that folder.
public struct TreeEntry: Sendable, Equatable {
    /// Relative path with `/` separators, NFC-normalised.
    public var relativePath: String
    /// The file's path on disk.
    public var path: String
    public var url: URL { URL(fileURLWithPath: path) }
    /// Size, times and inode when the folder was listed (what the article cache checks).
    var fileKey: ArticleCache.FileKey? = nil
}

/// The files of a content folder, listed once per build: the build's input stamp and the
/// catalog are both made from this one listing.
public struct ContentListing: Sendable {
    public var files: [TreeEntry]
    /// Problems met while listing (unreadable folders, broken links, loops).
    public var diagnostics: [Diagnostic]

    public init(of folder: URL, displayRoot: String) {
        var diagnostics: [Diagnostic] = []
        files = ContentTree.files(under: folder, diagnostics: &diagnostics, displayRoot: displayRoot)
        self.diagnostics = diagnostics
    }
}

/// Lists the regular files under a folder, in a stable order, following
/// symlinks once (a loop is reported, never followed forever).
public enum ContentTree {
    public static func files(under root: URL, diagnostics: inout [Diagnostic], displayRoot: String) -> [TreeEntry] {
        var result: [TreeEntry] = []
        var visited: Set<String> = []
        walk(root.path, relative: "", visited: &visited, into: &result, diagnostics: &diagnostics, displayRoot: displayRoot)
        return result.sorted { $0.relativePath < $1.relativePath }
    }

    private static func walk(
        _ folder: String, relative: String, visited: inout Set<String>, into result: inout [TreeEntry],
        diagnostics: inout [Diagnostic], displayRoot: String
    ) {
        let real = realpath(folder, nil).map { resolved in
            defer { free(resolved) }
            return String(cString: resolved)
        } ?? folder
        guard visited.insert(real).inserted else {
            diagnostics.append(.warning(join(displayRoot, relative), "symbolic link loop; this folder is skipped"))
            return
        }
        defer { visited.remove(real) }
        guard let names = Directory.names(in: folder) else {
            diagnostics.append(.error(join(displayRoot, relative), "cannot read this folder"))
            return
        }
        for name in names where !name.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            guard let info = Directory.status(path) else {
                diagnostics.append(.warning(join(displayRoot, rel), "broken symbolic link; skipped"))
                continue
            }
            if Directory.isDirectory(info) {
                walk(path, relative: rel, visited: &visited, into: &result, diagnostics: &diagnostics, displayRoot: displayRoot)
            } else {
                result.append(TreeEntry(relativePath: SourceDecoder.isKnownNFC(rel) ? rel : rel.precomposedStringWithCanonicalMapping, path: path, fileKey: ArticleCache.FileKey(info)))
            }
        }
    }

    static func join(_ root: String, _ relative: String) -> String {
        if relative.isEmpty { return root }
        if root.isEmpty || root == "." { return relative }
        return root.hasSuffix("/") ? root + relative : root + "/" + relative
    }
}
