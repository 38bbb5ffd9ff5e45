import Foundation

/// Keeps two bantin processes (or two builds in one process) from writing the same output at
/// once: an OS lock (`flock(2)`) on `.public.bantin/lock`, which also records the holder's
/// process id for the message a waiting build prints. The system drops the lock with its
/// holder, so a killed build never leaves one behind.
public final class BuildLock: @unchecked Sendable {
    /// Why the lock was not taken.
    public enum Failure: Error, Equatable, Sendable {
        /// Another build holds it and the caller did not want to wait; the holder's process id when known.
        case busy(holder: Int32?)
        /// The state folder or the lock file could not be made or opened.
        case fault(FileFault)
    }

    /// The lock file, open while the lock is held; -1 once released.
    private var fd: Int32

    /// Takes the lock of `output`. When another build holds it: with `wait`, calls `waiting`
    /// once with the holder's process id and waits until it ends; otherwise throws `busy`.
    public init(for output: OutputFolder, wait: Bool, waiting: (Int32?) -> Void = { _ in }) throws(Failure) {
        do {
            try output.prepareState()
        } catch {
            throw .fault(error)
        }
        let path = output.lockURL.path
        // Kept in a local until the lock is held: a class whose properties are all set runs its
        // `deinit` when its `init` throws, and `release()` would then truncate and close again a
        // number the system may have given to another file of the process meanwhile.
        // Never through a link: the lock is bantin's own file, and nothing outside is written.
        // (Nor waiting to open a pipe someone put there.)
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
        guard fd >= 0 else {
            if errno == ELOOP { throw .fault(FileFault("open bantin's lock file", output.stateShown + "/lock", reason: "it is a symbolic link; remove it (bantin makes the file)")) }
            throw .fault(FileFault.last("open bantin's lock file", output.stateShown + "/lock"))
        }
        guard Self.isFile(fd) else {
            close(fd)
            throw .fault(FileFault("open bantin's lock file", output.stateShown + "/lock", reason: "it is not a file; move it away (bantin keeps its lock there)"))
        }
        if Self.lock(fd, blocking: false) != 0 {
            let holder = Self.buildHolding(fd)
            guard wait else {
                close(fd)
                throw .busy(holder: holder)
            }
            waiting(holder)
            let code = Self.lock(fd, blocking: true)
            guard code == 0 else {
                close(fd)
                throw .fault(FileFault("lock", output.stateShown + "/lock", code: code))
            }
        }
        self.fd = fd
        record(getpid())
    }

    /// Ends the lock (also when the lock is dropped, or the process ends).
    public func release() {
        guard fd >= 0 else { return }
        ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }

    /// `flock`, exclusive (a build's) or `shared` (a check's), retried when a signal interrupts
    /// it; 0 or the `errno`.
    private static func lock(_ fd: Int32, blocking: Bool, shared: Bool = false) -> Int32 {
        while flock(fd, (shared ? LOCK_SH : LOCK_EX) | (blocking ? 0 : LOCK_NB)) != 0 {
            if errno != EINTR { return errno }
        }
        return 0
    }

    /// Writes the holder's process id into the lock file.
    private func record(_ pid: Int32) {
        let text = Array("\(pid)\n".utf8)
        ftruncate(fd, 0)
        _ = text.withUnsafeBytes { pwrite(fd, $0.baseAddress!, $0.count, 0) }
    }

    /// Whether `fd` is a regular file (not a folder or a pipe someone put there).
    private static func isFile(_ fd: Int32) -> Bool {
        var info = stat()
        return fstat(fd, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
    }

    /// The process id of the build that holds the lock: none when only checks hold it (shared,
    /// recording no id: the file may still hold the id of a build killed before them, a number
    /// the system may have given to another process since).
    private static func buildHolding(_ fd: Int32) -> Int32? {
        if lock(fd, blocking: false, shared: true) == 0 {
            flock(fd, LOCK_UN)
            return nil
        }
        return holder(fd)
    }

    /// The process id recorded by the holder. The holder writes it just after taking the lock,
    /// so an empty file, or the id of a process that is gone, is read again for a moment.
    private static func holder(_ fd: Int32) -> Int32? {
        for _ in 0..<20 {
            var bytes = [UInt8](repeating: 0, count: 16)
            let count = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, 0) }
            let text = String(decoding: bytes.prefix(max(count, 0)), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if let pid = Int32(text), pid > 0, kill(pid, 0) == 0 || errno == EPERM { return pid }
            usleep(10_000)
        }
        return nil
    }

    /// Runs `body` while no build writes `output`, under the lock shared with other readers
    /// (`bantin check` reads one whole site, not part of the last and part of the next): when a
    /// build holds it, calls `waiting` with its process id first. Without a lock file (a folder no
    /// build made), at once; a build that starts meanwhile waits for `body`.
    public static func reading<R>(_ output: OutputFolder, waiting: (Int32?) -> Void, _ body: () throws -> R) rethrows -> R {
        // Not through a link, nor a file that is not one: no build could hold the lock there.
        let fd = open(output.lockURL.path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
        guard fd >= 0 else { return try body() }
        // Closing the file drops the lock.
        defer { close(fd) }
        guard isFile(fd) else { return try body() }
        if lock(fd, blocking: false, shared: true) != 0 {
            waiting(holder(fd))
            _ = lock(fd, blocking: true, shared: true)
        }
        return try body()
    }

    /// What a build prints while it waits: `waiting for another bantin build of public/ (pid 4242)…`.
    /// Without a holder's process id, the lock may be a check's (`reading`), which records none.
    public static func waitingMessage(output: String, holder: Int32?) -> String {
        "waiting for another bantin build\(holder.map { " of \(output)/ (pid \($0))" } ?? " or check of \(output)/")…"
    }

    /// Why a build that would not wait did not run.
    public static func busyMessage(output: String, holder: Int32?) -> String {
        "another bantin build\(holder.map { " of \(output)/ is running (pid \($0))" } ?? " or check of \(output)/ is running"); not waiting for it (--no-wait)"
    }
}
