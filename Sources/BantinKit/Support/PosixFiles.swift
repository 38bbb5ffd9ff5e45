import Foundation

/// The few file operations a build needs beyond reading and writing, through POSIX calls so
/// that each failure keeps its `errno` (Foundation's would turn it into an `Error Domain=` text).
enum PosixFiles {
    /// Which side of a copy failed.
    enum CopyFailure: Error {
        case source(Int32)
        case target(Int32)
    }

    /// Copies the bytes of the regular file at `source` into a new file at `target`: never a
    /// link, never the source's permissions or owner, whatever the source is.
    static func copyBytes(from source: String, to target: String) throws(CopyFailure) {
        let input = open(source, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { throw .source(errno) }
        defer { close(input) }
        var info = stat()
        guard fstat(input, &info) == 0 else { throw .source(errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .source(EINVAL) }
        let output = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard output >= 0 else { throw .target(errno) }
        defer { close(output) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .source(errno)
            }
            if count == 0 { return }
            do {
                try OutputFolder.writeAll(Array(buffer[0..<count]), to: output)
            } catch {
                throw .target(error.code)
            }
        }
    }

    /// The first `count` bytes of the file at `path` (fewer when it is shorter), or nil when it
    /// cannot be opened or read.
    static func start(of path: String, count: Int) -> [UInt8]? {
        let input = open(path, O_RDONLY | O_CLOEXEC)
        guard input >= 0 else { return nil }
        defer { close(input) }
        var bytes = [UInt8](repeating: 0, count: count)
        let got = bytes.withUnsafeMutableBytes { pread(input, $0.baseAddress!, count, 0) }
        return got < 0 ? nil : Array(bytes.prefix(got))
    }

    /// Swaps the entries at `a` and `b` in one step (`renameat2` with `RENAME_EXCHANGE`), so that
    /// a process killed at any moment leaves each path holding one of the two, never neither.
    /// - Returns: 0, or the `errno` of the failure (`EINVAL` or `ENOSYS` where the file system or
    ///   the kernel cannot exchange).
    static func exchange(_ a: String, _ b: String) -> Int32 {
        guard let call = renameAt2 else { return ENOSYS }
        return call(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0 ? 0 : errno
    }

    /// `RENAME_EXCHANGE` from `<linux/fs.h>`.
    private static let renameExchange: UInt32 = 1 << 1

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// glibc's `renameat2` (2.28 and later), which Swift's Glibc module does not declare.
    private static let renameAt2: RenameAt2? = dlsym(nil, "renameat2").map { unsafeBitCast($0, to: RenameAt2.self) }

    /// Renames `from` to `to`; the `errno` of a failure.
    static func move(_ from: String, to: String) -> Int32 {
        rename(from, to) == 0 ? 0 : errno
    }
}

/// Standard output and standard error, written as bantin's messages are: a line at once, and
/// whatever the stream does with it (a full disk, a closed pipe, a closed descriptor) costs the
/// message, not the build's exit status. (`FileHandle.write` traps on those.)
public enum StandardStream {
    public static func output(_ text: String) { write(text, to: STDOUT_FILENO) }
    public static func error(_ text: String) { write(text, to: STDERR_FILENO) }

    static func write(_ text: String, to fd: Int32) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var at = 0
            while at < buffer.count {
                let written = Foundation.write(fd, buffer.baseAddress! + at, buffer.count - at)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else { return }
                at += written
            }
        }
    }
}
