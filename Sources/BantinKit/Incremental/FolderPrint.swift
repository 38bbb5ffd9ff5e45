import Foundation

/// A fingerprint of a folder and everything under it: the sum of one hash per entry (relative
/// path, size, modification time, mode; symbolic links not followed; the folder itself as `.`).
/// A sum does not depend on the order entries are met, so the folder is walked on every core;
/// a folder whose files are known is checked by `stat` alone (`listed`), any file added being
/// seen in its folder's modification time; and after a build changed a few paths the
/// fingerprint is brought up to date from those paths alone (`replacing`).
struct FolderPrint: Equatable, Sendable {
    var value: UInt64

    init(value: UInt64) { self.value = value }

    /// `nil` for text that no `description` gave.
    init?(_ text: some StringProtocol) {
        guard let value = UInt64(text, radix: 16) else { return nil }
        self.value = value
    }

    var description: String { String(value, radix: 16) }

    /// The fingerprint of the folder at `root`; `nil` when it cannot be opened. `changeTimes`:
    /// each entry's change time and inode count too, so that an edit that keeps a file's size
    /// and modification time is still seen (for inputs; an output's folders change them when
    /// swapped into place).
    /// `readSince` (with `changeTimes`): a time taken before the folder's files are read; an
    /// entry that could change again unseen since (`FileKey.mayChangeUnseen`) adds it.
    /// `read`: the names of entries that count (as a build reads the folder: hidden ones left out).
    static func of(folder root: String, changeTimes: Bool = false, readSince: Int64? = nil, read: @escaping @Sendable (String) -> Bool = { _ in true }) -> FolderPrint? {
        let rootFD = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootFD >= 0 else { return nil }
        defer { close(rootFD) }
        let base = RootDescriptor(fd: rootFD)
        var info = stat()
        guard fstat(rootFD, &info) == 0 else { return nil }
        var total: UInt64 = Self.itself.withUnsafeBytes { entry(in: folderHash(""), name: $0, info, changeTimes: changeTimes, readSince: readSince) }
        // Level by level: every folder of a level is read on some core, and gives the next level.
        var level: [String] = [""]
        while !level.isEmpty {
            let scanned = level.parallelMap { scan($0, in: base, changeTimes: changeTimes, readSince: readSince, read: read) }
            level = []
            for (sum, folders) in scanned {
                total &+= sum
                level += folders
            }
        }
        return FolderPrint(value: total)
    }

    /// `.` as bytes: the folder's own entry.
    private static let itself: [UInt8] = [UInt8(ascii: ".")]

    /// The fingerprint the folder at `root` has when it holds exactly `files` (relative paths),
    /// the folders holding them and `extra` paths: found with one `stat` per path, on every core.
    static func listed(_ files: [String], extra: [String] = [], under root: String) -> FolderPrint? {
        listedSums(files, extra: extra, under: root).map { FolderPrint(value: $0.files &+ $0.folders) }
    }

    /// What `listed` sums, in two parts: the entries of `files`, and those of the folders holding
    /// them, of `extra` and of the root. With `files` known (the sum another folder's hard links
    /// to the same files gave), only the second part is looked up.
    static func listedSums(_ files: [String], extra: [String] = [], under root: String, files known: UInt64? = nil) -> (files: UInt64, folders: UInt64)? {
        let rootFD = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootFD >= 0 else { return nil }
        defer { close(rootFD) }
        // Files and folders are different paths; `files` lists each file once.
        let paths = files + extra + ["."]
        let base = RootDescriptor(fd: rootFD)
        func sum(_ entries: [PathPrefix]) -> UInt64 {
            let chunk = 2048
            return Array(stride(from: 0, to: entries.count, by: chunk)).parallelMap { start in
                Self.sum(of: entries[start..<min(start + chunk, entries.count)], in: paths, at: base)
            }.reduce(0, &+)
        }
        let fileSum = known ?? sum(files.indices.map { PathPrefix(index: $0, length: nil) })
        let others = (files.count..<paths.count).map { PathPrefix(index: $0, length: nil) } + PathPrefix.folders(holding: files)
        return (fileSum, sum(others))
    }

    /// The sum of the entries at `paths` (relative to `root`) that exist: what those paths add to
    /// the folder's fingerprint.
    static func sum(of paths: [String], under root: String) -> UInt64 {
        let rootFD = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootFD >= 0 else { return 0 }
        defer { close(rootFD) }
        return sum(of: paths.indices.map { PathPrefix(index: $0, length: nil) }[...], in: paths, at: RootDescriptor(fd: rootFD))
    }

