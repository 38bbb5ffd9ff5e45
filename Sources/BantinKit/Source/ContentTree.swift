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
    /// The folders that could not be listed or entered (relative paths, `""` for the folder
    /// itself), each told in `diagnostics`: what they hold is unknown, not missing.
    var unlistedFolders: [String]

    public init(of folder: URL, displayRoot: String) {
        self = ContentTree.listing(under: folder, displayRoot: displayRoot)
    }

    init(files: [TreeEntry], diagnostics: [Diagnostic], unlistedFolders: [String]) {
        self.files = files
        self.diagnostics = diagnostics
        self.unlistedFolders = unlistedFolders
    }

    /// Whether a path under the folder could be there unseen: it is in a folder not listed.
    func mayHold(_ relativePath: String) -> Bool {
        unlistedFolders.contains { $0.isEmpty || relativePath.hasPrefix($0 + "/") }
    }
}

/// Lists the regular files under a folder, in a stable order. A symbolic link is followed only
/// when it leads inside the folder (see `SymbolicLinks`), and then once: a loop is reported,
/// never followed forever. An entry of any other kind (a pipe, a socket) is an error.
public enum ContentTree {
    public static func files(under root: URL, diagnostics: inout [Diagnostic], displayRoot: String) -> [TreeEntry] {
        let listing = listing(under: root, displayRoot: displayRoot)
        diagnostics += listing.diagnostics
        return listing.files
    }

    static func listing(under root: URL, displayRoot: String) -> ContentListing {
        var info = stat()
        guard stat(root.path, &info) == 0 else {
            return ContentListing(files: [], diagnostics: [.error(displayRoot, "cannot read this folder: \(FileFault.told(errno))")], unlistedFolders: [""])
        }
        guard Directory.isDirectory(info), let real = SymbolicLinks.realPath(root.path) else {
            return ContentListing(files: [], diagnostics: [.error(displayRoot, "cannot read this folder: it is not a folder")], unlistedFolders: [""])
        }
        let place = Place(root: real, shown: displayRoot)
        // Level by level, every folder of a level read on some core; the results keep the order
        // of the folders, so the diagnostics never depend on scheduling.
        var level = [Folder(path: root.path, relative: "", ancestors: [FolderID(info)])]
        var result: [TreeEntry] = []
        var diagnostics: [Diagnostic] = []
        var unlisted: [String] = []
        while !level.isEmpty {
            let scanned = level.parallelMap { scan($0, in: place) }
            level = []
            for folder in scanned {
                result += folder.files
                diagnostics += folder.diagnostics
                level += folder.subfolders
                if let folder = folder.unlisted { unlisted.append(folder) }
            }
        }
        // Each folder's files are in order already: sorting merges those runs.
        let files = oneFilePerName(result.sorted { precedesInUTF8($0.relativePath, $1.relativePath) }, root: root.path, displayRoot: displayRoot, diagnostics: &diagnostics)
        return ContentListing(files: files, diagnostics: diagnostics, unlistedFolders: unlisted)
    }

    /// Whether `text`'s scalars are those of its NFC form (`==` on strings would say so of NFD too).
    private static func isNFC(_ text: String) -> Bool {
        text.unicodeScalars.elementsEqual(text.precomposedStringWithCanonicalMapping.unicodeScalars)
    }

    /// Files whose names differ only in how their letters are composed (`bài.md` written with
    /// precomposed letters, NFC, beside one with decomposed letters, NFD, as some Mac tools and
    /// archives write names) are one name to bantin: an error naming them, and the one written
    /// precomposed (else the first) kept, so that nothing depends on which was made first.
    private static func oneFilePerName(_ sorted: [TreeEntry], root: String, displayRoot: String, diagnostics: inout [Diagnostic]) -> [TreeEntry] {
        var kept: [TreeEntry] = []
        kept.reserveCapacity(sorted.count)
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count, sorted[end].relativePath == sorted[start].relativePath { end += 1 }
            let same = sorted[start..<end]
            if same.count == 1 {
                kept.append(same[start])
            } else {
                let written = same.map { entry -> String in
                    let name = String(entry.path.dropFirst(root.hasSuffix("/") ? root.count : root.count + 1))
                    return "`\(name)` (" + (isNFC(name) ? "precomposed letters" : "decomposed letters") + ")"
                }
                diagnostics.append(.error(join(displayRoot, same[start].relativePath),
                    "\(same.count) files have this name, written with their letters composed differently: \(written.joined(separator: ", ")); bantin reads them as one name: keep one (some Mac tools and archives write names decomposed)"))
                kept.append(same.first { isNFC($0.path) } ?? same[start])
            }
            start = end
        }
        return kept
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

    /// The folder listed: its real path (links must lead inside it) and its name in messages.
    private struct Place: Sendable {
        var root: String
        var shown: String
    }

