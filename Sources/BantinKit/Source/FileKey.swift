import Foundation

/// What identifies one version of a file on disk: its size, modification and change times and
/// inode. A file whose key is unchanged since it was read is taken to hold the same bytes.
public struct FileKey: Hashable, Codable, Sendable {
    var size: Int64
    var modified: Int64
    var changed: Int64
    var inode: UInt64

    init(size: Int64, modified: Int64, changed: Int64, inode: UInt64) {
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
    }

    /// Whether a file read after `readSince` (nanoseconds since 1970: a time taken before it was
    /// read) could change again with this key unchanged: its change time, which the system sets
    /// and no one can set by hand, is kept to the second (a file system such as ext2 or HFS+) and
    /// falls in the seconds before `readSince`, so that a second change of the same size, in
    /// place, within that second would keep every number of the key. What a build read of such a
    /// file is not kept for the next build, which reads it again. A change time ahead of `now`
    /// (written while a clock was ahead) cannot come again before the clock gets there: trusted.
    func mayChangeUnseen(readSince: Int64, now: Int64 = FileKey.now) -> Bool {
        changed % 1_000_000_000 == 0 && changed > readSince - Self.coarsest && changed <= now + 1_000_000_000
    }

    /// The coarsest time a file system keeps (FAT's two seconds), and a second more.
    static let coarsest: Int64 = 3_000_000_000

    /// The time now, as `mayChangeUnseen` takes it.
    static var now: Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    init(_ info: stat) {
        self.init(
            size: Int64(info.st_size),
            modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
            changed: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec),
            inode: UInt64(info.st_ino))
    }
}