    private static func sum(of entries: ArraySlice<PathPrefix>, in paths: [String], at root: RootDescriptor) -> UInt64 {
        var total: UInt64 = 0
        // The path to `stat`, ended by a zero byte: a prefix of a path, copied, nothing allocated per path.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Int(PATH_MAX) + 1) { name in
            for item in entries {
                var path = paths[item.index]
                total &+= path.withUTF8 { utf8 -> UInt64 in
                    let length = item.length ?? utf8.count
                    guard length <= Int(PATH_MAX) else { return 0 }
                    let bytes = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(utf8)[..<length])
                    _ = name.initialize(from: bytes)
                    name[length] = 0
                    var info = stat()
                    guard fstatat(root.fd, name.baseAddress!, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return 0 }
                    // The parent folder's hash and the name, from the path's bytes.
                    let slash = bytes.lastIndex(of: UInt8(ascii: "/"))
                    var folder = StableHasher()
                    folder.add(bytes: UnsafeRawBufferPointer(rebasing: bytes[..<(slash ?? 0)]))
                    return entry(in: folder, name: UnsafeRawBufferPointer(rebasing: bytes[(slash.map { $0 + 1 } ?? 0)...]), info)
                }
            }
        }
        return total
    }

    /// This fingerprint after the entries at some paths went from summing to `before` to `after`.
    func replacing(_ before: UInt64, with after: UInt64) -> FolderPrint {
        FolderPrint(value: value &- before &+ after)
    }

    // MARK: One entry

    /// The hash a folder's entries start from: its relative path.
    private static func folderHash(_ relative: String) -> StableHasher {
        var hasher = StableHasher()
        hasher.add(relative)
        return hasher
    }

    private static func entry(in folder: StableHasher, name: UnsafeRawBufferPointer, _ info: stat, changeTimes: Bool = false, readSince: Int64? = nil) -> UInt64 {
        var hasher = folder
        hasher.add(bytes: name)
        // An input's folder is known by its entries, each hashed: not by its own size and times,
        // which a hidden file (an editor's swap file) made and removed in it changes.
        let folderOfInputs = changeTimes && Directory.isDirectory(info)
        if !folderOfInputs {
            hasher.add(Int64(info.st_size))
            hasher.add(Int64(info.st_mtim.tv_sec))
            hasher.add(Int64(info.st_mtim.tv_nsec))
        }
        hasher.add(Int64(info.st_mode))
        if changeTimes, !folderOfInputs {
            hasher.add(Int64(info.st_ctim.tv_sec))
            hasher.add(Int64(info.st_ctim.tv_nsec))
            hasher.add(Int64(bitPattern: UInt64(info.st_ino)))
            // An input that could change again unseen: no later fingerprint of the folder is this one.
            if let readSince, FileKey(info).mayChangeUnseen(readSince: readSince) { hasher.add(readSince) }
        }
        // One more round, so that sums of entries differing in one field do not cancel out.
        hasher.add(Int64(bitPattern: hasher.value &* 0x9E37_79B9_7F4A_7C15))
        return hasher.value
    }

    private struct RootDescriptor: @unchecked Sendable { let fd: Int32 }

    /// The sum of the entries of one folder, and its subfolders' relative paths.
    private static func scan(_ relative: String, in root: RootDescriptor, changeTimes: Bool, readSince: Int64?, read: (String) -> Bool) -> (UInt64, [String]) {
        let fd = relative.isEmpty ? dup(root.fd) : openat(root.fd, relative, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0, let dir = fdopendir(fd) else {
            if fd >= 0 { close(fd) }
            return (0, [])
        }
        defer { closedir(dir) }
        let folder = folderHash(relative)
        var sum: UInt64 = 0
        var folders: [String] = []
        while let item = readdir(dir) {
            let name = Directory.nameOf(item)
            if Directory.isSelfOrParent(name) || !read(String(cString: name)) { continue }
            let bytes = UnsafeRawBufferPointer(start: name, count: strlen(name))
            var info = stat()
            guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            sum &+= entry(in: folder, name: bytes, info, changeTimes: changeTimes, readSince: readSince)
            if Directory.isDirectory(info) {
                let text = String(cString: name)
                folders.append(relative.isEmpty ? text : relative + "/" + text)
            }
        }
        return (sum, folders)
    }
}

/// A path given as the first `length` bytes of another (all of it when `nil`): a folder is named
/// by any path under it, so thousands of folders are listed without a string each.
struct PathPrefix: Sendable {
    var index: Int
    var length: Int?

    /// Every folder holding one of `paths`, however deep, each once, as a prefix of the first path under it.
    static func folders(holding paths: [String]) -> [PathPrefix] {
        // Folders met, by a hash of their path; a hash met with another path (all but impossible)
        // is told apart by comparing the bytes.
        var seen: [UInt64: PathPrefix] = [:]
        seen.reserveCapacity(paths.count)
        var folders: [PathPrefix] = []
        for index in paths.indices {
            var path = paths[index]
            path.withUTF8 { bytes in
                var end = bytes.count
                // Up from the path's own folder, until a folder met before: its own were met with it.
                while let slash = lastSlash(in: bytes, before: end) {
                    let folder = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[..<slash])
                    var hasher = StableHasher()
                    hasher.add(bytes: folder)
                    let prefix = PathPrefix(index: index, length: slash)
                    if let earlier = seen[hasher.value] {
                        if earlier.bytesEqual(folder, in: paths) { break }
                    } else {
                        seen[hasher.value] = prefix
                    }
                    folders.append(prefix)
                    end = slash
                }
            }
        }
        return folders
    }

    private func bytesEqual(_ other: UnsafeRawBufferPointer, in paths: [String]) -> Bool {
        var path = paths[index]
        return path.withUTF8 { bytes in
            let length = self.length ?? bytes.count
            return length == other.count && (length == 0 || memcmp(bytes.baseAddress!, other.baseAddress!, length) == 0)
        }
    }

    private static func lastSlash(in bytes: UnsafeBufferPointer<UInt8>, before end: Int) -> Int? {
        var i = end - 1
        while i > 0 {
            if bytes[i] == UInt8(ascii: "/") { return i }
            i -= 1
        }
        return nil
    }
}