    /// A folder to read, and the folders it is in (to stop at a symbolic link loop).
    private struct Folder: Sendable {
        var path: String
        var relative: String
        var ancestors: [FolderID]
    }

    /// What one folder holds; `unlisted` is the folder's own path when it could not be listed
    /// or entered.
    private static func scan(_ folder: Folder, in place: Place) -> (files: [TreeEntry], subfolders: [Folder], diagnostics: [Diagnostic], unlisted: String?) {
        let displayRoot = place.shown
        var files: [TreeEntry] = []
        var subfolders: [Folder] = []
        var diagnostics: [Diagnostic] = []
        let fd = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0, let entries = Directory.entries(ofOpen: fd) else {
            let code = errno
            if fd >= 0 { close(fd) }
            return ([], [], [.error(join(displayRoot, folder.relative), "cannot read this folder: \(FileFault.told(code))")], folder.relative)
        }
        defer { close(fd) }
        for (name, isUTF8) in entries where isRead(name: name) {
            let path = folder.path.hasSuffix("/") ? folder.path + name : String(joining: folder.path, "/", name)
            let rel = folder.relative.isEmpty ? name : String(joining: folder.relative, "/", name)
            guard isUTF8 else {
                diagnostics.append(.error(join(displayRoot, rel), "this name is not UTF-8 (\u{FFFD} stands for its other bytes), so it cannot be published: rename the file or folder (a name unpacked from an old archive may be in a legacy code page)"))
                continue
            }
            var info = stat()
            guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                // Gone since the folder was read: not there, then.
                if errno == ENOENT { continue }
                // A folder whose names can be listed but whose files cannot be reached (no `x`):
                // told once, for the folder, rather than its files left out without a word.
                if errno == EACCES {
                    return ([], [], [.error(join(displayRoot, folder.relative), "cannot read the files of this folder: \(FileFault.words(for: EACCES)) (its names can be listed, but it cannot be entered: it needs the permission to search it, `chmod +x`)")], folder.relative)
                }
                diagnostics.append(.error(join(displayRoot, rel), "cannot read this: \(FileFault.words(for: errno))"))
                continue
            }
            if info.st_mode & S_IFMT == S_IFLNK {
                switch SymbolicLinks.resolve(path, root: place.root, rootShown: displayRoot) {
                case .inside(let target):
                    // Read through the link (which leads inside): each listed path stays its own file.
                    info = target
                case .refused(let problem):
                    diagnostics.append(.error(join(displayRoot, rel), problem))
                    continue
                }
            }
            if Directory.isDirectory(info) {
                let id = FolderID(info)
                guard !folder.ancestors.contains(id) else {
                    diagnostics.append(.warning(join(displayRoot, rel), "symbolic link loop; this folder is skipped"))
                    continue
                }
                subfolders.append(Folder(path: path, relative: rel, ancestors: folder.ancestors + [id]))
            } else if info.st_mode & S_IFMT == S_IFREG {
                let relative = SourceDecoder.isKnownNFC(rel) ? rel : rel.precomposedStringWithCanonicalMapping
                files.append(TreeEntry(relativePath: relative, path: path, fileKey: FileKey(info)))
            } else {
                diagnostics.append(.error(join(displayRoot, rel), "cannot read this file: it is \(SymbolicLinks.kind(info)), not a regular file; remove it"))
            }
        }
        // Folders list their names in no particular order: what is found here is put in order
        // now, so nothing depends on the file system.
        files.sort { precedesInUTF8($0.relativePath, $1.relativePath) }
        subfolders.sort { $0.relative < $1.relative }
        diagnostics.sort { $0.file < $1.file }
        return (files, subfolders, diagnostics, nil)
    }

    /// Whether a build reads what is named `name` (a file or folder of `content/` or
    /// `templates/`): never a hidden one (`.git/`, `.DS_Store`, an editor's `.a.md.swp`).
    static func isRead(name: String) -> Bool { !name.hasPrefix(".") }

    /// Why nothing is published for a path with a hidden part (`media/.an.pdf`, `.nhap/a.md`),
    /// there or not: what a link or a field naming it is told. `nil` for a path without one.
    static func hiddenProblem(_ path: String, written: String) -> String? {
        guard let hidden = path.split(separator: "/").first(where: { $0 != "." && $0 != ".." && !isRead(name: String($0)) }) else { return nil }
        return "`\(written)` has a hidden name (`\(hidden)` begins with a dot), and hidden files are never published: name it without the dot if it is meant for readers"
    }

    static func join(_ root: String, _ relative: String) -> String {
        if relative.isEmpty { return root }
        if root.isEmpty || root == "." { return relative }
        return root.hasSuffix("/") ? root + relative : root + "/" + relative
    }
}
