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
        var visited: Set<FolderID> = []
        let fd = open(root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        var info = stat()
        guard fd >= 0, fstat(fd, &info) == 0 else {
            if fd >= 0 { close(fd) }
            diagnostics.append(.error(displayRoot, "cannot read this folder"))
            return []
        }
        visited.insert(FolderID(info))
        walk(fd, folder: root.path, relative: "", visited: &visited, into: &result, diagnostics: &diagnostics, displayRoot: displayRoot)
        // Walked in name order, the list is usually sorted already (not when a name sorts before `/`).
        let sorted = zip(result, result.dropFirst()).allSatisfy { $0.relativePath < $1.relativePath }
        return sorted ? result : result.sorted { $0.relativePath < $1.relativePath }
    }

    /// A folder as the file system knows it, however it is reached (symbolic links included).
    private struct FolderID: Hashable {
        let device: UInt64
        let inode: UInt64
        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    /// Takes ownership of `fd`, an open folder. `visited`: the folders being walked, to stop at a loop.
    private static func walk(
        _ fd: Int32, folder: String, relative: String, visited: inout Set<FolderID>, into result: inout [TreeEntry],
        diagnostics: inout [Diagnostic], displayRoot: String
    ) {
        guard let names = Directory.names(ofOpen: fd) else {
            diagnostics.append(.error(join(displayRoot, relative), "cannot read this folder"))
            return
        }
        defer { close(fd) }
        for name in names where !name.hasPrefix(".") {
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard fstatat(fd, name, &info, 0) == 0 else {  // follows symbolic links
                diagnostics.append(.warning(join(displayRoot, rel), "broken symbolic link; skipped"))
                continue
            }
            if Directory.isDirectory(info) {
                let id = FolderID(info)
                guard visited.insert(id).inserted else {
                    diagnostics.append(.warning(join(displayRoot, rel), "symbolic link loop; this folder is skipped"))
                    continue
                }
                let sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                if sub >= 0 {
                    walk(sub, folder: path, relative: rel, visited: &visited, into: &result, diagnostics: &diagnostics, displayRoot: displayRoot)
                } else {
                    diagnostics.append(.error(join(displayRoot, rel), "cannot read this folder"))
                }
                visited.remove(id)
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
