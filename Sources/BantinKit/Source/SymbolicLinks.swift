import Foundation

/// The rule for symbolic links under `content/` and `templates/`: a link is followed only when
/// what it points to is inside that folder, so nothing outside it is ever read or published.
enum SymbolicLinks {
    /// What a link under a listed folder leads to.
    enum Resolution {
        /// A file or folder inside the listed folder: its status.
        case inside(stat)
        /// Anything else, as the problem to report.
        case refused(String)
    }

    /// Resolves the link at `path` (named `shown` in messages), which must lead inside the folder
    /// whose real path is `root` (named `rootShown`).
    static func resolve(_ path: String, root: String, rootShown: String) -> Resolution {
        let target = destination(of: path)
        guard let real = realPath(path) else {
            let why = errno == ELOOP ? "which leads to itself" : "which does not exist (\(FileFault.words(for: errno)))"
            return .refused("symbolic link to \(target), \(why); remove the link or put the file there")
        }
        guard real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/") else {
            return .refused(
                "symbolic link to \(target), which is outside \(rootShown)/; bantin follows a link only to a file inside \(rootShown)/ (put a copy of the file there instead)")
        }
        var info = stat()
        guard stat(real, &info) == 0 else { return .refused("symbolic link to \(target), which cannot be read (\(FileFault.words(for: errno)))") }
        return .inside(info)
    }

    /// The absolute path of `path` with every link and `..` resolved; `nil` (and `errno` set) when it does not resolve.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// What the link says, as written in it.
    private static func destination(of path: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, Int(PATH_MAX))
        guard count >= 0 else { return "?" }
        return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The kind of a file that is neither a regular file nor a folder, in words.
    static func kind(_ info: stat) -> String {
        switch info.st_mode & S_IFMT {
        case S_IFIFO: return "a named pipe"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        default: return "not a regular file"
        }
    }
}
