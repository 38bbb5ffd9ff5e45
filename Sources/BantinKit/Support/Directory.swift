import Foundation

/// Folder listings and file status through POSIX calls: for folders of tens of thousands of
/// files, FileManager's URL objects cost more than the system calls themselves.
enum Directory {
    /// The names in an open folder (without `.` and `..`), in the order it lists them; `fd` stays
    /// open and is not moved.
    static func names(ofOpen fd: Int32) -> [String]? { entries(ofOpen: fd)?.map(\.name) }

    /// The same, each with whether its bytes are UTF-8 (a name that is not is shown with U+FFFD
    /// for its bad bytes, and is no path to the entry). `nil`, with `errno` saying why, when the
    /// folder cannot be opened or its listing fails part way (an I/O error): a listing cut short
    /// is not the folder's contents.
    static func entries(ofOpen fd: Int32) -> [(name: String, isUTF8: Bool)]? {
        let copy = dup(fd)
        guard copy >= 0 else { return nil }
        guard let dir = fdopendir(copy) else {
            close(copy)
            return nil
        }
        var entries: [(name: String, isUTF8: Bool)] = []
        var failure: Int32 = 0
        while true {
            // `readdir` ends a listing and fails alike, with no entry: only `errno` tells them apart.
            errno = 0
            guard let entry = readdir(dir) else {
                failure = errno
                break
            }
            let name = nameOf(entry)
            guard !isSelfOrParent(name) else { continue }
            if let valid = String(validatingCString: name) {
                entries.append((valid, true))
            } else {
                entries.append((String(cString: name), false))
            }
        }
        closedir(dir)
        guard failure == 0 else {
            errno = failure
            return nil
        }
        return entries
    }

    /// The name of a directory entry, read where it is: a `dirent` is as long as its name needs,
    /// so copying the whole struct could read past the end of the buffer `readdir` filled.
    static func nameOf(_ entry: UnsafeMutablePointer<dirent>) -> UnsafePointer<CChar> {
        (UnsafeRawPointer(entry) + MemoryLayout<dirent>.offset(of: \dirent.d_name)!).assumingMemoryBound(to: CChar.self)
    }

    /// `.` or `..`: the entries every folder lists, which are not in it.
    static func isSelfOrParent(_ name: UnsafePointer<CChar>) -> Bool {
        name[0] == 0x2E && (name[1] == 0 || (name[1] == 0x2E && name[2] == 0))
    }

    /// `lstat` of `path`: the link itself, not what it points to.
    static func linkStatus(_ path: String) -> stat? {
        var info = stat()
        return lstat(path, &info) == 0 ? info : nil
    }

    static func isDirectory(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFDIR }

    /// Removes the folder (or file) at `path` and all it holds, as bantin removes its own copies
    /// of a site: a read-only folder in it (a reader's `chmod 555` kept from the output) is made
    /// writable first, when a first try leaves it. Links are removed, not followed.
    static func removeWholly(_ path: String) {
        let fm = FileManager.default
        guard (try? fm.removeItem(atPath: path)) == nil, linkStatus(path) != nil else { return }
        var folders = [path]
        while let folder = folders.popLast() {
            guard let info = linkStatus(folder), isDirectory(info) else { continue }
            chmod(folder, (info.st_mode & 0o7777) | S_IRWXU)
            folders += ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).map { folder + "/" + $0 }
        }
        try? fm.removeItem(atPath: path)
    }

    static func isRegularFile(_ info: stat) -> Bool { info.st_mode & S_IFMT == S_IFREG }

    /// Whether `path` is a folder itself (not a link to one).
    static func isFolder(atPath path: String) -> Bool { linkStatus(path).map(isDirectory) ?? false }

    /// Whether `path` is a folder, or a link that leads to one.
    static func leadsToFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && isDirectory(info)
    }

    /// `count` bytes of the file at `path` from `offset`; `nil` unless all of them could be read.
    static func contents(of path: String, at offset: Int, count: Int) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let read = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + filled, count - filled, off_t(offset + filled)) }
            if read < 0 && errno == EINTR { continue }
            guard read > 0 else { return nil }
            filled += read
        }
        return bytes
    }

    /// The whole file at `path`, read with one `read(2)` for its size; `nil` when it cannot be read.
    static func contents(of path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        // One byte more than the size, so the read that finds the end needs no larger buffer.
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0) + 1)
        var filled = 0
        while true {
            if filled == bytes.count { bytes.append(contentsOf: [UInt8](repeating: 0, count: 4096)) }  // grew since fstat
            let count = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeLast(bytes.count - filled)
        return bytes
    }
}
