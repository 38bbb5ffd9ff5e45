import Foundation

/// Writing one file with plain POSIX calls: no intermediate copy, and every failure kept as its
/// `errno`, to be told in words (`FileFault`).
extension OutputFolder {
    /// Creates `path` and writes `bytes` into it: no sync (the staging folder is swapped in
    /// whole, so a half-written file is never seen). `replacing`: an existing file is unlinked
    /// first, so a hard link to it elsewhere keeps its content.
    static func writeFile(_ bytes: [UInt8], to path: String, replacing: Bool = false) throws(FileFault) {
        try writeFile(parts: [bytes], to: path, replacing: replacing)
    }

    /// `parts` one after another, without joining them first.
    static func writeFile(parts: [[UInt8]], to path: String, replacing: Bool = false) throws(FileFault) {
        if replacing { unlink(path) }
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

    /// Writes `parts` into a temporary file beside `path`, then renames it over `path`, so that a
    /// reader sees the old file or the new one, never half of one. A failure leaves no new file
    /// and the old one as it was.
    @discardableResult
    static func replaceFile(parts: [[UInt8]], at path: String) -> Bool {
        let temporary = path + ".tmp"
        do {
            try writeFile(parts: parts, to: temporary, replacing: true)
            if rename(temporary, path) == 0 { return true }
        } catch {}
        unlink(temporary)
        return false
    }

    /// Writes all of `bytes` to `fd`.
    static func writeAll(_ bytes: [UInt8], to fd: Int32) throws(SystemError) {
        let failure: Int32? = bytes.withUnsafeBytes { buffer in
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
        if let failure { throw SystemError(code: failure) }
    }
}
