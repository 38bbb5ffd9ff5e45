import Foundation

/// Writing one file with plain POSIX calls: no intermediate copy, and every failure kept as its
/// `errno`, to be told in words (`FileFault`).
extension OutputFolder {
    /// Creates `path` and writes `bytes` into it: no sync (the staging folder is swapped in
    /// whole, so a half-written file is never seen). `replacing`: an existing file is unlinked
    /// first, so a hard link to it elsewhere keeps its content (`unlinkOld`).
    static func writeFile(_ bytes: [UInt8], to path: String, replacing: Bool = false) throws(FileFault) {
        try writeFile(parts: [bytes], to: path, replacing: replacing)
    }

    /// `parts` one after another, without joining them first.
    static func writeFile(parts: [[UInt8]], to path: String, replacing: Bool = false) throws(FileFault) {
        if replacing { try unlinkOld(path) }
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileFault.last("create", path) }
        do {
            for bytes in parts { try writeAll(bytes, to: fd) }
        } catch {
            Glibc.close(fd)
            throw FileFault("write", path, code: error.code)
        }
        // Some file systems report a full disk only when the file is closed.
        if Glibc.close(fd) != 0 { throw FileFault.last("write", path) }
    }

    /// Unlinks the file at `path` before a new one is made there. A file that cannot be unlinked
    /// is an error: writing into it would write into every hard link to it too (the site being
    /// read, when `path` is in the earlier site it shares files with). A folder there is removed
    /// (it holds nothing of the new site); no file there is nothing to do.
    static func unlinkOld(_ path: String) throws(FileFault) {
        guard unlink(path) != 0 else { return }
        switch errno {
        case ENOENT: return
        case EISDIR: try? FileManager.default.removeItem(atPath: path)
        default: throw FileFault.last("replace", path)
        }
    }

    /// Writes `parts` into a temporary file beside `path`, then renames it over `path`, so that a
    /// reader sees the old file or the new one, never half of one. A failure leaves no new file
    /// and the old one as it was.
    @discardableResult
    static func replaceFile(parts: [[UInt8]], at path: String) -> Bool {
        replaceFile(at: path) { file in
            for part in parts { part.withUnsafeBytes { file.append($0) } }
        }
    }

    /// The same, with what `write` appends (through a buffer: many small pieces cost few writes,
    /// and nothing is joined in memory first).
    @discardableResult
    static func replaceFile(at path: String, _ write: (inout FileAppender) -> Void) -> Bool {
        let temporary = path + ".tmp"
        unlink(temporary)
        let fd = Glibc.open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return false }
        var file = FileAppender(fd: fd)
        write(&file)
        let written = file.finish()
        if Glibc.close(fd) == 0, written, rename(temporary, path) == 0 { return true }
        // The failure's `errno` is kept for the caller, not the clean-up's.
        let code = errno
        unlink(temporary)
        errno = code
        return false
    }

    /// Writes all of `bytes` to `fd`.
    static func writeAll(_ bytes: [UInt8], to fd: Int32) throws(SystemError) {
        if let failure = bytes.withUnsafeBytes({ write($0, to: fd) }) { throw SystemError(code: failure) }
    }

    /// Writes all of `buffer` to `fd`; the `errno` of a failure.
    static func write(_ buffer: UnsafeRawBufferPointer, to fd: Int32) -> Int32? {
        guard !buffer.isEmpty else { return nil }
        var offset = 0
        while offset < buffer.count {
            let written = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += written
        }
        return nil
    }
}

/// Appends bytes to an open file through a buffer: many small pieces cost few writes. After a
/// failure the rest is not written, and `finish` says so.
struct FileAppender: ~Copyable {
    let fd: Int32
    private var buffer: [UInt8] = []
    private var failed = false
    static let capacity = 1 << 20

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(Self.capacity)
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if buffer.count + bytes.count > Self.capacity { flush() }
        if bytes.count >= Self.capacity {
            failed = failed || OutputFolder.write(bytes, to: fd) != nil
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    /// `value` as 8 bytes, little-endian.
    mutating func append(number value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { append($0) }
    }

    /// Writes what is buffered; whether everything appended was written.
    mutating func finish() -> Bool {
        flush()
        return !failed
    }

    private mutating func flush() {
        if !failed, !buffer.isEmpty { failed = buffer.withUnsafeBytes { OutputFolder.write($0, to: fd) } != nil }
        buffer.removeAll(keepingCapacity: true)
    }
}
