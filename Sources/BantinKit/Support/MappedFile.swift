import Foundation

/// A file mapped into memory for reading, kept while anything read from it may still be needed
/// (an article body from the article cache). A new file renamed over it, or bytes appended to
/// it, do not change what it holds.
final class MappedFile: @unchecked Sendable {
    private let fd: Int32
    private let base: UnsafeMutableRawPointer
    let size: Int
    let inode: UInt64

    convenience init?(path: String) {
        self.init(descriptor: open(path, O_RDONLY | O_CLOEXEC))
    }

    /// The file open as `fd` (read from, or a copy of it kept), whole as it is now.
    convenience init?(duplicating fd: Int32) {
        self.init(descriptor: dup(fd))
    }

    /// Maps the file open as `fd`, which it closes.
    private init?(descriptor fd: Int32) {
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0, let base = mmap(nil, Int(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0),
            base != MAP_FAILED
        else {
            close(fd)
            return nil
        }
        self.fd = fd
        self.base = base
        size = Int(info.st_size)
        inode = UInt64(info.st_ino)
    }

    deinit {
        munmap(base, size)
        close(fd)
    }

    /// The mapped bytes, valid only while this object lives: Swift may free an object right
    /// after its last use, before the bytes are read. From a local variable, read them in
    /// `withBytes`, or keep the object alive (`withExtendedLifetime`) while they are used.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: size) }

    /// `body` on the mapped bytes, this object alive until it returns.
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try withExtendedLifetime(self) { try body(bytes) }
    }

    func read(at offset: Int, count: Int) -> [UInt8]? {
        guard offset >= 0, count >= 0, offset <= size - count else { return nil }
        return Array(UnsafeBufferPointer(rebasing: bytes[offset..<(offset + count)]))
    }

    /// Is the file at `path` still this one, as long as when it was mapped?
    func isStill(at path: String) -> Bool {
        guard let info = Directory.linkStatus(path) else { return false }
        return UInt64(info.st_ino) == inode && Int(info.st_size) == size
    }
}
