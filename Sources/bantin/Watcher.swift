import BantinKit
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Waits for changes under some folders: inotify on Linux (every sub-folder watched),
/// otherwise polling file sizes and modification times. Changes are debounced: the wait
/// ends once the files have been quiet for a moment, so an editor's save is one rebuild.
final class ChangeWatcher {
    let folders: [URL]
    private(set) var method: String
    private var descriptor: Int32 = -1
    private var lastSnapshot = ""
    private let quiet: Int32 = 200  // milliseconds

    init(folders: [URL], polling: Bool) {
        self.folders = folders
        method = "polling"
        #if os(Linux)
            if !polling, openInotify() { method = "inotify" }
        #endif
        if descriptor < 0 { lastSnapshot = Self.snapshot(folders) }
    }

    func waitForChange() {
        #if os(Linux)
            if descriptor >= 0 {
                waitWithInotify()
                return
            }
        #endif
        waitByPolling()
    }

    private func waitByPolling() {
        while true {
            usleep(300_000)
            var now = Self.snapshot(folders)
            guard now != lastSnapshot else { continue }
            repeat {
                lastSnapshot = now
                usleep(useconds_t(quiet) * 1000)
                now = Self.snapshot(folders)
            } while now != lastSnapshot
            return
        }
    }

    #if os(Linux)
        private func openInotify() -> Bool {
            descriptor = inotify_init1(Int32(IN_CLOEXEC))
            guard descriptor >= 0 else { return false }
            let mask = UInt32(IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE | IN_ATTRIB | IN_DELETE_SELF)
            for folder in folders {
                var stack = [folder.path]
                while let path = stack.popLast() {
                    _ = inotify_add_watch(descriptor, path, mask)
                    let children = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                    for child in children {
                        let full = path + "/" + child
                        var isDir: ObjCBool = false
                        if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), isDir.boolValue { stack.append(full) }
                    }
                }
            }
            return true
        }

        private func waitWithInotify() {
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            _ = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }  // blocks until a change
            // Drain until quiet.
            var fds = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            while poll(&fds, 1, quiet) > 0 {
                _ = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            }
            // Folders may have been added or removed: watch the tree anew.
            close(descriptor)
            descriptor = -1
            if !openInotify() {
                method = "polling"
                lastSnapshot = Self.snapshot(folders)
            }
        }
    #endif

    /// Fingerprint of every file under the folders (path, size, modification time).
    static func snapshot(_ folders: [URL]) -> String {
        folders.map(InputStamp.fingerprint(of:)).joined(separator: " ")
    }
}
