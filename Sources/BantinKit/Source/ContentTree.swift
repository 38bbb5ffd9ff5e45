import Foundation

/// One file found under a folder, named by its path relative to that folder.
public struct TreeEntry: Sendable, Equatable {
    /// Relative path with `/` separators, NFC-normalised.
    public var relativePath: String
    /// The file's path on disk.
    public var path: String
    public var url: URL { URL(fileURLWithPath: path) }
    /// Size, times and inode when the folder was listed (what the article cache checks).
    var fileKey: FileKey? = nil
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
        var info = stat()
        guard stat(root.path, &info) == 0, Directory.isDirectory(info) else {
            diagnostics.append(.error(displayRoot, "cannot read this folder"))
            return []
        }
        // Level by level, every folder of a level read on some core; the results keep the order
        // of the folders, so the diagnostics never depend on scheduling.
        var level = [Folder(path: root.path, relative: "", ancestors: [FolderID(info)])]
        var result: [TreeEntry] = []
        while !level.isEmpty {
            let scanned = level.parallelMap { scan($0, displayRoot: displayRoot) }
            level = []
            for folder in scanned {
                result += folder.files
                diagnostics += folder.diagnostics
                level += folder.subfolders
            }
        }
        // Each folder's files are in order already: sorting merges those runs.
        return result.sorted { precedesInUTF8($0.relativePath, $1.relativePath) }
    }

    /// Byte order of the UTF-8: for text in NFC, as relative paths are, the order of `<` (by
    /// Unicode scalars), found with one `memcmp`.
    static func precedesInUTF8(_ a: String, _ b: String) -> Bool {
        let ordered = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y in
                let common = min(x.count, y.count)
                let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
        return (ordered ?? nil) ?? (a < b)
    }

    /// A folder as the file system knows it, however it is reached (symbolic links included).
    private struct FolderID: Hashable, Sendable {
        let device: UInt64
        let inode: UInt64
        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    /// A folder to read, and the folders it is in (to stop at a symbolic link loop).
    private struct Folder: Sendable {
        var path: String
        var relative: String
        var ancestors: [FolderID]
    }

    private static func scan(_ folder: Folder, displayRoot: String) -> (files: [TreeEntry], subfolders: [Folder], diagnostics: [Diagnostic]) {
        var files: [TreeEntry] = []
        var subfolders: [Folder] = []
        var diagnostics: [Diagnostic] = []
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0, let names = Directory.names(ofOpen: fd) else {
            if fd >= 0 { close(fd) }
            return ([], [], [.error(join(displayRoot, folder.relative), "cannot read this folder")])
        }
        defer { close(fd) }
        for name in names where !name.hasPrefix(".") {
            let path = folder.path.hasSuffix("/") ? folder.path + name : String(joining: folder.path, "/", name)
            let rel = folder.relative.isEmpty ? name : String(joining: folder.relative, "/", name)
            var info = stat()
            guard fstatat(fd, name, &info, 0) == 0 else {  // follows symbolic links
                diagnostics.append(.warning(join(displayRoot, rel), "broken symbolic link; skipped"))
                continue
            }
            if Directory.isDirectory(info) {
                let id = FolderID(info)
                guard !folder.ancestors.contains(id) else {
                    diagnostics.append(.warning(join(displayRoot, rel), "symbolic link loop; this folder is skipped"))
                    continue
                }
                subfolders.append(Folder(path: path, relative: rel, ancestors: folder.ancestors + [id]))
            } else {
                let relative = SourceDecoder.isKnownNFC(rel) ? rel : rel.precomposedStringWithCanonicalMapping
                files.append(TreeEntry(relativePath: relative, path: path, fileKey: FileKey(info)))
            }
        }
        // Folders list their names in no particular order: what is found here is put in order
        // now, so nothing depends on the file system.
        files.sort { precedesInUTF8($0.relativePath, $1.relativePath) }
        subfolders.sort { $0.relative < $1.relative }
        diagnostics.sort { $0.file < $1.file }
        return (files, subfolders, diagnostics)
    }

    static func join(_ root: String, _ relative: String) -> String {
        if relative.isEmpty { return root }
        if root.isEmpty || root == "." { return relative }
        return root.hasSuffix("/") ? root + relative : root + "/" + relative
    }
}
